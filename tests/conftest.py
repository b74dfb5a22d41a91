"""Shared fixtures: the questionnaires, an app on a throw-away database (SQLite, and PostgreSQL
when TEST_DATABASE_URL is set), a client that speaks CSRF like a browser."""

from __future__ import annotations

import os
import re
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import pytest
from flask_migrate import upgrade

from survey import create_app
from survey.domain.questionnaire.loader import load_questionnaire
from survey.extensions import db, limiter
from tests.databases import postgresql_database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_PATH = FIXTURES / "mini.yaml"
FINDINGS_PATH = FIXTURES / "findings.yaml"
REAL_PATH = ROOT / "questions.yaml"

BACKENDS = ["sqlite", "postgresql"]
# scrypt with a 32 times smaller N than production's (werkzeug's default): the suite signs consultants in
# hundreds of times, at ~0.13 s of CPU a hash and a check in production.
FAST_PASSWORD_HASH = "scrypt:1024:8:1"


@pytest.fixture(scope="session")
def mini():
    """A small questionnaire whose numbers are easy to check by hand."""
    return load_questionnaire(MINI_PATH)


@pytest.fixture(scope="session")
def risky():
    """A small questionnaire with a risk on every choice, to reason about findings by hand (findings.yaml)."""
    return load_questionnaire(FINDINGS_PATH)


@pytest.fixture(scope="session")
def questionnaire():
    """The questionnaire the product ships."""
    return load_questionnaire(REAL_PATH)


def worker_id() -> str:
    """The pytest-xdist worker running this process ("gw0", "gw1"...), or "main" without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@contextmanager
def throwaway_database(backend: str, tmp_path_factory):
    """A new empty database: a SQLite file, or a PostgreSQL database created next to
    TEST_DATABASE_URL's and dropped afterwards. Both names carry the xdist worker's id and a random
    part, so parallel workers (and parallel runs) never share a file or a table."""
    worker = worker_id()
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(f'db-{worker}-') / f'test-{worker}.db'}"
        return
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (set by .ci/run)")
    with postgresql_database(base, f"readiness_test_{worker}_") as url:
        yield url


@contextmanager
def migrated_app(backend: str, tmp_path_factory):
    with throwaway_database(backend, tmp_path_factory) as url:
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": url,
                "SERVER_NAME": "survey.test",
                "RATELIMIT_ENABLED": False,
                "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
            }
        )
        with app.app_context():
            upgrade()
        yield app
        with app.app_context():
            db.engine.dispose()


@contextmanager
def rate_limited_app(app, **limits):
    """An app on `app`'s database with the rate limiter on (it is off in the other tests), counting in memory,
    with `limits` on top (e.g. START_RATE_LIMIT="3 per minute"). The limiter is one object for every app: it is
    emptied before and after, and left off as the other tests expect."""
    limited = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SERVER_NAME": "survey.test",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://",
            **limits,
        }
    )
    limiter.reset()
    try:
        yield limited
    finally:
        limiter.reset()
        limiter.enabled = False
        with limited.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def _apps(tmp_path_factory):
    """The apps built so far in this process, by backend; each database is created and migrated once per
    session (per xdist worker), however often the tests switch between SQLite and PostgreSQL."""
    with ExitStack() as stack:
        built: dict[str, object] = {}

        def get(backend: str):
            if backend not in built:
                built[backend] = stack.enter_context(migrated_app(backend, tmp_path_factory))
            return built[backend]

        yield get


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, _apps):
    """One app per database backend, its schema built by the real migrations."""
    return _apps(request.param)


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Every test starts with empty tables (only for tests that use the app), and with the rate limiter as the
    test before found it: `limiter` is one object for every app, so a test that builds an app of its own with
    limits on would otherwise leave them on for the shared apps of the rest of the worker's tests."""
    limits_were_on = limiter.enabled
    yield
    limiter.enabled = limits_were_on
    with suppress(Exception):  # a limiter never initialised has no storage to empty
        limiter.reset()
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client that carries the CSRF token from the last page into each form post."""

    def __init__(self, client):
        self.client = client
        self.last_page = ""

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        if response.mimetype == "text/html":
            self.last_page = response.get_data(as_text=True)
        return response

    def post(self, url, data=None, follow=False, **kwargs):
        data = dict(data or {})
        match = CSRF_PATTERN.search(self.last_page)
        if match and "csrf_token" not in data:
            data["csrf_token"] = match.group(1)
        response = self.client.post(url, data=data, follow_redirects=follow, **kwargs)
        if response.mimetype == "text/html":
            self.last_page = response.get_data(as_text=True)
        return response


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def browser(client):
    return Browser(client)
