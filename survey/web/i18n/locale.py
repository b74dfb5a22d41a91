"""Which language a page speaks: the URL, the response, the visitor's choice, then the browser."""

from __future__ import annotations

from babel import Locale
from flask import g, request, session
from flask_babel import get_locale

from survey.domain.questionnaire.languages import DEFAULT_LANGUAGE, LANGUAGES


def requested_language() -> str | None:
    """A language asked for in the URL (?lang=fr), if it is one we speak."""
    lang = request.args.get("lang")
    return lang if lang in LANGUAGES else None


# Parsed once: given a code, Flask-Babel parses it again on every request, with a file lookup each time.
LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def select_locale() -> Locale:
    """URL first, then the page's own (an invite speaks its client's language), the response's stored
    language, the visitor's choice, then the browser."""
    response = g.get("response")
    for candidate in (
        requested_language(),
        g.get("page_language"),
        response.language if response else None,
        # read only when needed: opening the session cookie costs a signature check, and marks the page
        # as varying by cookie
        None if response else session.get("lang"),
    ):
        if candidate in LANGUAGES:
            return LOCALES[candidate]
    return LOCALES[request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE]


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def remember_language_choice() -> None:
    """Outside a response (landing page), a ?lang= choice is kept in the session cookie."""
    lang = requested_language()
    if lang and session.get("lang") != lang:
        session["lang"] = lang
