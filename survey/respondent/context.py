"""The response behind a /r/<token>/ URL."""

from __future__ import annotations

from flask import abort, g, make_response, render_template, request

from survey.domain.questionnaire.model import Questionnaire
from survey.extensions import get_questionnaire
from survey.store.models import ResponseRecord
from survey.store.responses import find_response, round_closed_at, set_language
from survey.web.i18n.locale import requested_language
from survey.web.security import bind_csrf_to_link, no_store


def load_response_from_token(endpoint: str | None, values: dict | None) -> None:
    """Every /r/<token>/ URL: an unknown token is a 404; ?lang= is remembered with the response."""
    if not values or "token" not in values:
        return
    token = values.pop("token")
    response = find_response(token, page=survey_page_to_read(endpoint, values))
    if response is None:
        abort(404)
    g.response = response
    g.response_token = token  # for url_for()
    bind_csrf_to_link(response.token_hash)
    lang = requested_language()
    if lang:
        set_language(response, lang)
    if endpoint in CHANGING_ENDPOINTS:
        refuse_changes_after_close(response)


def survey_page_to_read(endpoint: str | None, values: dict) -> tuple[str, list[str]] | None:
    """A survey page's GET reads its answers with the response, in one query (see find_response)."""
    if endpoint != "respondent.dimension_page" or request.method != "GET":
        return None
    dimension_id = values.get("dimension_id", "")
    return dimension_id, get_questionnaire().question_ids_by_dimension.get(dimension_id, [])


# The pages that save, submit or erase a response (or lead to that): refused once its round has closed,
# so that a closed round's report, PDF and exports never move. Its report and answers stay readable.
CHANGING_ENDPOINTS = frozenset(
    f"respondent.{name}" for name in ("dimension_page", "importance_page", "review", "submit", "delete")
)


def refuse_changes_after_close(response: ResponseRecord) -> None:
    """A 410 page, in the respondent's language, saying when the survey closed."""
    closed_at = round_closed_at(response.round_id)
    if closed_at is not None:
        page = render_template("respondent/closed.html", closed_at=closed_at, client=response.organisation)
        abort(make_response(page, 410))


def private_pages_not_stored(response):
    """Every page under /r/<token>/ is private to the link's holder: no cache may keep it."""
    return no_store(response) if g.get("response_token") else response


def current_response() -> ResponseRecord:
    return g.response


def response_questionnaire(response: ResponseRecord | None = None) -> Questionnaire:
    """The questions a response answers: the 10-minute version's when the candidate chose it at the start."""
    questionnaire = get_questionnaire()
    return questionnaire.ten_minute_version if (response or current_response()).quick_version else questionnaire
