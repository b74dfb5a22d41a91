"""The team survey of a private report ("Ask my team"): created, read and exported from the owner's link only.

Every URL here is under /r/<token>/, so the owner's private token is the only key; a team member's link
(/i/<token>) only starts responses, and their own /r/ link owns no team survey (404 here).
"""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from survey.documents.round.team import build_team_page, team_json
from survey.documents.round.team_board import board_pdf
from survey.documents.round.team_tasks import tasks_csv, tasks_markdown
from survey.extensions import get_questionnaire
from survey.mail.smtp import MailSettings
from survey.respondent import bp
from survey.respondent.context import current_response
from survey.respondent.forms import AskTeamForm, TeamConfirmForm, team_invitees_form
from survey.store.engagements import invite_token
from survey.store.fieldwork.invitations import import_invitees
from survey.store.fieldwork.outbox import queue_invitations
from survey.store.team_surveys import can_ask_team, create_team_survey, measure_again, team_survey_of
from survey.web.downloads import download_headers
from survey.web.i18n.locale import current_language


def owned_team_survey():
    """The team survey of the link's response; 404 when it has none (never saying whether another exists)."""
    engagement = team_survey_of(current_response())
    if engagement is None:
        abort(404)
    return engagement


@bp.post("/r/<token>/team")
def ask_team():
    response = current_response()
    if not can_ask_team(response):
        abort(404)
    form = AskTeamForm()
    if not form.validate_on_submit():
        return render_template("respondent/ask_team.html", form=form), 422
    create_team_survey(response, (_("Team"), _("Leadership")), form.leadership.data, form.target.data)
    return redirect(url_for(".team_page"))


def mail_configured() -> bool:
    return MailSettings.from_config(current_app.config) is not None


@bp.get("/r/<token>/team")
def team_page():
    response = current_response()
    engagement = team_survey_of(response)
    if engagement is None:
        if not can_ask_team(response):
            abort(404)
        return render_template("respondent/ask_team.html", form=AskTeamForm())
    return render_team_page(engagement)


def render_team_page(engagement, invitees=None, status: int = 200):
    """The team page; `invitees`: the invitation form as posted, with its errors (every line kept)."""
    page = build_team_page(get_questionnaire(), current_response(), engagement)
    links = [
        (invite.group, url_for("consultant.invite", token=invite_token(invite), _external=True))
        for invite in sorted(page.round.invites, key=lambda i: i.group.position)
    ]
    if invitees is None and mail_configured() and not page.round.is_closed:
        invitees = team_invitees_form(engagement.groups)
    page_html = render_template(
        "respondent/team.html",
        page=page,
        links=links,
        lang=current_language(),
        form=TeamConfirmForm(),
        invitees_form=invitees,
    )
    return page_html, status


@bp.post("/r/<token>/team/invitations")
def team_invitations():
    """Personal invitations by pasted addresses, sent by the mail worker (only when mail is configured)."""
    engagement = owned_team_survey()
    round_ = engagement.current_round
    if not mail_configured() or round_.is_closed:
        abort(404)
    form = team_invitees_form(engagement.groups)
    if not form.validate_on_submit():
        return render_team_page(engagement, form, 422)
    result = import_invitees(round_, form.group.data, form.parsed.invitees, current_app.config["SECRET_KEY"])
    queued = queue_invitations(round_.id)
    message = ngettext("%(num)d invitation will be sent.", "%(num)d invitations will be sent.", queued)
    if result.already_invited:
        message += " " + ngettext(
            "%(num)d address was already invited in this round.",
            "%(num)d addresses were already invited in this round.",
            result.already_invited,
        )
    flash(message, "info")
    return redirect(url_for(".team_page"))


@bp.post("/r/<token>/team/again")
def team_again():
    engagement = owned_team_survey()
    if not TeamConfirmForm().validate_on_submit():
        abort(400)
    measure_again(engagement)
    flash(_("A new round is open: share the new team link."), "info")
    return redirect(url_for(".team_page"))


@bp.get("/r/<token>/team.json")
def team_data():
    engagement = owned_team_survey()
    questionnaire, response = get_questionnaire(), current_response()
    rounds = [build_team_page(questionnaire, response, engagement, round_) for round_ in engagement.rounds]
    return jsonify(team_json(rounds[-1], rounds))


@bp.get("/r/<token>/team/tasks.csv")
def team_tasks_csv():
    page = build_team_page(get_questionnaire(), current_response(), owned_team_survey())
    content = tasks_csv(page, current_language())
    headers = download_headers(f"team-plan-round-{page.round.number}.csv")
    return current_app.response_class(content, mimetype="text/csv", headers=headers)


@bp.get("/r/<token>/team/tasks.md")
def team_tasks_markdown():
    page = build_team_page(get_questionnaire(), current_response(), owned_team_survey())
    content = tasks_markdown(page, current_language())
    headers = download_headers(f"team-plan-round-{page.round.number}.md")
    return current_app.response_class(content, mimetype="text/markdown", headers=headers)


@bp.get("/r/<token>/team/board.pdf")
def team_board_pdf():
    """The board's one page, in the survey's language."""
    page = build_team_page(get_questionnaire(), current_response(), owned_team_survey())
    headers = download_headers(f"team-board-round-{page.round.number}.pdf", inline=True)
    return current_app.response_class(board_pdf(page), mimetype="application/pdf", headers=headers)
