"""Respondent views: thin, each parses the request, calls the domain or the store, renders."""

from __future__ import annotations

from collections.abc import Sequence

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from survey.documents.fragments import SharedPageCache
from survey.domain.questionnaire.journey import DIMENSION, IMPORTANCE, Step, first_incomplete_step, steps_for
from survey.domain.questionnaire.languages import LANGUAGES
from survey.extensions import get_questionnaire, limiter
from survey.respondent import bp
from survey.respondent.context import (
    current_response,
    load_response_from_token,
    private_pages_not_stored,
    refuse_changes_after_close,
    response_questionnaire,
)
from survey.respondent.forms import (
    COMMENT_FIELD,
    QUICK_VERSION,
    dimension_form_class,
    dimension_questions,
    field_errors,
    importance_form_class,
    start_form,
    valid_answers,
)
from survey.store.engagements import role_group_name
from survey.store.responses import (
    Submission,
    create_response,
    save_answers,
    save_importance,
    set_language,
    submit_response,
)
from survey.store.team_surveys import erase_response_and_team, team_survey_of
from survey.web.i18n.locale import current_language, remember_language_choice
from survey.web.rate_limits import start_rate_limit
from survey.web.security import use_link_csrf_token

bp.url_value_preprocessor(load_response_from_token)
bp.after_request(private_pages_not_stored)


@bp.url_defaults
def add_token(endpoint: str, values: dict) -> None:
    """url_for() inside a response's pages fills in its token."""
    if "token" not in values and g.get("response") is not None and endpoint != "respondent.landing":
        values["token"] = g.response_token


@bp.get("/")
def landing():
    remember_language_choice()
    return render_template("respondent/landing.html", form=start_form(get_questionnaire()))


@bp.post("/start")
@limiter.limit(start_rate_limit)
def start():
    questionnaire = get_questionnaire()
    form = start_form(questionnaire)
    if not form.validate():
        return render_template("respondent/landing.html", form=form, errors=field_errors(form)), 422
    profile, quick = form.profile.data, form.version.data == QUICK_VERSION
    response = create_response(questionnaire, profile, form.organisation.data, current_language(), quick_version=quick)
    return redirect(url_for(".resume", token=response.token))


@bp.get("/r/<token>/")
def resume():
    """The private link: back to the first page not yet complete, from any device."""
    response = current_response()
    if response.is_submitted:
        return redirect(url_for(".report"))
    return redirect(first_incomplete_url(response))


@bp.route("/r/<token>/q/<dimension_id>", methods=["GET", "POST"])
def dimension_page(dimension_id: str):
    questionnaire = response_questionnaire()
    response = current_response()
    step = Step(DIMENSION, dimension_id)
    steps = steps_including(step)
    dimension = questionnaire.dimension(dimension_id)
    use_link_csrf_token()
    if request.method == "POST":
        action = request.form.get("action", "next")
        form = dimension_form_class(dimension, response.profile, require_all=action == "next")()
        valid = form.validate()
        question_ids = [q.id for q in dimension.applicable_questions(response.profile)]
        comment_ok = not form[COMMENT_FIELD].errors
        save_answers(
            response,
            valid_answers(form, question_ids),
            {dimension_id: form[COMMENT_FIELD].data} if comment_ok else {},
        )
        if valid or (action != "next" and comment_ok):
            return redirect(after_save(action, step, steps))
        selected = {**response.answer_values(), **{q: form[q].data for q in question_ids if form[q].data}}
        comment = form[COMMENT_FIELD].data or ""
        return render_dimension_page(dimension, step, steps, selected, comment, field_errors(form)), 422
    return shared_dimension_page(dimension, step, steps)


def shared_dimension_page(dimension, step: Step, steps: Sequence[Step]) -> str:
    """A dimension page as its stored answers show it. Every respondent of the profile sees it alike for the
    same answers, language and address: it is rendered once, each visitor's own CSRF token and private
    token put back in (see fragments.SharedPageCache), unless a message waits for this visitor alone."""
    response = current_response()
    questions = dimension_questions(dimension, response.profile, current_language())
    stored = response.stored_page([question.id for question in questions], dimension.id)
    comment = stored.comments.get(dimension.id, "")
    if session.get("_flashes"):
        return render_dimension_page(dimension, step, steps, stored.answers, comment)
    key = (
        dimension.id,
        response.profile,
        response.quick_version,
        current_language(),
        tuple(stored.answers.get(question.id) for question in questions),
        comment,
        request.scheme,  # the private link's address, written in the page
        request.host,
        request.root_path,
        request.query_string,
    )
    return current_app.extensions.setdefault("survey_pages", SharedPageCache()).get_or_render(
        key,
        lambda: render_dimension_page(dimension, step, steps, stored.answers, comment),
        {"response_token": g.response_token, "csrf_token": generate_csrf()},
    )


def render_dimension_page(
    dimension, step: Step, steps: Sequence[Step], selected: dict, comment: str, errors=None
) -> str:
    return render_template(
        "respondent/dimension.html",
        dimension=dimension,
        questions=dimension_questions(dimension, current_response().profile, current_language()),
        selected=selected,
        comment=comment,
        errors=errors or {},
        **progress(step, steps),
    )


@bp.route("/r/<token>/importance", methods=["GET", "POST"])
def importance_page():
    questionnaire = response_questionnaire()
    response = current_response()
    step = Step(IMPORTANCE, IMPORTANCE)
    steps = steps_including(step)
    selected = {dim: str(value) for dim, value in response.importance().items()}
    errors: dict[str, str] = {}
    use_link_csrf_token()
    if request.method == "POST":
        action = request.form.get("action", "next")
        form = importance_form_class(questionnaire, require_all=action == "next")()
        valid = form.validate()
        ratings = valid_answers(form, [d.id for d in questionnaire.dimensions])
        save_importance(response, {dim: int(value) for dim, value in ratings.items()})
        if valid or action != "next":
            return redirect(after_save(action, step, steps))
        errors = field_errors(form)
        selected = {**selected, **ratings}
    return render_template("respondent/importance.html", selected=selected, errors=errors, **progress(step, steps)), (
        422 if errors else 200
    )


@bp.get("/r/<token>/review")
def review():
    questionnaire = response_questionnaire()
    response = current_response()
    stored = response.stored()
    incomplete = first_incomplete_step(questionnaire, response.profile, stored.answers, stored.importance)
    return render_template(
        "respondent/review.html",
        answers=stored.answers,
        comments=stored.comments,
        importance=stored.importance,
        steps=steps_for(questionnaire, response.profile),
        incomplete_url=step_url(incomplete) if incomplete else None,
        questionnaire=questionnaire,
    )


@bp.post("/r/<token>/submit")
def submit():
    questionnaire = response_questionnaire()
    response = current_response()
    outcome = submit_response(questionnaire, response)
    if outcome is Submission.ERASED:  # from another tab, meanwhile
        g.response = None
        abort(404)
    if outcome is Submission.CLOSED:  # the round closed meanwhile
        refuse_changes_after_close(response)
    if outcome is Submission.INCOMPLETE:
        flash(_("A few questions are still unanswered: please complete this page first."), "error")
        return redirect(first_incomplete_url(response))
    return redirect(url_for(".report"))


@bp.route("/r/<token>/delete", methods=["GET", "POST"])
def delete():
    team = team_survey_of(current_response())
    if request.method == "GET":  # a response of a consultant's round names its group: it may leave the report
        group_name = role_group_name(current_response().group_id)
        return render_template("respondent/delete.html", team=team, group_name=group_name)
    language = current_response().language
    erase_response_and_team(current_response())
    g.response = None
    flash(_("Your response and all its answers have been erased."), "info")
    return redirect(url_for(".landing", lang=language))


def steps_including(step: Step) -> tuple[Step, ...]:
    """The response's pages, or a 404 when `step` is not one of them (an unknown page, or not for this profile).
    Listed once per version of the questionnaire and profile, and kept on the app."""
    response = current_response()
    cache = current_app.extensions.setdefault("survey_steps", {})
    steps = cache.get((response.quick_version, response.profile))
    if steps is None:
        steps = tuple(steps_for(response_questionnaire(), response.profile))
        cache[(response.quick_version, response.profile)] = steps
    if step not in steps:
        abort(404)
    return steps


def first_incomplete_url(response) -> str:
    """The first page not yet complete, or the review once every page is."""
    stored = response.stored()
    step = first_incomplete_step(response_questionnaire(response), response.profile, stored.answers, stored.importance)
    return step_url(step) if step else url_for(".review")


def step_url(step: Step) -> str:
    if step.kind == IMPORTANCE:
        return url_for(".importance_page")
    return url_for(".dimension_page", dimension_id=step.id)


def after_save(action: str, step: Step, steps: Sequence[Step]) -> str:
    """Where a saved page leads: the next or previous step, the review, or the same page in another language."""
    index = steps.index(step)
    if action.startswith("lang:") and action[5:] in LANGUAGES:
        set_language(current_response(), action[5:])
        return step_url(step)
    if action == "back":
        return step_url(steps[index - 1]) if index > 0 else url_for(".landing")
    if action == "next" and index + 1 < len(steps):
        return step_url(steps[index + 1])
    if action == "next":
        return url_for(".review")
    return step_url(step)


def progress(step: Step, steps: Sequence[Step]) -> dict:
    """Template values for the progress bar and the Back/Next buttons."""
    index = steps.index(step)
    return {"step_number": index + 1, "step_count": len(steps), "is_first_step": index == 0}
