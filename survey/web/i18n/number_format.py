"""Numbers in templates, through Babel in the page's locale: "49.1" in English, "49,1" in French.

Filters: `points` (a score or a gap, one decimal, "—" for none), `signed_points` (a change: "+12.5",
"−3.1" with a true minus sign), `number` (a count), `percent` (a share, "58 %" in French).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal, format_percent

from survey.domain.questionnaire.scoring import shown_decimal

NO_VALUE = "—"
POINTS = "#,##0.0"
MINUS = "\u2212"


def points(value: float | None) -> str:
    return NO_VALUE if value is None else format_decimal(shown_decimal(value), format=POINTS)


def signed_points(value: float | None) -> str:
    """A change with its sign always written; a change that rounds to zero has none."""
    if value is None:
        return NO_VALUE
    text = format_decimal(shown_decimal(abs(value)), format=POINTS)
    if text == format_decimal(0, format=POINTS):
        return text
    return ("+" if value > 0 else MINUS) + text


def number(value: int | None) -> str:
    return NO_VALUE if value is None else format_decimal(value)


def percent(value: float | None) -> str:
    return NO_VALUE if value is None else format_percent(value)


def register_number_filters(app: Flask) -> None:
    filters = {"points": points, "signed_points": signed_points, "number": number, "percent": percent}
    app.jinja_env.filters.update(filters)
