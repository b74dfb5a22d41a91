"""One structured log line per request, with private tokens masked."""

from __future__ import annotations

import json
import logging
from datetime import datetime

import pytest

import survey.respondent.routes as respondent_routes
from survey import create_app
from survey.web.request_log import LOGGER_NAME
from tests.web.journey import start


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def requests(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture()
def captured():
    """Everything the request log and the app's logger write, as text."""
    handler = Lines()
    loggers = [logging.getLogger(LOGGER_NAME), logging.getLogger("survey")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def test_one_json_line_per_request_with_the_token_masked(browser, captured):
    token = start(browser, "staff")
    captured.lines.clear()
    browser.get(f"/r/{token}/q/validation?lang=fr")
    [line] = captured.requests()
    assert line["method"] == "GET" and line["status"] == 200
    assert line["path"] == "/r/***/q/validation" and line["query"] == "lang=fr"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["remote_addr"] == "127.0.0.1"
    assert datetime.fromisoformat(line["time"].replace("Z", "+00:00")).tzinfo is not None
    assert set(line) == {"time", "method", "path", "query", "status", "duration_ms", "remote_addr"}


def test_every_request_of_a_journey_is_logged_and_no_line_holds_a_token(browser, captured):
    token = start(browser, "staff")
    browser.get(f"/r/{token}/")
    browser.get(f"/r/{token}/review")
    browser.post(f"/r/{token}/submit")  # incomplete: back to the first page
    browser.get("/nowhere")
    browser.get(f"/?token={token}")
    statuses = [(line["method"], line["status"]) for line in captured.requests()]
    assert statuses == [
        ("GET", 200),
        ("POST", 302),
        ("GET", 302),
        ("GET", 200),
        ("POST", 302),
        ("GET", 404),
        ("GET", 200),
    ]
    assert logging.getLogger(LOGGER_NAME).propagate is False
    assert all(token not in line for line in captured.lines)


def test_an_unexpected_error_is_logged_with_its_traceback_and_no_token(browser, captured, monkeypatch):
    token = start(browser, "staff")

    def broken():
        raise RuntimeError(f"cannot review /r/{token}/review")

    monkeypatch.setitem(browser.client.application.view_functions, "respondent.review", broken)
    assert browser.get(f"/r/{token}/review").status_code == 500
    text = "\n".join(captured.lines)
    assert "RuntimeError: cannot review /r/***/review" in text and token not in text
    assert respondent_routes  # the real view is untouched for the other tests


def test_remote_address_comes_from_a_trusted_proxy(monkeypatch, captured):
    monkeypatch.setenv("APP_ENV", "production")
    app = create_app(
        {
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "TRUSTED_PROXIES": 1,
            "TRUSTED_HOSTS": "localhost",
        }
    )
    app.test_client().get("/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert captured.requests()[-1]["remote_addr"] == "203.0.113.9"
