"""Defences every response carries: security headers, cookie flags, proxy trust, hostile input at the edge.

Private links (/r/<token>/, /i/<token>) are the only key to a response, so pages must not leak
their URL to other sites (Referrer-Policy), run no script but the site's own (CSP), and never be
framed. Plotly sets inline style attributes on the chart, hence 'unsafe-inline' for styles only.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from flask import Flask, Response, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, same_origin
from werkzeug.middleware.proxy_fix import ProxyFix

from survey.extensions import csrf
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
    app.session_interface = SessionCookie()
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure or app.config.get("SESSION_COOKIE_SECURE", False),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
    )


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, its serializer built once per key rather than twice a request (10 us
    each, when a cached survey page takes 0.8 ms in-process); keys changed in the config give a new one."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, object] = {}

    def get_signing_serializer(self, app: Flask):
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            self._serializers = {key: serializer}  # one: the current keys
        return serializer


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


def register_link_csrf(app: Flask) -> None:
    """Every POST is checked, by CSRFProtect's own check or, on a private link's pages, by the link's token:
    CSRFProtect's hook is turned off (WTF_CSRF_CHECK_DEFAULT) for this one, which calls it in turn."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.before_request(check_csrf)


def bind_csrf_to_link(link_key: str) -> None:
    """This request is under a private link (`link_key`: the hash of its token): its pages may carry, and
    its forms post back, that link's own CSRF token."""
    g.csrf_link_key = link_key


def use_link_csrf_token() -> None:
    """The page's csrf_token() is its link's token, not the session's: a private link opened on a new device
    then gets no session, no signature and no Set-Cookie (a respondent's first view of each page).

    The token is an HMAC of the link under the secret key: nobody can make it without the key, or read it
    without opening the link; it is taken only on that link's own pages (check_csrf), where whoever holds the
    link may already change the response, so it opens nothing more than the link itself does."""
    setattr(g, current_app.config["WTF_CSRF_FIELD_NAME"], link_csrf_token(g.csrf_link_key))


def link_csrf_token(link_key: str) -> str:
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key  # as Flask-WTF signs with
    return hmac.new(_link_csrf_key(secret), link_key.encode(), hashlib.sha256).hexdigest()


@lru_cache(maxsize=4)
def _link_csrf_key(secret_key: str | bytes) -> bytes:
    """A key of its own, derived from the secret key: a link's token is no signature of anything else."""
    secret = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(secret, b"survey.link-csrf-token", hashlib.sha256).digest()


def check_csrf() -> None:
    """Before every request, in CSRFProtect's place: a private link's own token on that link's pages, otherwise
    CSRFProtect's check of the session's token (with its exemptions)."""
    config = current_app.config
    if not config["WTF_CSRF_ENABLED"] or request.method not in config["WTF_CSRF_METHODS"]:
        return
    link_key = g.get("csrf_link_key")
    submitted = request.form.get(config["WTF_CSRF_FIELD_NAME"]) or next(
        (request.headers[name] for name in config["WTF_CSRF_HEADERS"] if request.headers.get(name)), None
    )
    if link_key and submitted and same_token(submitted, link_csrf_token(link_key)):
        _check_referrer(config)
        g.csrf_valid = True
        return
    csrf.protect(apply_exemptions=True)


def same_token(submitted: str, expected: str) -> bool:
    """In constant time; a submitted token may hold any character (compare_digest refuses non-ASCII str)."""
    return hmac.compare_digest(submitted.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def _check_referrer(config) -> None:
    """As CSRFProtect checks it over HTTPS (WTF_CSRF_SSL_STRICT)."""
    if request.is_secure and config["WTF_CSRF_SSL_STRICT"]:
        if not request.referrer:
            raise CSRFError("The referrer header is missing.")
        if not same_origin(request.referrer, f"https://{request.host}/"):
            raise CSRFError("The referrer does not match the host.")
