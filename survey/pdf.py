"""HTML -> PDF with WeasyPrint, through a locked URL fetcher.

A report holds text typed by others (client names, comments). Autoescaping keeps it text, and
the fetcher is the second lock: WeasyPrint may load only the app's own static files and inline
PNG or JPEG images (data: URLs, how logos are embedded). Any other URL (http, file, another
data: type such as SVG) is refused, so a report can never make the server fetch or read anything.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from survey.config import PROJECT_ROOT

ALLOWED_DATA_TYPES = ("image/png", "image/jpeg")


class SafeURLFetcher(URLFetcher):
    """Serves `<base_url>static/...` from `static_folder` and data:image/png|jpeg; refuses the rest."""

    def __init__(self, base_url: str, static_folder: str | Path):
        super().__init__(allowed_protocols=())
        self.static_prefix = base_url.rstrip("/") + "/static/"
        self.static_folder = Path(static_folder).resolve()

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return self._data_url(url)
        if url.startswith(self.static_prefix):
            return self._static_file(url)
        raise ValueError(f"refused to fetch {url[:80]!r}: only the app's static files are allowed")

    def _data_url(self, url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        mime_type, _, encoding = header.partition(";")
        if mime_type not in ALLOWED_DATA_TYPES or encoding != "base64":
            raise ValueError(f"refused data: URL of type {mime_type[:40]!r}")
        return URLFetcherResponse(url, base64.b64decode(payload, validate=True), {"Content-Type": mime_type})

    def _static_file(self, url: str) -> URLFetcherResponse:
        relative = unquote(urlsplit(url[len(self.static_prefix) :]).path)
        path = (self.static_folder / relative).resolve()
        if not path.is_relative_to(self.static_folder) or not path.is_file():
            raise ValueError(f"refused {url[:80]!r}: not a static file")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


def safe_url_fetcher(base_url: str, static_folder: str | Path) -> SafeURLFetcher:
    return SafeURLFetcher(base_url, static_folder)


def render_pdf(html: str, base_url: str, static_folder: str | Path = PROJECT_ROOT / "static") -> bytes:
    """The PDF of `html`; relative URLs resolve against `base_url`, and only static files load."""
    return HTML(string=html, base_url=base_url, url_fetcher=safe_url_fetcher(base_url, static_folder)).write_pdf()
