"""Redirects and links never lead off-site, however the URL is written; the site answers only to its own
host names in production; gunicorn believes forwarded headers only from proxies the operator declared."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from urllib.parse import quote

import pytest

from survey import create_app
from survey.web.access import safe_next_url
from tests.web.consultant import login, make_consultant

ROOT = Path(__file__).resolve().parents[2]

# Open-redirect payloads as browsers read them (tabs and line breaks dropped, backslashes read as slashes,
# controls and spaces trimmed at the ends), from the usual bypass lists.
BYPASSES = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/ /evil.example",
    "\x00//evil.example",
    "/\x0b/evil.example",
    "/\u200b/evil.example",
    "/\u3000/evil.example",
    "https://evil.example",
    "HTTPS://evil.example/",
    "https:evil.example",
    "http:/evil.example",
    "https:\\\\evil.example",
    "//evil.example@survey.test",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "%2F%2Fevil.example",
    "/\r\nSet-Cookie: session=stolen",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_safe_next_url_refuses_every_known_bypass(target):
    assert safe_next_url(target) is None


@pytest.mark.parametrize("target", ["/engagements", "/engagements/3/rounds/1/report?lang=fr#gaps", "/account/tokens"])
def test_safe_next_url_keeps_the_sites_own_paths(target):
    assert safe_next_url(target) == target


@pytest.mark.parametrize(
    "raw_next", ["/%09/evil.example", "/%0d%0a/evil.example", "%0d%0aSet-Cookie:%20x=1", "/%5Cevil.example"]
)
def test_sign_in_never_redirects_off_site_nor_fails(app, browser, raw_next):
    make_consultant(app, "ada@example.com")
    browser.get("/login")
    reply = browser.post(
        f"/login?next={raw_next}", {"email": "ada@example.com", "password": "correct horse battery staple"}
    )
    assert reply.status_code == 302 and reply.headers["Location"] == "/engagements"


def test_sign_in_goes_back_to_a_page_of_the_site(app, browser):
    make_consultant(app, "ada@example.com")
    assert browser.get("/account/tokens").status_code == 302
    browser.get("/login")
    target = quote("/account/tokens?x=1", safe="")
    reply = browser.post(
        f"/login?next={target}", {"email": "ada@example.com", "password": "correct horse battery staple"}
    )
    assert reply.headers["Location"] == "/account/tokens?x=1"


@pytest.mark.parametrize("path", ["/\\evil.example/", "//evil.example/", "/\\\\evil.example", "/\t/evil.example"])
def test_language_links_of_a_404_stay_on_the_site(client, path):
    reply = client.get("/", environ_overrides={"PATH_INFO": path})  # the path as the server decoded it
    assert reply.status_code == 404
    links = re.findall(r'href="([^"]*lang=[^"]*)"', reply.get_data(as_text=True))
    assert links, "the page offers its other language"
    for link in links:
        assert link.startswith("/") and not link.startswith("//") and "\\" not in link and "\t" not in link
    assert 'href="/%5Cevil.example/?lang=fr"' in client.get("/%5Cevil.example/").get_data(as_text=True)


def production_app(monkeypatch, **config):
    monkeypatch.setenv("APP_ENV", "production")
    return create_app({"SECRET_KEY": "production-test", "SQLALCHEMY_DATABASE_URI": "sqlite://", **config})


def test_production_refuses_to_start_without_trusted_hosts(monkeypatch):
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    with pytest.raises(SystemExit, match="TRUSTED_HOSTS must be set in production"):
        production_app(monkeypatch)
    with pytest.raises(SystemExit, match="TRUSTED_HOSTS"):
        production_app(monkeypatch, TRUSTED_HOSTS=" , ")


def test_trusted_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRUSTED_HOSTS", "survey.example.org, .clients.example.net")
    import importlib

    from survey import config

    try:
        settings = importlib.reload(config).ProductionConfig
        assert settings.TRUSTED_HOSTS == ["survey.example.org", ".clients.example.net"]
    finally:
        monkeypatch.delenv("TRUSTED_HOSTS")
        importlib.reload(config)


def test_another_host_gets_a_400_and_absolute_links_name_only_trusted_hosts(monkeypatch):
    client = production_app(monkeypatch, TRUSTED_HOSTS="survey.example.org").test_client()
    document = client.get("/api/v1/openapi.json", base_url="https://survey.example.org")
    assert document.status_code == 200 and document.json["servers"] == [{"url": "https://survey.example.org/api/v1"}]
    for path in ("/api/v1/openapi.json", "/", "/login", "/no/such/page"):
        reply = client.get(path, base_url="https://evil.example")
        assert reply.status_code == 400, path
        assert "evil.example" not in reply.get_data(as_text=True)
    page = client.get("/", base_url="https://evil.example").get_data(as_text=True)
    assert "This site does not answer to this host name" in page
    assert client.get("/", headers={"Host": "survey.example.org:443"}, base_url="https://x").status_code == 200


def test_tests_and_development_answer_any_host_unless_told(app, client):
    """The test suite serves survey.test (SERVER_NAME); development serves localhost and the LAN alike."""
    assert app.config["TRUSTED_HOSTS"] is None
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("proxies,allowed", [("0", []), ("1", ["127.0.0.1", "::1"])])
def test_gunicorn_believes_forwarded_headers_only_with_trusted_proxies(monkeypatch, proxies, allowed):
    from gunicorn.config import Config

    monkeypatch.setenv("APP_ENV", "production")  # gunicorn.conf.py sets these defaults in os.environ
    monkeypatch.setenv("REQUEST_LOG_BY_SERVER", "1")
    monkeypatch.setenv("TRUSTED_PROXIES", proxies)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("forwarded_allow_ips", settings["forwarded_allow_ips"])
    assert config.forwarded_allow_ips == allowed


def test_a_signed_in_consultant_is_sent_to_the_dashboard_not_next(app, browser):
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    assert browser.get("/login?next=//evil.example").headers["Location"] == "/engagements"
