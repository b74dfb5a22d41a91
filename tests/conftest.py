"""Shared fixtures: the questionnaires, an app on a throw-away database (SQLite, and PostgreSQL
when TEST_DATABASE_URL is set), a client that speaks CSRF like a browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from survey import create_app
from survey.extensions import db
from survey.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_PATH = FIXTURES / "mini.yaml"
REAL_PATH = ROOT / "questions.yaml"

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def mini():
    """A small questionnaire whose numbers are easy to check by hand."""
    return load_questionnaire(MINI_PATH)


@pytest.fixture(scope="session")
def questionnaire():
    """The questionnaire the product ships."""
    return load_questionnaire(REAL_PATH)


def database_url(backend: str, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (set by .ci/run)")
    return url


def reset_schema(url: str) -> None:
    """Drop every table of a previous run so migrations start from an empty database."""
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine

        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """One app per database backend, its schema built by the real migrations."""
    url = database_url(request.param, tmp_path_factory)
    reset_schema(url)
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SERVER_NAME": "survey.test", "RATELIMIT_ENABLED": False}
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Every test starts with empty tables (only for tests that use the app)."""
    yield
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
