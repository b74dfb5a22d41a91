"""What every table module shares: the naive-UTC clock the schema stores (tokens: survey.store.tokens), and the
columns of a work table that workers claim with a lease."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: the columns are naive UTC on SQLite and PostgreSQL alike."""
    return datetime.now(UTC).replace(tzinfo=None)


class LeasedWork:
    """The columns store/queues/leases.py claims a row by, besides `id` and `status` (each table has its own
    statuses): the outbox's e-mails and the jobs' builds. A column the table declares after these takes
    `sort_order=1`, so that the columns stand in the order the migrations create them."""

    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
