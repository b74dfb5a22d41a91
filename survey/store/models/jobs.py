"""Background jobs: long builds (a large round's deck, workbook or PDF) taken off the web request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.extensions import db
from survey.store.models.base import LeasedWork

JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED = "queued", "running", "done", "failed"


class Job(LeasedWork, db.Model):
    """One build of one document version: `key` names the document (unique: one build however many ask)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_next_attempt", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # pptx, xlsx, pdf
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JOB_QUEUED)
    finished_at: Mapped[datetime | None] = mapped_column(sort_order=1)
