"""INSERT ... ON CONFLICT DO UPDATE for SQLite and PostgreSQL, compiled once per shape of statement."""

from __future__ import annotations

import functools

from sqlalchemy import Connection, Table, bindparam, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.dialects.sqlite.base import SQLiteDialect


def upsert(
    connection: Connection,
    table: Table,
    rows: list[dict],
    conflict: list[str],
    update: list[str],
    increment: bool = False,
) -> None:
    """Insert rows, or on a conflict set `update` columns to the new values (or add them, with `increment`).

    An increment is one atomic statement: two transactions adding to the same row both count.
    """
    if rows:
        statement = upsert_sql(
            connection.dialect.name, table, tuple(rows[0]), tuple(conflict), tuple(update), increment
        )
        connection.execute(statement, rows)


@functools.cache
def upsert_sql(
    dialect: str,
    table: Table,
    columns: tuple[str, ...],
    conflict: tuple[str, ...],
    update: tuple[str, ...],
    increment: bool = False,
):
    """The upsert compiled once, to SQL text. SQLAlchemy never caches a dialect's INSERT ... ON CONFLICT (its
    cache key would not see the ON CONFLICT clause), so every save compiled it again: a tenth of a submit."""
    insert, compiler = (postgresql_insert, PGDialect) if dialect == "postgresql" else (sqlite_insert, SQLiteDialect)
    statement = insert(table).values({column: bindparam(column) for column in columns}).inline()
    excluded = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=list(conflict),
        set_={column: table.c[column] + excluded[column] if increment else excluded[column] for column in update},
    )
    return text(str(statement.compile(dialect=compiler(paramstyle="named"))))
