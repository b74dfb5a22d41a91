"""Several app instances behind a load balancer: nothing a request needs lives in one instance."""

from __future__ import annotations

from itertools import cycle

import pytest
from werkzeug.test import Client

from survey import create_app
from survey.extensions import db
from tests.conftest import Browser
from tests.web.journey import answer_everything, start


class RoundRobin:
    """A load balancer in miniature: each request goes to the next instance."""

    def __init__(self, apps):
        self.apps = cycle(apps)

    def __call__(self, environ, start_response):
        return next(self.apps)(environ, start_response)


def test_a_whole_journey_works_when_every_request_lands_on_another_instance(app, questionnaire, monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    shared = {
        "SECRET_KEY": "shared-by-every-instance",
        "SQLALCHEMY_DATABASE_URI": database,
        "TRUSTED_HOSTS": "localhost",
    }
    instances = [create_app(shared), create_app(shared), create_app(shared)]
    browser = Browser(Client(RoundRobin(instances), use_cookies=True))
    browser.client.environ_base = {"wsgi.url_scheme": "https"}  # production cookies are Secure
    token = start(browser, "candidate", "Several instances")
    answer_everything(browser, questionnaire, token, "candidate")
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").headers["Location"].endswith("/report")
    assert browser.get(f"/r/{token}/report").status_code == 200
    assert browser.get(f"/r/{token}/report.pdf").status_code == 200
    for instance in instances:
        with instance.app_context():
            db.engine.dispose()


def test_production_refuses_to_start_without_a_shared_secret_key(monkeypatch):
    """No per-instance key file in production: instances would reject each other's cookies."""
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(SystemExit, match="SECRET_KEY"):
        create_app({"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
