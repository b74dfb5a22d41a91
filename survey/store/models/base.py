"""What every table module shares: private-link tokens and the naive-UTC clock the schema stores."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

TOKEN_BYTES = 24  # 192 bits, well above the 128 the product promises


def new_token() -> str:
    """An unguessable URL-safe token for private links."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def utcnow() -> datetime:
    """Now in UTC, without tzinfo: the columns are naive UTC on SQLite and PostgreSQL alike."""
    return datetime.now(UTC).replace(tzinfo=None)
