"""What every table module shares: the naive-UTC clock the schema stores (tokens: survey.store.tokens)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: the columns are naive UTC on SQLite and PostgreSQL alike."""
    return datetime.now(UTC).replace(tzinfo=None)
