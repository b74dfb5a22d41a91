"""`_()`, `gettext()` and `ngettext()` in templates, with the results of Jinja's new-style gettext but a
fraction of its cost.

Jinja's calls go through three context lookups and Flask-Babel's locale lookup on every string: a
quarter of the survey page's time and more on the report, which shows about seventy strings. Here a
page's catalog is looked up once per render (and once per request for macros, which are imported
without the page's context), and a string without variables is translated and escaped once per
process.
"""

from __future__ import annotations

import weakref
from typing import Any

from flask import g
from flask_babel import get_locale, get_translations
from markupsafe import Markup

_REQUEST_TABLE = "_template_translations"  # on flask.g: (locale it was made for, its table)


class TranslationTable:
    """One catalog's strings as templates show them: Markup, formatted with escaped variables."""

    def __init__(self, translations) -> None:
        self._translations = translations
        self._plain: dict[str, Markup] = {}

    def gettext(self, string: str, /, **variables: Any) -> Markup:
        if variables:
            return _catalog_text(self._translations.ugettext(string)) % variables
        try:
            return self._plain[string]
        except KeyError:  # like Jinja's, a string is always formatted: "100%%" shows as "100%"
            translated = self._plain[string] = _catalog_text(self._translations.ugettext(string)) % {}
            return translated

    def ngettext(self, singular: str, plural: str, number: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", number)  # a template may also pass num= itself, as with Jinja's
        return _catalog_text(self._translations.ungettext(singular, plural, number)) % variables


def _catalog_text(text: str) -> Markup:
    """Our own source strings and their translations are trusted markup, as Jinja's gettext treats them;
    what `% variables` inserts is escaped."""
    return Markup(text)  # noqa: S704


_tables: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Flask-Babel's catalog -> its table


def table_for(translations) -> TranslationTable:
    table = _tables.get(translations)
    if table is None:
        table = _tables[translations] = TranslationTable(translations)
    return table


def current_table() -> TranslationTable:
    """The table of the locale in force: the request's, or the one force_locale() sets for a while."""
    locale = get_locale()
    cached = g.get(_REQUEST_TABLE)
    if cached is None or cached[0] is not locale:
        cached = (locale, table_for(get_translations()))
        setattr(g, _REQUEST_TABLE, cached)
    return cached[1]


def gettext(string: str, /, **variables: Any) -> Markup:
    return current_table().gettext(string, **variables)


def ngettext(singular: str, plural: str, number: int, /, **variables: Any) -> Markup:
    return current_table().ngettext(singular, plural, number, **variables)


def render_context() -> dict[str, Any]:
    """For a context processor: the page's own functions, bound to its catalog when the render starts."""
    table = current_table()
    return {"_": table.gettext, "gettext": table.gettext, "ngettext": table.ngettext}


def install(jinja_env) -> None:
    """The global functions, for what renders without the page's context (imported macros)."""
    jinja_env.add_extension("jinja2.ext.i18n")
    jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
