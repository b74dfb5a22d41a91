"""Security headers on every response, cookie flags, proxy trust, and bodies too large or malformed."""

from __future__ import annotations

import re

import pytest

from survey import create_app
from survey.web.security import CONTENT_SECURITY_POLICY
from tests.web.journey import answer_everything, start

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def assert_protected(reply) -> None:
    policy = reply.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture()
def submitted_token(browser, questionnaire):
    token = start(browser, "candidate", "ACME")
    answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    return token


def test_the_policy_allows_only_the_sites_own_scripts():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY


def test_every_kind_of_response_carries_the_headers(browser, submitted_token):
    urls = [
        "/",
        "/?lang=fr",
        f"/r/{submitted_token}/review",
        f"/r/{submitted_token}/report",
        f"/r/{submitted_token}/answers.json",
        f"/r/{submitted_token}/delete",
        "/r/unknown-token/",
        "/healthz",
        "/static/css/app.css",
        "/no/such/page",
    ]
    for url in urls:
        assert_protected(browser.get(url))
    assert_protected(browser.client.post("/start", data={"profile": "candidate"}))  # CSRF refused: 400 page
    assert_protected(browser.post(f"/r/{submitted_token}/submit"))  # a redirect


def test_pages_have_no_inline_script_nor_event_handler(browser, questionnaire, submitted_token):
    token = start(browser, "staff")
    first = questionnaire.dimensions[0].id
    for url in ("/", f"/r/{token}/q/{first}", f"/r/{token}/review", f"/r/{submitted_token}/report", "/nowhere"):
        page = browser.get(url).get_data(as_text=True)
        assert not INLINE_SCRIPT.search(page), url
        assert not EVENT_HANDLER_ATTRIBUTE.search(page), url
    assert 'id="radar-data"' in browser.get(f"/r/{submitted_token}/report").get_data(as_text=True)


def test_session_cookie_is_http_only_and_same_site_lax(client):
    client.get("/?lang=fr")
    cookie = client.get_cookie("session", domain="survey.test")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_a_respondents_session_cookie_is_set_once_not_rewritten_by_the_next_page(app, browser, questionnaire):
    """A new cookie on each page would race between two tabs and cost every page a signature."""
    token = start(browser, "staff")
    page = f"/r/{token}/q/{questionnaire.dimensions[0].id}"
    other_device = app.test_client()
    first = other_device.get(page)  # the page's form carries its link's own CSRF token: no session to make
    assert first.status_code == 200 and "Set-Cookie" not in first.headers
    again = other_device.get(page)
    assert again.status_code == 200 and "Set-Cookie" not in again.headers
    assert "Set-Cookie" not in browser.get(page).headers  # the device that started it keeps its cookie as set


def production_app(monkeypatch, **config):
    monkeypatch.setenv("APP_ENV", "production")
    settings = {
        "SECRET_KEY": "production-test",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "TRUSTED_HOSTS": "localhost, survey.test",
    }
    return create_app({**settings, **config})


def test_cookies_are_secure_in_production(monkeypatch):
    app = production_app(monkeypatch)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    reply = app.test_client().get("/?lang=fr", base_url="https://survey.test")
    set_cookie = reply.headers["Set-Cookie"]
    assert "Secure" in set_cookie and "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie


def test_behind_a_trusted_proxy_https_is_recognised_and_announced(monkeypatch):
    app = production_app(monkeypatch, TRUSTED_PROXIES=1)
    reply = app.test_client().get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert reply.headers["Strict-Transport-Security"].startswith("max-age=")


def test_forwarded_headers_are_ignored_without_trusted_proxies(monkeypatch):
    app = production_app(monkeypatch)
    reply = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in reply.headers


def test_oversized_body_gets_the_friendly_413_page(browser):
    token = start(browser, "staff")
    reply = browser.post(f"/r/{token}/q/validation", {"comment": "x" * (1024 * 1024 + 1), "action": "back"})
    assert reply.status_code == 413
    assert "Too much data" in reply.get_data(as_text=True)
    assert_protected(reply)


@pytest.mark.parametrize(
    "url, data",
    [("/r/%00/", None), ("/?lang=%00", None), ("/start", {"profile": "staff", "organisation": "A\x00B"})],
)
def test_nul_bytes_are_a_400_never_a_500(browser, url, data):
    browser.get("/")
    reply = browser.post(url, data) if data else browser.get(url)
    assert reply.status_code == 400
