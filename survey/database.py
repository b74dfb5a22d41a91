"""Database connection settings that every connection must carry."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 15000


@event.listens_for(Engine, "connect")
def configure_sqlite_connection(dbapi_connection, connection_record) -> None:
    """WAL lets readers work beside a writer; the busy timeout makes writers wait instead of failing."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# SQLite result codes after which a connection is useless even once the cause is fixed.
SQLITE_STUCK_CONNECTION = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR")


@event.listens_for(Engine, "handle_error")
def drop_connections_stuck_read_only(context) -> None:
    """A SQLite connection opened while the file was read-only stays read-only forever; marking the
    error a disconnect makes SQLAlchemy discard the pool, so service resumes once the file is writable."""
    error = context.original_exception
    if isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorname", "").startswith(SQLITE_STUCK_CONNECTION):
        context.is_disconnect = True
