"""The response behind a /r/<token>/ URL."""

from __future__ import annotations

from flask import abort, g

from survey.domain.questionnaire import Questionnaire
from survey.extensions import get_questionnaire
from survey.store.models import ResponseRecord
from survey.store.responses import find_response, set_language
from survey.web.locale import requested_language
from survey.web.security import no_store


def load_response_from_token(endpoint: str | None, values: dict | None) -> None:
    """Every /r/<token>/ URL: an unknown token is a 404; ?lang= is remembered with the response."""
    if not values or "token" not in values:
        return
    token = values.pop("token")
    response = find_response(token)
    if response is None:
        abort(404)
    g.response = response
    g.response_token = token  # for url_for()
    lang = requested_language()
    if lang:
        set_language(response, lang)


def private_pages_not_stored(response):
    """Every page under /r/<token>/ is private to the link's holder: no cache may keep it."""
    return no_store(response) if g.get("response_token") else response


def current_response() -> ResponseRecord:
    return g.response


def response_questionnaire(response: ResponseRecord | None = None) -> Questionnaire:
    """The questions a response answers: the 10-minute version's when the candidate chose it at the start."""
    questionnaire = get_questionnaire()
    return questionnaire.ten_minute_version if (response or current_response()).quick_version else questionnaire
