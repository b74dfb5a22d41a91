"""Settings from the environment, one class per mode (APP_ENV = development, production, testing)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def host_names(text: str | None) -> list[str] | None:
    """Comma-separated host names as a list (".example.net" admits every subdomain); None when there are none."""
    names = [name.strip() for name in (text or "").split(",") if name.strip()]
    return names or None


class Config:
    """Defaults shared by every mode; each can be overridden by an environment variable."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")  # None: a SQLite file in instance/
    # Parameters hold private tokens: hide_parameters keeps them out of error messages and logs.
    SQLALCHEMY_ENGINE_OPTIONS = {"hide_parameters": True}
    QUESTIONNAIRE_PATH = os.environ.get("QUESTIONNAIRE_PATH", str(PROJECT_ROOT / "questions.yaml"))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    WTF_CSRF_TIME_LIMIT = None  # a survey page may stay open for hours; the token is tied to the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # The host names the site answers to; a request for any other gets a 400 (Flask checks the Host header,
    # which absolute links are built from: private links, invite links, the API's). Required in production.
    TRUSTED_HOSTS = host_names(os.environ.get("TRUSTED_HOSTS"))
    # Consultant sign-in: attempts per address and per e-mail; several instances need a shared store
    # (for example redis://host:6379), or each instance counts on its own.
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") == "1"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per minute")
    # gunicorn.conf.py sets it: gunicorn's access log then writes each request's line, and the app does not.
    REQUEST_LOG_BY_SERVER = os.environ.get("REQUEST_LOG_BY_SERVER", "0") == "1"
    LOGO_MAX_BYTES = int(os.environ.get("LOGO_MAX_BYTES", str(512 * 1024)))


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-only-secret"  # noqa: S105 - tests only, never served


CONFIGS = {cls.ENV_NAME: cls for cls in (DevelopmentConfig, ProductionConfig, TestingConfig)}


def config_for_environment() -> type[Config]:
    """The settings class named by APP_ENV (development by default)."""
    name = os.environ.get("APP_ENV", "development")
    if name not in CONFIGS:
        raise SystemExit(f"APP_ENV={name!r} is not one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
