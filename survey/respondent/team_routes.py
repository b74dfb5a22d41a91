"""The team survey of a private report ("Ask my team"): created, read and exported from the owner's link only.

Every URL here is under /r/<token>/, so the owner's private token is the only key; a team member's link
(/i/<token>) only starts responses, and their own /r/ link owns no team survey (404 here).
"""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from survey.documents.fieldwork.round_schedule import RoundScheduleForm, round_schedule_form
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
from survey.store.fieldwork.outbox import queue_invitations, queue_reminders, remindable_count
from survey.store.fieldwork.settings import save_schedule
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


def max_reminders() -> int:
    return int(current_app.config["MAIL_MAX_REMINDERS"])


@bp.get("/r/<token>/team")
def team_page():
    response = current_response()
    engagement = team_survey_of(response)
    if engagement is None:
        if not can_ask_team(response):
            abort(404)
        return render_template("respondent/ask_team.html", form=AskTeamForm())
    return render_team_page(engagement)


def render_team_page(engagement, invitees=None, schedule=None, status: int = 200):
    """The team page; `invitees`, `schedule`: a form as posted, with its errors (every line kept). The
    invitations, reminders and deadline are offered only when mail is configured and the round is open."""
    page = build_team_page(get_questionnaire(), current_response(), engagement)
    links = [
        (invite.group, url_for("consultant.invite", token=invite_token(invite), _external=True))
        for invite in sorted(page.round.invites, key=lambda i: i.group.position)
    ]
    by_mail = mail_configured() and not page.round.is_closed
    if by_mail:
        invitees = invitees or team_invitees_form(engagement.groups)
        schedule = schedule or round_schedule_form(RoundScheduleForm, page.round)
    page_html = render_template(
        "respondent/team.html",
        page=page,
        links=links,
        lang=current_language(),
        form=TeamConfirmForm(),
        invitees_form=invitees,
        schedule_form=schedule,
        remindable=remindable_count(page.round.id, max_reminders()) if by_mail else 0,
        max_reminders=max_reminders(),
    )
    return page_html, status


def round_for_mail():
    """The team survey and its current round, for what goes by e-mail: 404 unless mail is configured and the
    round is open (and, as everywhere here, unless the link owns a team survey)."""
    engagement = owned_team_survey()
    if not mail_configured() or engagement.current_round.is_closed:
        abort(404)
    return engagement, engagement.current_round


@bp.post("/r/<token>/team/invitations")
def team_invitations():
    """Personal invitations by pasted addresses, sent by the mail worker (only when mail is configured)."""
    engagement, round_ = round_for_mail()
    form = team_invitees_form(engagement.groups)
    if not form.validate_on_submit():
        return render_team_page(engagement, invitees=form, status=422)
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


@bp.post("/r/<token>/team/reminders")
def team_reminders():
    """A reminder to each invitee who has not answered, as the consultant's "Remind N people" (the same rules:
    never to someone who submitted or unsubscribed, at most MAIL_MAX_REMINDERS each), sent by the mail worker."""
    _engagement, round_ = round_for_mail()
    if not TeamConfirmForm().validate_on_submit():
        abort(400)
    queued = queue_reminders(round_.id, max_reminders())
    flash(ngettext("%(num)d reminder will be sent.", "%(num)d reminders will be sent.", queued), "info")
    return redirect(url_for(".team_page"))


@bp.post("/r/<token>/team/schedule")
def team_schedule():
    """The round's deadline and scheduled reminder (queued by the mail worker's pass, as a consultant's)."""
    engagement = owned_team_survey()
    if not mail_configured():
        abort(404)
    round_ = engagement.current_round
    form = round_schedule_form(RoundScheduleForm, round_)
    if not form.validate_on_submit():
        return render_team_page(engagement, schedule=form, status=422)
    if save_schedule(round_, form.deadline_moment(), form.reminder_days()):
        flash(_("Changes saved."), "info")
    else:
        flash(_("This round is closed: its deadline and reminder stay as they were."), "error")
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


def team_download(stem: str, extension: str, mimetype: str, content, inline: bool = False):
    """A document of the current round's team page, `content(page)`, named after the round."""
    page = build_team_page(get_questionnaire(), current_response(), owned_team_survey())
    headers = download_headers(f"{stem}-round-{page.round.number}.{extension}", inline=inline)
    return current_app.response_class(content(page), mimetype=mimetype, headers=headers)


@bp.get("/r/<token>/team/tasks.csv")
def team_tasks_csv():
    return team_download("team-plan", "csv", "text/csv", lambda page: tasks_csv(page, current_language()))


@bp.get("/r/<token>/team/tasks.md")
def team_tasks_markdown():
    return team_download("team-plan", "md", "text/markdown", lambda page: tasks_markdown(page, current_language()))


@bp.get("/r/<token>/team/board.pdf")
def team_board_pdf():
    """The board's one page, in the survey's language."""
    return team_download("team-board", "pdf", "application/pdf", board_pdf, inline=True)
