"""Readiness Scorecard: the application factory reads like a table of contents."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask

from survey.config import PROJECT_ROOT, config_for_environment, host_names
from survey.documents.pdf.render_slots import register_render_slots
from survey.domain.questionnaire.loader import QuestionnaireError, load_questionnaire
from survey.domain.questionnaire.model import Questionnaire
from survey.extensions import babel, csrf, db, limiter, login_manager, migrate
from survey.web.assets import register_static_files
from survey.web.errors import register_error_pages
from survey.web.rate_limits import register_rate_limits
from survey.web.request_log import register_request_log
from survey.web.security import register_link_csrf, register_security
from survey.web.templating import register_template_helpers


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; `config` overrides settings (tests point it at a temporary database)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.from_object(config_for_environment())
    if config:
        app.config.from_mapping(config)
    configure_secret_key(app)
    configure_trusted_hosts(app)
    configure_database_url(app)
    load_questionnaire_into(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_pages(app)
    register_template_helpers(app)
    register_commands(app)
    register_static_files(app)
    register_security(app)
    register_request_log(app)
    return app


def register_extensions(app: Flask) -> None:
    import survey.store.database  # noqa: F401  (SQLite pragmas on every connection)
    import survey.store.models  # noqa: F401  (tables known to the metadata and to migrations)
    from survey.web.i18n.catalogs import ensure_compiled_catalogs
    from survey.web.i18n.locale import select_locale

    db.init_app(app)
    with app.app_context():
        survey.store.database.serialize_sqlite_writes(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    register_link_csrf(app)  # a private link's survey pages carry the link's own CSRF token (web/security.py)
    for translations in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";"):
        ensure_compiled_catalogs(translations)  # a deployment never loses a language (see web/i18n/catalogs.py)
    babel.init_app(app, locale_selector=select_locale)
    # Not in every template: loading the user on a respondent's page rewrote their session cookie each time
    # (Flask-Login marks a session without an account "not fresh"); the workspace adds it to its own templates.
    login_manager.init_app(app, add_context_processor=False)
    limiter.init_app(app)
    # The only limits are on a few views (sign-in, starting a response, PDF renders), which their decorators
    # check; Flask-Limiter's hook before every request (for application-wide limits, which we have none of)
    # cost every page a twentieth of its time.
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks:
        hooks.remove(limiter._check_request_limit)
    register_render_slots(app)
    register_rate_limits(app)


def register_blueprints(app: Flask) -> None:
    from survey import api, consultant, respondent
    from survey.web import health
    from survey.web.converters import register_converters

    register_converters(app)
    app.register_blueprint(respondent.bp)
    app.register_blueprint(respondent.space_routes.space_bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(consultant.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")


def configure_secret_key(app: Flask) -> None:
    """Production needs SECRET_KEY from the environment; development keeps one in instance/."""
    if app.config.get("SECRET_KEY"):
        return
    if app.config["ENV_NAME"] == "production":
        raise SystemExit("SECRET_KEY must be set in the environment in production (APP_ENV=production)")
    key_file = Path(app.instance_path) / "secret_key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


def configure_trusted_hosts(app: Flask) -> None:
    """Production answers only to the host names in TRUSTED_HOSTS (a list, or a comma-separated string)."""
    hosts = app.config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        app.config["TRUSTED_HOSTS"] = hosts = host_names(hosts)
    if app.config["ENV_NAME"] == "production" and not hosts:
        raise SystemExit(
            "TRUSTED_HOSTS must be set in production (APP_ENV=production): the site's host names, "
            "comma-separated, e.g. TRUSTED_HOSTS=scorecard.example.org"
        )


def configure_database_url(app: Flask) -> None:
    """SQLite in the instance folder unless DATABASE_URL says otherwise."""
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'readiness.db'}"
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A restarted server leaves the pool's connections dead: each is checked before use (a SQLite file has
        # no connection to lose, so it skips that query). An unreachable host answers in seconds with a 503,
        # instead of holding a worker for good.
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_pre_ping": True,
            **options,
            "connect_args": {"connect_timeout": 5},
        }


def load_questionnaire_into(app: Flask) -> None:
    """Load and validate questions.yaml once; an invalid file stops the app with the problems."""
    path = Path(app.config["QUESTIONNAIRE_PATH"])
    try:
        app.extensions["questionnaire"] = loaded_questionnaire(str(path), *file_version(path))
    except QuestionnaireError as error:
        raise SystemExit(f"Invalid questionnaire, the app cannot start:\n{error}") from None


def file_version(path: Path) -> tuple[int, int]:
    """(modification time, size), or (0, 0) for a file that cannot be read: the loader then says why."""
    try:
        stat = path.stat()
    except OSError:
        return 0, 0
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def loaded_questionnaire(path: str, mtime_ns: int, size: int) -> Questionnaire:
    """One parse per file version and process (the model is frozen): a process that builds several apps, a test
    run or a CLI, reads the YAML once."""
    return load_questionnaire(path)


def register_commands(app: Flask) -> None:
    from survey import cli_stats  # noqa: F401  (adds `questions stats` to the questions group)
    from survey.cli import demo_command, questions_group, report_command, score_command, users_group
    from survey.mail.cli import mail_group
    from survey.web.jobs import jobs_group

    commands = (questions_group, score_command, report_command, users_group, demo_command, mail_group, jobs_group)
    for command in commands:
        app.cli.add_command(command)
