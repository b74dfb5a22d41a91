"""Defences every response carries: security headers, cookie flags, proxy trust, hostile input at the edge.

Private links (/r/<token>/, /i/<token>) are the only key to a response, so pages must not leak
their URL to other sites (Referrer-Policy), run no script but the site's own (CSP), and never be
framed. Plotly sets inline style attributes on the chart, hence 'unsafe-inline' for styles only.
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from survey.web.request_guards import register_request_guards

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000"


def register_security(app: Flask) -> None:
    """Cookie flags, proxy trust, the guards against hostile input and the headers; called by create_app."""
    configure_cookies(app)
    trust_proxies(app)
    register_request_guards(app)
    app.after_request(add_security_headers)


def configure_cookies(app: Flask) -> None:
    """HttpOnly and SameSite=Lax everywhere; Secure in production, where the site is served over HTTPS.

    The CSRF token lives in the session cookie (Flask-WTF), so this covers it; Flask-Login's
    remember cookie gets the same flags should the consultant workspace use one.
    """
    secure = app.config["ENV_NAME"] == "production"
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure or app.config.get("SESSION_COOKIE_SECURE", False),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
    )


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, take the client address, scheme, host, port and path prefix
    from X-Forwarded-* (the sign-in rate limit counts per address, and would otherwise count the proxy's)."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)


def no_store(response: Response) -> Response:
    """After-request hook of private pages (a respondent's, the workspace's, the API's): no cache, shared or
    the browser's, keeps them, so that no one opens them from a proxy or from the history of a shared
    computer. A response that chose its own caching (a logo) keeps it."""
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response


def add_security_headers(response: Response) -> Response:
    """Each header unless the view set its own; one pass over the response's headers, not one per header."""
    wanted = list(SECURITY_HEADERS.items())
    if request.is_secure:
        wanted.append(("Strict-Transport-Security", HSTS))
    present = {name.lower() for name in response.headers.keys()}  # noqa: SIM118 - Headers iterate (name, value)
    response.headers.extend([(name, value) for name, value in wanted if name.lower() not in present])
    return response
