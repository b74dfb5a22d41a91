"""Throw-away PostgreSQL databases, for the tests (conftest.py: throwaway_database) and the benches
(bench/deliverables.py); plain Python, no pytest, so that a bench can import it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text


@contextmanager
def postgresql_database(base: str, prefix: str) -> Iterator[str]:
    """A new empty database on the server of the URL `base`, named `prefix` and a random part (so that parallel
    runs never share one); yields its URL, and drops it afterwards, whatever connections are still open."""
    server = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"{prefix}{secrets.token_hex(6)}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
