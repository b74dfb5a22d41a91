"""Error pages: every failure a visitor can meet gets a page in their language, never a traceback."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, SecurityError

from survey.documents.pdf.render_slots import RendererBusy
from survey.extensions import db

RETRY_AFTER_SECONDS = "30"
BUSY_RETRY_AFTER_SECONDS = "5"
READ_ONLY_TRANSACTION = "25006"  # PostgreSQL's SQLSTATE for a write refused by a read-only server


def database_is_unavailable(error: DBAPIError) -> bool:
    """True when the database cannot be reached or written right now, whatever the request was."""
    return (
        isinstance(error, OperationalError | InterfaceError)
        or error.connection_invalidated
        or getattr(error.orig, "sqlstate", None) == READ_ONLY_TRANSACTION
    )


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, template: str | None = None, **context):
    if wants_json():
        return {"error": context.get("message") or str(status)}, status
    return render_template(template or f"errors/{status}.html", **context), status


def kept_headers(error: HTTPException) -> list[tuple[str, str]]:
    """The headers Werkzeug gives the error (Allow on a 405, WWW-Authenticate on a 401...), but its HTML type."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "errors/csrf.html", message=error.description)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        template = f"errors/{status}.html" if status in (404, 413, 429, 503) else "errors/generic.html"
        explanation = getattr(error, "explanation", None)  # a translated sentence, see request_guards
        body, status = render_error(status, template, message=explanation or error.description, explanation=explanation)
        return body, status, kept_headers(error)

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        """A Host header outside TRUSTED_HOSTS: no URL can be built for it, so the page links nowhere."""
        if wants_json():
            return {"error": "unknown host"}, 400
        return render_template("errors/host.html"), 400

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.error("unexpected error", exc_info=error)
        forget_request_state()
        return render_error(500, "errors/generic.html", message="internal error")

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        if not database_is_unavailable(error):
            return unexpected_error(error)
        app.logger.error("database unavailable: %s", error.orig)
        return database_unavailable()

    @app.errorhandler(RendererBusy)
    def renderer_busy(error: RendererBusy):
        app.logger.warning("PDF renderer busy: %s", error)
        body, status = render_error(503, "errors/busy.html", message="busy rendering documents, try again shortly")
        return body, status, {"Retry-After": BUSY_RETRY_AFTER_SECONDS}

    @app.errorhandler(PoolTimeoutError)
    def no_free_connection(error: PoolTimeoutError):
        app.logger.error("database unavailable: %s", error)
        return database_unavailable()


def database_unavailable():
    """The 503 page (or JSON), with a hint to retry: the answers saved so far are safe."""
    forget_request_state()
    body, status = render_error(503, "errors/503.html", message="database unavailable")
    return body, status, {"Retry-After": RETRY_AFTER_SECONDS}


def forget_request_state() -> None:
    """Roll back, and drop the loaded response: the rollback expired it, and rendering the error page
    must not reload it from a database that may be down. On a dead connection the rollback may fail
    too, and there is nothing left to undo."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.close()
    g.pop("response", None)
