"""A database that cannot be reached or written: a clear 503 page or JSON, never a 500 or a traceback."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.exc import DataError

from survey import create_app
from tests.load.postgres import migrate
from tests.load.server import free_port

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def app_on(url: str):
    return create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})


@pytest.fixture()
def read_only_app(tmp_path):
    """The app on a SQLite file it may read but not write (opened read-only: root ignores chmod)."""
    path = tmp_path / "readiness.db"
    migrate(f"sqlite:///{path}")
    return app_on(f"sqlite:///file:{path}?mode=ro&uri=true")


@pytest.fixture()
def unreachable_app():
    """The app on a PostgreSQL URL where nothing listens."""
    return app_on(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nowhere?connect_timeout=2")


def start_response(client):
    token = CSRF.search(client.get("/").get_data(as_text=True))[1]
    return client.post("/start", data={"profile": "staff", "csrf_token": token})


def assert_unavailable(reply) -> None:
    page = reply.get_data(as_text=True)
    assert reply.status_code == 503
    assert "Temporarily unavailable" in page and "Traceback" not in page
    assert reply.headers["Retry-After"]


def test_read_only_sqlite_file_is_a_503_page_not_a_500(read_only_app):
    client = read_only_app.test_client()
    assert client.get("/").status_code == 200
    assert_unavailable(start_response(client))


def test_healthz_is_503_when_the_database_refuses_writes(read_only_app):
    reply = read_only_app.test_client().get("/healthz")
    assert reply.status_code == 503
    assert reply.get_json() == {"status": "unavailable", "database": "unreachable"}


def test_unreachable_postgresql_gives_503_pages_and_healthz(unreachable_app):
    client = unreachable_app.test_client()
    assert_unavailable(client.get("/r/some-token/"))
    assert_unavailable(start_response(client))
    assert client.get("/healthz").status_code == 503


def test_api_clients_get_the_503_as_json(unreachable_app):
    reply = unreachable_app.test_client().get("/r/some-token/", headers={"Accept": "application/json"})
    assert reply.status_code == 503 and reply.get_json() == {"error": "database unavailable"}


def test_a_database_error_that_is_not_an_outage_stays_a_500(app, client, monkeypatch):
    import survey.respondent.routes as routes

    def refuse(*args, **kwargs):
        raise DataError("INSERT", {}, Exception("value out of range"))

    monkeypatch.setattr(routes, "create_response", refuse)
    reply = start_response(client)
    assert reply.status_code == 500 and "Traceback" not in reply.get_data(as_text=True)
