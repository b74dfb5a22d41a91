"""The PDF renderer's URL fetcher serves the app's static files and inline PNG/JPEG, nothing else."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from survey.config import PROJECT_ROOT
from survey.pdf import render_pdf, safe_url_fetcher

BASE = "https://report.invalid/"
PNG = base64.b64encode(
    base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
).decode()


@pytest.fixture()
def fetcher():
    return safe_url_fetcher(BASE, PROJECT_ROOT / "static")


def test_static_files_and_inline_images_are_served(fetcher):
    css = fetcher.fetch(f"{BASE}static/css/app.css")
    assert css.read() == (PROJECT_ROOT / "static/css/app.css").read_bytes()
    image = fetcher.fetch(f"data:image/png;base64,{PNG}")
    assert image.read().startswith(b"\x89PNG") and image.content_type == "image/png"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "file:///etc/passwd",
        f"{BASE}static/../survey/config.py",
        f"{BASE}static/%2e%2e/survey/config.py",
        f"{BASE}survey/config.py",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png,not-base64",
    ],
)
def test_everything_else_is_refused(fetcher, url):
    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_render_pdf_prints_text_and_skips_refused_resources(tmp_path: Path):
    html = (
        '<html><body><h1>Readiness</h1><img src="http://127.0.0.1:9/x.png">'
        f'<img src="data:image/png;base64,{PNG}"></body></html>'
    )
    pdf = render_pdf(html, BASE)
    assert pdf.startswith(b"%PDF")
