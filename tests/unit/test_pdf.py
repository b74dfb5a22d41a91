"""The PDF renderer reads the app's own static files and nothing else."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from survey.documents.pdf.renderer import APP_BASE_URL, StaticOnlyFetcher, parsed_stylesheet, render_pdf
from tests.conftest import ROOT

STATIC = ROOT / "static"


@pytest.fixture()
def spy_server():
    """A local HTTP server that records every request it gets."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


def test_no_url_in_a_document_is_ever_fetched(spy_server, tmp_path):
    base, seen = spy_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = f"""<html><head><title>t</title>
      <link rel="stylesheet" href="{base}/style.css">
      <link rel="stylesheet" href="file://{secret}">
      <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png") }}</style></head>
      <body><img src="{base}/img.png"><img src="file:///etc/passwd"><iframe src="{base}/frame"></iframe>
      <svg><image href="{base}/svg.png" width="10" height="10"/></svg></body></html>"""
    assert render_pdf(html, STATIC).startswith(b"%PDF")
    assert seen == []


def test_fetcher_refuses_everything_but_static_files():
    fetcher = StaticOnlyFetcher(STATIC)
    response = fetcher.fetch(APP_BASE_URL + "static/css/report.css")
    assert b"@page" in response.read()
    for url in (
        "http://example.com/x.css",
        "file:///etc/passwd",
        APP_BASE_URL + "static/../survey/config.py",
        APP_BASE_URL + "other/thing",
        "data:text/html;base64,PGI+",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_png_data_urls_are_allowed_for_logos():
    fetcher = StaticOnlyFetcher(STATIC)
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    assert fetcher.fetch(f"data:image/png;base64,{png}").read().startswith(b"\x89PNG")


def test_static_stylesheets_are_parsed_once_and_again_after_a_change(tmp_path):
    sheet = tmp_path / "css" / "print.css"
    sheet.parent.mkdir()
    sheet.write_text("p { color: red }")
    first = parsed_stylesheet(str(tmp_path), "css/print.css")
    assert parsed_stylesheet(str(tmp_path), "css/print.css") is first
    sheet.write_text("p { color: blue }")
    os.utime(sheet, ns=(sheet.stat().st_atime_ns, sheet.stat().st_mtime_ns + 1_000_000))
    assert parsed_stylesheet(str(tmp_path), "css/print.css") is not first
    html = "<html><head><title>t</title></head><body><p>styled</p></body></html>"
    assert render_pdf(html, tmp_path, ("css/print.css",)).startswith(b"%PDF")
