"""Static files as a browser meets them: versioned names cached for good, compressed when asked."""

from __future__ import annotations

import gzip
import re

import brotli

from tests.web.journey import start

LINKED = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"')


def linked_assets(page: str) -> list[str]:
    return LINKED.findall(page)


def test_pages_link_versioned_scripts_and_stylesheets_cached_for_good(browser):
    token = start(browser, "staff")
    for url in ("/", f"/r/{token}/q/validation"):
        assets = linked_assets(browser.get(url).get_data(as_text=True))
        assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets), url
        for asset in assets:
            assert re.search(r"\.[0-9a-f]{12}\.(?:min\.)?\w+$", asset), asset
            response = browser.client.get(asset)
            assert response.status_code == 200, asset
            assert response.cache_control.immutable and response.cache_control.public, asset
            assert response.cache_control.max_age >= 365 * 24 * 3600, asset


def test_static_files_are_served_in_brotli_or_gzip_as_the_browser_asks(client):
    page = client.get("/").get_data(as_text=True)
    stylesheet = next(a for a in linked_assets(page) if a.endswith("app.css") or "/app." in a)
    plain = client.get(stylesheet, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and b"{" in plain.data
    as_br = client.get(stylesheet, headers={"Accept-Encoding": "gzip, br"})
    assert as_br.headers["Content-Encoding"] == "br" and "Accept-Encoding" in as_br.headers["Vary"]
    assert brotli.decompress(as_br.data) == plain.data and len(as_br.data) < len(plain.data) / 2
    as_gzip = client.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.data) == plain.data


def test_a_changed_file_gets_a_new_name(app):
    from survey.web.assets import versioned_name

    assert versioned_name("css/app.css", "0123456789ab") == "css/app.0123456789ab.css"
    assert versioned_name("js/plotly.min.js", "0123456789ab") == "js/plotly.0123456789ab.min.js"
    manifest = app.extensions["static_manifest"]
    assert manifest["css/app.css"] != manifest["css/report.css"]
    assert manifest["css/app.css"].startswith("css/app.")


def test_static_files_carry_the_security_headers(client):
    response = client.get("/static/favicon.svg")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
