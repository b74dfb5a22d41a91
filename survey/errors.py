"""Error pages: every failure a visitor can meet gets a page in their language, never a traceback."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from survey.extensions import db


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, template: str | None = None, **context):
    if wants_json():
        return {"error": context.get("message") or str(status)}, status
    return render_template(template or f"errors/{status}.html", **context), status


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, "errors/csrf.html", message=error.description)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        db.session.rollback()
        app.logger.error("database unavailable: %s", error.orig)
        return render_error(503, "errors/503.html", message="database unavailable")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        template = f"errors/{status}.html" if status in (404, 413, 429, 503) else "errors/generic.html"
        return render_error(status, template, message=error.description, error=error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("unexpected error")
        db.session.rollback()
        return render_error(500, "errors/generic.html", message="internal error")
