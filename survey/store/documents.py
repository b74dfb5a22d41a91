"""Rendered PDFs, and a large round's deck and workbook built in the background (store/queues/jobs.py), kept in the
database (the rendered_documents table), shared by every app instance.

A respondent's PDFs hang off their response (erased with it, by the foreign key); a round's PDFs name
their round in `meta`, and are erased here when a response of the round or the engagement is, since
they print its answers and comments. Callers own the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, delete, select

from survey.extensions import db
from survey.store.models import RenderedDocument

_documents = RenderedDocument.__table__
CACHED_CONTENT = select(_documents.c.content).where(_documents.c.key == bindparam("key"))  # Core: no ORM per hit


def cached_content(key: str) -> bytes | None:
    return db.session.execute(CACHED_CONTENT, {"key": key}).scalar()


def of_round(round_ids: Iterable[int]):
    """The condition that selects the PDFs of these rounds."""
    return RenderedDocument.response_id.is_(None) & RenderedDocument.meta["round_id"].as_integer().in_(list(round_ids))


def replace_documents(
    key: str,
    content: bytes,
    lang: str,
    response_id: int | None,
    round_id: int | None,
    kind: str | None = None,
    variant: str = "",
) -> None:
    """Store a new document in place of the response's or the round's older ones (of the same kind and variant:
    a round's deck, workbook, PDF built in the background for one benchmark cell), which no link leads to any more
    (their key named answers that have changed since). Another variant (another cell) is another file, kept."""
    if response_id is not None:
        db.session.execute(delete(RenderedDocument).where(RenderedDocument.response_id == response_id))
    elif round_id is not None:
        kind = kind or "pdf"
        same_kind = RenderedDocument.meta["kind"].as_string() == kind
        same_variant = RenderedDocument.meta["variant"].as_string() == variant
        db.session.execute(delete(RenderedDocument).where(of_round([round_id]), same_kind, same_variant))
    meta = (
        {"lang": lang} if round_id is None else {"lang": lang, "round_id": round_id, "kind": kind, "variant": variant}
    )
    db.session.add(RenderedDocument(key=key, response_id=response_id, content=content, meta=meta))


def forget_round_documents(round_ids: Iterable[int]) -> None:
    """Erase the rounds' PDFs (within the caller's transaction)."""
    db.session.execute(delete(RenderedDocument).where(of_round(round_ids)))
