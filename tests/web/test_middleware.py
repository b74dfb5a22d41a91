"""The app behind a reverse proxy: X-Forwarded-* is believed only when TRUSTED_PROXIES says so."""

from __future__ import annotations

import pytest
from flask import request

from survey import create_app

FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "survey.example"}


def client_view(trusted_proxies: int):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_PROXIES": trusted_proxies})
    app.add_url_rule("/_seen", "seen", lambda: {"addr": request.remote_addr, "url": request.url_root})
    return app.test_client().get("/_seen", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_json()


@pytest.mark.parametrize(
    ("trusted_proxies", "expected"),
    [
        (0, {"addr": "127.0.0.1", "url": "http://localhost/"}),
        (1, {"addr": "203.0.113.7", "url": "https://survey.example/"}),
    ],
)
def test_forwarded_headers_are_trusted_only_behind_a_configured_proxy(trusted_proxies, expected):
    assert client_view(trusted_proxies) == expected
