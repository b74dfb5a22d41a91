"""URL converters shared by every blueprint."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

from survey.store.engagements import MAX_ID


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: at most MAX_ID, so an id no row can have is a 404 before any view runs,
    rather than an OverflowError on SQLite or "integer out of range" on PostgreSQL."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def register_converters(app: Flask) -> None:
    """Before any blueprint: a rule takes its converters when it is added."""
    app.url_map.converters["int"] = IdConverter
