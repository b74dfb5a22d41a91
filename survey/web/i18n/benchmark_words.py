"""The benchmark's filters in the reader's words: sectors and size bands, for forms and pages."""

from __future__ import annotations

import functools

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from survey.domain.benchmark.pool import SECTORS, SIZE_BANDS

SECTOR_NAMES = {
    "retail": _l("retail"),
    "public_sector": _l("the public sector"),
    "finance": _l("finance and insurance"),
    "health": _l("health"),
    "industry": _l("industry"),
    "media": _l("media and culture"),
    "tech": _l("technology"),
    "tourism": _l("tourism and hospitality"),
    "nonprofit": _l("non-profits"),
    "other": _l("other sectors"),
}
SIZE_NAMES = {
    "1-49": _l("1 to 49 employees"),
    "50-249": _l("50 to 249 employees"),
    "250-999": _l("250 to 999 employees"),
    "1000+": _l("1,000 employees or more"),
}
assert tuple(SECTOR_NAMES) == SECTORS and tuple(SIZE_NAMES) == SIZE_BANDS


def sector_choices() -> list[tuple[str, str]]:
    return list(_choices("sectors", str(get_locale())))


def size_choices() -> list[tuple[str, str]]:
    return list(_choices("sizes", str(get_locale())))


@functools.lru_cache(maxsize=16)
def _choices(kind: str, locale: str) -> tuple[tuple[str, str], ...]:
    """Translated once per language: every report view lists them twice (the filter and the join form)."""
    names = SECTOR_NAMES if kind == "sectors" else SIZE_NAMES
    return tuple((key, str(name)) for key, name in names.items())


def cell_name(sector: str | None, size_band: str | None) -> str:
    """ "retail, 50 to 249 employees"; "every sector" when neither is chosen."""
    parts = [str(SECTOR_NAMES[sector])] if sector else [str(_l("every sector"))]
    if size_band:
        parts.append(str(SIZE_NAMES[size_band]))
    return ", ".join(parts)
