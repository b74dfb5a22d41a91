"""A candidate's private space of employers, and the earlier versions of a response.

A space has no account: its private link's token is stored as a SHA-256 (token_hash), like a response's.
Its responses point to it (responses.space_id). A response's earlier versions are snapshots of its answers
and ratings taken when the candidate reopened it after an interview; the response row is the latest version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from survey.extensions import db
from survey.store.models.base import utcnow


class Space(db.Model):
    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    importance: Mapped[dict | None] = mapped_column(JSON)  # dimension id -> 1..5, the same for every employer
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResponseVersion(db.Model):
    __tablename__ = "response_versions"
    __table_args__ = (UniqueConstraint("response_id", "number", name="uq_response_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    answers: Mapped[dict] = mapped_column(JSON)
    importance: Mapped[dict] = mapped_column(JSON)
    submitted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
