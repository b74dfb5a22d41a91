"""SQLite writers queue on a lock beside the database file, and every way a transaction ends gives it back."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError

from survey.store.database import serialize_sqlite_writes

WAIT_S = 10  # only ever reached when something is wrong


@pytest.fixture()
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'lock.db'}")
    # SQLite's own wait for a busy database cut to 50 ms: a writer queued by SQLite alone would fail
    event.listen(engine, "connect", lambda dbapi_connection, record: dbapi_connection.execute("PRAGMA busy_timeout=50"))
    serialize_sqlite_writes(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
    yield engine
    engine.dispose()


def write_in_thread(engine, body: str, done: threading.Event) -> threading.Thread:
    def write() -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        done.set()

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def bodies(engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT body FROM notes ORDER BY id")).scalars())


def test_a_second_writer_waits_for_the_first_to_commit_and_both_are_stored(engine):
    """Longer than SQLite's busy timeout: without the lock, the second writer fails "database is locked"."""
    first = engine.connect()
    first.begin()
    first.execute(text("INSERT INTO notes (body) VALUES ('first')"))
    second_done = threading.Event()
    second = write_in_thread(engine, "second", second_done)
    assert not second_done.wait(0.5)  # queued behind the first transaction
    assert bodies(engine) == []  # readers are not held up, and see nothing uncommitted
    first.commit()
    first.close()
    second.join(WAIT_S)
    assert second_done.is_set() and bodies(engine) == ["first", "second"]


@pytest.mark.parametrize("ending", ["rollback", "failed statement", "closed without ending"])
def test_every_way_a_transaction_ends_releases_the_lock(engine, ending):
    connection = engine.connect()
    transaction = connection.begin()
    connection.execute(text("INSERT INTO notes (id, body) VALUES (1, 'kept or not')"))
    if ending == "rollback":
        transaction.rollback()
    elif ending == "failed statement":
        with pytest.raises(IntegrityError):
            connection.execute(text("INSERT INTO notes (id, body) VALUES (1, 'duplicate')"))
        transaction.rollback()
    connection.close()
    done = threading.Event()
    write_in_thread(engine, "after", done).join(WAIT_S)
    assert done.is_set() and bodies(engine)[-1] == "after"
