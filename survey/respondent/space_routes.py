"""A candidate's private space of employers: assess another, compare them, update after an interview, erase.

Two kinds of private link meet here. A response's link (/r/<response token>/...) reaches its own report,
"Assess another employer" and "Update my answers after the interview"; it never lists the space's other
employers. The space's link (/r/<space token>/compare...) is the only one that does: its token is shown to
the candidate when the space is made, and this browser remembers it (in its signed session) to link there.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from survey.documents.respondent.comparison import (
    build_comparison,
    comparison_data,
    comparison_pdf,
    comparison_svg,
    space_importance,
)
from survey.documents.respondent.report import file_slug
from survey.documents.respondent.versions import version_history
from survey.domain.findings.comparison import MAX_EMPLOYERS, MIN_EMPLOYERS
from survey.domain.questionnaire.model import CANDIDATE
from survey.extensions import get_questionnaire, limiter
from survey.respondent import bp
from survey.respondent.context import current_response, private_pages_not_stored
from survey.respondent.forms import QUICK_VERSION, importance_form_class, start_form, valid_answers
from survey.store.models import utcnow
from survey.store.responses import create_response
from survey.store.spaces import (
    create_space,
    erase_space,
    find_space,
    reopen_response,
    response_versions,
    set_space_importance,
    space_responses,
)
from survey.web.downloads import download_headers
from survey.web.i18n.locale import current_language
from survey.web.rate_limits import start_rate_limit

space_bp = Blueprint("spaces", __name__)
SESSION_KEY = "space_links"  # space id -> the space's token, remembered by the browser that made the space


def remember_space(space_id: int, token: str) -> None:
    links = dict(session.get(SESSION_KEY, {}))
    links[str(space_id)] = token
    session[SESSION_KEY] = links


def remembered_space_token(space_id: int | None) -> str | None:
    return None if space_id is None else session.get(SESSION_KEY, {}).get(str(space_id))


def may_compare(response) -> bool:
    """Only a candidate's own response (not a consultant's round's) joins a space or reopens."""
    return response.profile == CANDIDATE and response.round_id is None


# --- from a response's link ---------------------------------------------------------------------------------


@bp.post("/r/<token>/another")
@limiter.limit(start_rate_limit)
def assess_another():
    """ "Assess another employer": a new response in this one's space (made now if it has none)."""
    response = current_response()
    if not may_compare(response):
        abort(404)
    form = start_form(get_questionnaire())
    if not form.validate() or form.profile.data != CANDIDATE:
        flash(_("Please check the employer's name (at most 200 characters)."), "error")
        return redirect(url_for(".report"))
    if response.space_id is None:
        remember_space_with(response)
    elif len(space_responses(response.space_id)) >= MAX_EMPLOYERS:
        flash(_("A comparison holds at most %(num)d employers.", num=MAX_EMPLOYERS), "error")
        return redirect(url_for(".report"))
    return redirect(url_for(".resume", token=start_in_space(form, response.space_id)))


def remember_space_with(response) -> None:
    token = create_space(response)
    remember_space(response.space_id, token)


def start_in_space(form, space_id: int) -> str:
    quick = form.version.data == QUICK_VERSION
    new = create_response(
        get_questionnaire(),
        CANDIDATE,
        form.organisation.data,
        current_language(),
        quick_version=quick,
        space_id=space_id,
    )
    flash(_("A new employer to assess: your private comparison space keeps them together."), "info")
    return new.token


@bp.post("/r/<token>/update")
def update_answers():
    """ "Update my answers after the interview": the submitted answers are kept as a version, the survey reopens."""
    response = current_response()
    if not may_compare(response) or not response.is_submitted:
        abort(404)
    stored = response.stored()
    reopen_response(response, stored.answers, stored.importance)
    flash(_("Your first answers are kept. Change what the interview told you, then submit again."), "info")
    return redirect(url_for(".review"))


def space_panel(response) -> dict:
    """What the report shows of the space and the versions, for its own response only."""
    versions = response_versions(response.id)
    history = version_history(get_questionnaire(), response, versions, current_language()) if versions else None
    return {
        "can_compare": may_compare(response) and response.is_submitted,
        "space_link": remembered_space_token(response.space_id),
        "history": history,
    }


# --- from the space's link ----------------------------------------------------------------------------------


@space_bp.url_value_preprocessor
def load_space(endpoint: str | None, values: dict | None) -> None:
    token = (values or {}).pop("token", None)
    space = find_space(token) if token else None
    if space is None:
        abort(404)
    g.space, g.space_token = space, token
    g.response_token = None


@space_bp.url_defaults
def add_space_token(endpoint: str, values: dict) -> None:
    if "token" not in values and g.get("space") is not None and endpoint.startswith("spaces."):
        values["token"] = g.space_token


@space_bp.after_request
def not_stored(response):
    g.response_token = g.get("space_token")
    return private_pages_not_stored(response)


def latest_responses() -> list:
    return space_responses(g.space.id, submitted_only=True)[:MAX_EMPLOYERS]


def current_comparison(responses: list, lang: str):
    importance = space_importance(responses, g.space.importance)
    versions = {r.id: len(response_versions(r.id)) + 1 for r in responses}
    comparison, words = build_comparison(get_questionnaire(), responses, versions, importance, lang)
    return comparison, comparison_data(comparison, words, lang), importance


@space_bp.route("/r/<token>/compare", methods=["GET", "POST"])
def compare_page():
    responses = latest_responses()
    questionnaire = get_questionnaire()
    errors: dict = {}
    if request.method == "POST" and len(responses) >= MIN_EMPLOYERS:
        form = importance_form_class(questionnaire, require_all=True)()
        if form.validate():
            ratings = valid_answers(form, [d.id for d in questionnaire.dimensions])
            set_space_importance(g.space, {dim: int(value) for dim, value in ratings.items()})
            flash(_("Your ratings now weigh every employer."), "info")
            return redirect(url_for(".compare_page"))
        errors = {name: field.errors[0] for name, field in form._fields.items() if field.errors}
    context = {
        "employers": space_responses(g.space.id),
        "errors": errors,
        "max_employers": MAX_EMPLOYERS,
        "start_form": start_form(questionnaire),
    }
    if len(responses) >= MIN_EMPLOYERS:
        lang = current_language()
        comparison, data, importance = current_comparison(responses, lang)
        context.update(data=data, svg=comparison_svg(questionnaire, comparison, lang), importance=importance)
    return render_template("respondent/compare.html", **context), 422 if errors else 200


@space_bp.get("/r/<token>/compare.json")
def compare_json():
    responses = latest_responses()
    if len(responses) < MIN_EMPLOYERS:
        return jsonify({"error": _("A comparison needs at least two submitted employers.")}), 409
    _comparison, data, importance = current_comparison(responses, current_language())
    return jsonify({**data, "importance": importance})


@space_bp.get("/r/<token>/compare.pdf")
def compare_pdf():
    responses = latest_responses()
    if len(responses) < MIN_EMPLOYERS:
        abort(404)
    lang = current_language()
    comparison, data, _ratings = current_comparison(responses, lang)
    day = utcnow().date()
    content = comparison_pdf(data, comparison_svg(get_questionnaire(), comparison, lang), lang, day)
    names = "-".join(file_slug(o["organisation"]) for o in data["organisations"])[:60].strip("-")
    headers = download_headers(f"comparison-{names + '-' if names else ''}{day.isoformat()}.pdf")
    return current_app.response_class(content, mimetype="application/pdf", headers=headers)


@space_bp.post("/r/<token>/start")
@limiter.limit(start_rate_limit)
def start_employer():
    form = start_form(get_questionnaire())
    if not form.validate() or form.profile.data != CANDIDATE:
        flash(_("Please check the employer's name (at most 200 characters)."), "error")
        return redirect(url_for(".compare_page"))
    if len(space_responses(g.space.id)) >= MAX_EMPLOYERS:
        flash(_("A comparison holds at most %(num)d employers.", num=MAX_EMPLOYERS), "error")
        return redirect(url_for(".compare_page"))
    return redirect(url_for("respondent.resume", token=start_in_space(form, g.space.id)))


@space_bp.route("/r/<token>/erase", methods=["GET", "POST"])
def erase():
    employers = space_responses(g.space.id)
    if request.method == "GET":
        return render_template("respondent/erase_space.html", employers=employers)
    erased = erase_space(g.space)
    session[SESSION_KEY] = {k: v for k, v in session.get(SESSION_KEY, {}).items() if k != str(g.space.id)}
    flash(_("Your comparison space and its %(num)d employers have been erased.", num=erased), "info")
    g.space = None
    return redirect(url_for("respondent.landing", lang=current_language()))
