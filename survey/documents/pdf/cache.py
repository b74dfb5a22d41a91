"""The shared PDF cache: a PDF is rendered once per digest of everything it shows, then read from the
database by every app instance, until what it shows changes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from survey.documents.pdf.renderer import render_pdf
from survey.extensions import db
from survey.store.documents import cached_content, replace_documents

ROUND_STYLESHEET = "css/report-print.css"


def cached_pdf(
    key: str, render: Callable[[], bytes], lang: str, response_id: int | None = None, round_id: int | None = None
) -> bytes:
    """The PDF stored under `key`; on a miss, `render()`, stored in place of the response's or round's older ones."""
    content = cached_content(key)
    if content is not None:
        return content
    content = render()
    replace_documents(key, content, lang, response_id, round_id)
    try:
        db.session.commit()
    except IntegrityError:  # another instance stored the same PDF meanwhile: same bytes, keep theirs
        db.session.rollback()
    return content


def cached_round_pdf(html: str, static_folder: str, round_id: int, lang: str) -> bytes:
    """A round report's PDF from its HTML, rendered only when that HTML or its stylesheet changed."""
    key = round_pdf_key(html, static_folder)
    return cached_pdf(key, lambda: render_pdf(html, static_folder), lang, round_id=round_id)


def round_pdf_key(html: str, static_folder: str) -> str:
    """A round PDF's key. Its HTML holds everything the PDF shows (the figures, the comments, the language,
    the logo's bytes), its stylesheet the rest: a digest of both. Rendering the HTML costs a hundredth
    of rendering the PDF."""
    digest = hashlib.sha256(html.encode("utf-8"))
    digest.update(stylesheet_digest(static_folder, ROUND_STYLESHEET).encode())
    return digest.hexdigest()


@cache
def stylesheet_digest(static_folder: str, name: str) -> str:
    """Read once per process: a new stylesheet comes with a deploy, and a restart."""
    return hashlib.sha256((Path(static_folder) / name).read_bytes()).hexdigest()
