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
    # werkzeug's method string for new password hashes: its default scrypt (N=2**15, ~0.1 s of CPU a hash). The
    # test suite's apps pass a cheaper N themselves; a hash keeps its own parameters, so any stored hash is
    # checked whatever the setting.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 - a hashing method, not a password
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
    # Rate limits per client address (sign-in: failures per address, per address and e-mail, and a slowdown
    # per e-mail, see consultant/auth.py): several processes or instances need a shared
    # store (for example redis://host:6379), or each counts on its own (gunicorn.conf.py warns at start-up).
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") == "1"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # a shared store that goes down: count per process meanwhile
    # No X-RateLimit-* headers: on the sign-in form, "Remaining" would tell whether someone just tried an e-mail.
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per minute")
    # Failures from one address on every e-mail together: raise it for many consultants behind one office address.
    LOGIN_ADDRESS_RATE_LIMIT = os.environ.get("LOGIN_ADDRESS_RATE_LIMIT", LOGIN_RATE_LIMIT)
    LOGIN_SLOWDOWN_SECONDS = float(os.environ.get("LOGIN_SLOWDOWN_SECONDS", "2"))
    # Anonymous work: responses started (/start and invite links' Start button), PDFs rendered (a cached
    # download counts for nothing). A workshop of 30 people behind one office address starts within the
    # minute; a script creating hundreds does not get far.
    START_RATE_LIMIT = os.environ.get("START_RATE_LIMIT", "30 per minute;300 per hour")
    PDF_RATE_LIMIT = os.environ.get("PDF_RATE_LIMIT", "10 per minute;100 per hour")
    PDF_RENDERS_PER_WORKER = int(os.environ.get("PDF_RENDERS_PER_WORKER", "1"))
    PDF_RENDER_WAIT_SECONDS = float(os.environ.get("PDF_RENDER_WAIT_SECONDS", "20"))
    # /healthz reads on every call; it tries a write at most once per this many seconds per process.
    HEALTH_WRITE_CHECK_SECONDS = float(os.environ.get("HEALTH_WRITE_CHECK_SECONDS", "10"))
    CONSULTANT_IDLE_HOURS = float(os.environ.get("CONSULTANT_IDLE_HOURS", "12"))
    # Invite links are an HMAC of the invite's id under this key; unset, a key derived from SECRET_KEY.
    INVITE_TOKEN_KEY = os.environ.get("INVITE_TOKEN_KEY")
    # gunicorn.conf.py sets it: gunicorn's access log then writes each request's line, and the app does not.
    REQUEST_LOG_BY_SERVER = os.environ.get("REQUEST_LOG_BY_SERVER", "0") == "1"
    LOGO_MAX_BYTES = int(os.environ.get("LOGO_MAX_BYTES", str(512 * 1024)))
    # The firm's PowerPoint template (a .pptx of masters, theme and pictures): its upload may be that large.
    DECK_TEMPLATE_MAX_BYTES = int(os.environ.get("DECK_TEMPLATE_MAX_BYTES", str(8 * 1024 * 1024)))
    # Fieldwork e-mail (see README, "Fieldwork"): without MAIL_SERVER, mail is not configured and the
    # round page keeps the copy-a-link workflow. The mail worker builds links on PUBLIC_URL.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER")
    MAIL_BATCH_SIZE = int(os.environ.get("MAIL_BATCH_SIZE", "20"))
    MAIL_LEASE_SECONDS = float(os.environ.get("MAIL_LEASE_SECONDS", "300"))
    MAIL_POLL_SECONDS = float(os.environ.get("MAIL_POLL_SECONDS", "5"))
    # A round with this many responses or more has its deck, workbook and PDF built by `flask jobs worker`
    # (survey/store/queues/jobs.py); smaller ones are built in the request, as fast as a page.
    JOBS_MIN_RESPONSES = int(os.environ.get("JOBS_MIN_RESPONSES", "1000"))
    JOBS_LEASE_SECONDS = float(os.environ.get("JOBS_LEASE_SECONDS", "600"))  # longer than the longest build
    JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
    JOBS_RETRY_SECONDS = float(os.environ.get("JOBS_RETRY_SECONDS", "30"))
    JOBS_POLL_SECONDS = float(os.environ.get("JOBS_POLL_SECONDS", "2"))
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
    MAIL_RETRY_SECONDS = float(os.environ.get("MAIL_RETRY_SECONDS", "60"))
    MAIL_RETRY_MAX_SECONDS = float(os.environ.get("MAIL_RETRY_MAX_SECONDS", "3600"))
    MAIL_MAX_REMINDERS = int(os.environ.get("MAIL_MAX_REMINDERS", "2"))


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
