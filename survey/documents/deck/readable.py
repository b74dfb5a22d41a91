"""What keeps a slide readable from the back of a meeting room: body text of at least MIN_POINTS, at most
about MAX_CHARS characters of it on a slide (what does not fit goes to the speaker notes, which say so),
and tables of at most MAX_ROWS rows (the rest continued on the next slide)."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import ngettext

MIN_POINTS = 14
MAX_CHARS = 600
MAX_ROWS = 10  # body rows of a table, its header row repeated on each slide


def fit_lines(lines: Sequence[str], budget: int = MAX_CHARS) -> tuple[list[str], list[str]]:
    """The first lines whose characters fit in `budget` (at least the first, cut if it alone is longer),
    and the lines left over, in order."""
    shown, used = [], 0
    for index, line in enumerate(lines):
        if used + len(line) > budget:
            if not shown:
                return [shorten(line, budget)], [line, *lines[index + 1 :]]
            return shown, list(lines[index:])
        shown.append(line)
        used += len(line)
    return shown, []


def shorten(text: str, budget: int) -> str:
    """`text` cut at a word before `budget` characters, with an ellipsis."""
    if len(text) <= budget:
        return text
    cut = text[: budget - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def notes_with_rest(notes: str, rest: Sequence[str]) -> str:
    """The speaker notes, then what the slide had no room for, introduced as such."""
    if not rest:
        return notes
    heading = ngettext(
        "Not on the slide, for lack of room (%(num)d line):",
        "Not on the slide, for lack of room (%(num)d lines):",
        len(rest),
    )
    return "\n".join([notes, "", heading, *rest]) if notes else "\n".join([heading, *rest])


def table_pages(rows: Sequence[Sequence[str]], per_slide: int = MAX_ROWS) -> list[list[Sequence[str]]]:
    """A table cut into slides of at most `per_slide` body rows, each starting with the header row."""
    header, body = rows[0], list(rows[1:])
    if not body:
        return [[header]]
    return [[header, *body[start : start + per_slide]] for start in range(0, len(body), per_slide)]


def continued(title: str, page: int, pages: int) -> str:
    """A slide title, marked as continued on the second slide of a table and after."""
    if pages <= 1:
        return title
    return _("%(title)s (%(page)d of %(pages)d)", title=title, page=page, pages=pages)
