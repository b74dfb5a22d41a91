"""Database connection settings that every connection must carry."""

from __future__ import annotations

import fcntl
import os
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


class SQLiteWriteLock:
    """One writer at a time, queued by the kernel rather than by SQLite's busy handler.

    SQLite lets one connection write at a time; the others, told the database is busy, sleep and try
    again (1, 2, 5, 10 ms...), so under concurrent submits the write lock often sits free while every
    waiter sleeps. Here a connection takes an exclusive flock() on a file beside the database before its
    transaction's first write, and gives it back when the transaction ends: a waiting writer wakes the
    moment the lock is free, whichever thread or worker process it runs in. Readers never take it
    (WAL lets them read beside the writer), and a killed process loses its lock with its files.
    """

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP")

    def __init__(self, lock_path: str) -> None:
        self.lock_path = lock_path
        self._held: dict[int, int] = {}  # id of the DBAPI connection -> descriptor holding the lock
        self._by_connection: dict[int, int] = {}  # id of SQLAlchemy's Connection -> id of its DBAPI connection

    def before_execute(self, conn, cursor, statement: str, parameters, context, executemany) -> None:
        key = id(cursor.connection)
        if key not in self._held and statement.lstrip()[:7].upper().startswith(self.WRITES):
            try:
                descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:  # a read-only folder: SQLite's own waiting (and its error) apply
                return
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            self._held[key] = descriptor
            self._by_connection[id(conn)] = key

    def transaction_ended(self, conn) -> None:
        """Commit or rollback; read without touching the connection, which may have been invalidated."""
        key = self._by_connection.pop(id(conn), None)
        if key is not None:
            self._release(key)

    def connection_returned(self, dbapi_connection, connection_record) -> None:
        """Back in the pool, however the transaction ended (and forget which Connection held it)."""
        key = id(dbapi_connection)
        for connection, held in list(self._by_connection.items()):
            if held == key:
                self._by_connection.pop(connection, None)
        self._release(key)

    def _release(self, key: int) -> None:
        descriptor = self._held.pop(key, None)
        if descriptor is not None:
            os.close(descriptor)  # closing the descriptor releases the flock


def serialize_sqlite_writes(engine: Engine) -> None:
    """Install SQLiteWriteLock on a file-backed SQLite engine (a no-op for other databases)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database.startswith("file:"):  # a URI filename: file:/path/db.sqlite?mode=ro
        database = database.removeprefix("file:").split("?", 1)[0]
    if not database or database == ":memory:":
        return
    lock = SQLiteWriteLock(database + ".writelock")
    event.listen(engine, "before_cursor_execute", lock.before_execute)
    for ending in ("commit", "rollback"):
        event.listen(engine, ending, lock.transaction_ended)
    event.listen(engine, "checkin", lock.connection_returned)
