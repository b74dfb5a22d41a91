"""HTML to PDF with WeasyPrint, locked down: the renderer may read the app's own static files
and inline images, and nothing else, so text in an answer can never make the server fetch a URL.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from survey.documents.pdf.render_slots import render_slot
from survey.domain.plain_text import xml_text

# A base URL that can never resolve (.invalid is reserved): relative links in templates become
# APP_BASE_URL + "static/...", which the fetcher maps onto the static folder.
APP_BASE_URL = "https://app.invalid/"
VERSION_MARK = re.compile(r"\.[0-9a-f]{12}(?=\.(?:min\.)?\w+$)")  # a static file's versioned name (web/assets.py)
ALLOWED_DATA_URL = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$")


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to fetch."""


class StaticOnlyFetcher(URLFetcher):
    """Serves files below `static_root` under APP_BASE_URL/static/, PNG/JPEG data URLs, nothing else."""

    def __init__(self, static_root: str | Path):
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.static_root = Path(static_root).resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        prefix = APP_BASE_URL + "static/"
        if url.startswith(prefix):
            relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
            relative = VERSION_MARK.sub("", relative)  # css/report-print.<digest>.css is css/report-print.css
            path = (self.static_root / relative).resolve()
            if path.is_relative_to(self.static_root) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
        match = ALLOWED_DATA_URL.match(url)
        if match:
            body = base64.b64decode(match.group(2))
            return URLFetcherResponse(url[:40], body=body, headers={"Content-Type": f"image/{match.group(1)}"})
        self.refused.append(url)
        raise RefusedURL(f"the PDF renderer only reads the app's static files, not {url[:80]}")


def render_pdf(html: str, static_root: str | Path, stylesheets: tuple[str, ...] = ()) -> bytes:
    """A tagged PDF (for screen readers) of `html`, fonts embedded, fetching only our static files.

    `stylesheets` are paths below `static_root` (such as "css/report.css"), parsed once per process
    rather than once per document: parsing and compiling the selectors cost as much as laying out a page.
    Characters XML forbids (a comment may hold them) are left out: they garble the PDF's text layer.
    """
    with render_slot():  # one of the worker's few render slots (see render_slots.py)
        fetcher = StaticOnlyFetcher(static_root)
        document = HTML(string=xml_text(html), base_url=APP_BASE_URL, url_fetcher=fetcher)
        sheets = [parsed_stylesheet(str(static_root), name) for name in stylesheets]
        return document.write_pdf(pdf_tags=True, stylesheets=sheets)


def parsed_stylesheet(static_root: str, name: str) -> CSS:
    """A static stylesheet, parsed again only when the file changes.

    Shared by concurrent renders, which only read it. It must hold no @font-face or @counter-style:
    WeasyPrint registers those with the document it parses a stylesheet for, not with later ones.
    """
    path = Path(static_root) / name
    return _parsed_stylesheet(static_root, name, path.stat().st_mtime_ns)


@cache
def _parsed_stylesheet(static_root: str, name: str, mtime_ns: int) -> CSS:
    url = APP_BASE_URL + "static/" + name
    return CSS(url=url, base_url=url, url_fetcher=StaticOnlyFetcher(static_root))
