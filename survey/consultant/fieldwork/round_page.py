"""The round page: invitees per group, the e-mails and their fate, deadline, reminders, targets. Thin views:
parsing in fieldwork_forms.py, the work in survey/store (invitations, outbox), sending in the mail worker."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import current_app, flash, redirect, render_template, stream_with_context, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.fieldwork.forms import invitees_form, settings_form
from survey.consultant.fieldwork.sender import links_downloadable, sending
from survey.consultant.forms import ConfirmForm
from survey.documents.fieldwork.invitee_list import invitees_csv_chunks
from survey.domain.fieldwork.invitees import pasted_lines
from survey.mail.smtp import MailSettings
from survey.store.fieldwork.group_links import group_link_answers, group_link_open
from survey.store.fieldwork.invitation_tokens import personal_tokens
from survey.store.fieldwork.invitations import each_invitee_line, import_invitees, invitee_lines, status_counts
from survey.store.fieldwork.outbox import (
    outbox_summary,
    queue_invitations,
    queue_reminders,
    remindable_count,
    uninvited_count,
)
from survey.store.fieldwork.progress import round_progress
from survey.store.fieldwork.settings import save_fieldwork_settings
from survey.web.access import owned_round
from survey.web.downloads import download_headers

INVITEES_SHOWN = 200


def round_page_url(engagement, round_) -> str:
    return url_for(".fieldwork", engagement_id=engagement.id, number=round_.number)


def render_round_page(engagement, round_, invitees=None, settings=None):
    """The page, with the forms as posted when one of them has errors."""
    progress = round_progress(round_)
    targets = {line.group.id: line.target for line in progress}
    headcounts = {line.group.id: line.headcount for line in progress if line.headcount}
    max_reminders = current_app.config["MAIL_MAX_REMINDERS"]
    return render_template(
        "consultant/fieldwork.html",
        engagement=engagement,
        round=round_,
        progress=progress,
        statuses=status_counts(round_.id),
        invitees=invitee_lines(round_.id, INVITEES_SHOWN),
        group_names={group.id: group.name for group in engagement.groups},
        outbox=outbox_summary(round_.id),
        remindable=remindable_count(round_.id, max_reminders),
        uninvited=uninvited_count(round_.id),
        max_reminders=max_reminders,
        mail_configured=MailSettings.from_config(current_app.config) is not None,
        invitees_form=invitees or invitees_form(engagement),
        settings_form=settings or settings_form(engagement, round_, targets, headcounts),
        form=ConfirmForm(),
        sending=sending(round_),
    )


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork")
@login_required
def fieldwork(engagement_id: int, number: int):
    return render_round_page(*owned_round(current_user.id, engagement_id, number))


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork/invitees")
@login_required
def add_invitees(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    form = invitees_form(engagement)
    if round_.is_closed:
        flash(_("This round is closed: it takes no new invitees."), "error")
        return redirect(round_page_url(engagement, round_))
    if not form.validate_on_submit():
        return render_round_page(engagement, round_, invitees=form), 422
    if form.confirmed.data != "1":
        asking = ask_before_closing_group_link(engagement, round_, form)
        if asking is not None:
            return asking
    result = import_invitees(round_, form.group.data, form.parsed.invitees, current_app.config["SECRET_KEY"])
    message = ngettext("%(num)d invitee added.", "%(num)d invitees added.", result.added)
    if result.already_invited:
        message += " " + ngettext(
            "%(num)d address was already invited in this round.",
            "%(num)d addresses were already invited in this round.",
            result.already_invited,
        )
    if form.parsed.duplicates:
        message += " " + ngettext(
            "%(num)d repeated line was merged.", "%(num)d repeated lines were merged.", form.parsed.duplicates
        )
    flash(message, "info")
    return redirect(round_page_url(engagement, round_))


def ask_before_closing_group_link(engagement, round_, form):
    """The confirmation page, when these would be the first invitations of a group its group link has answers
    in: what keeps counting, and that the group link takes no new response from then on. None: nothing to ask."""
    group_id = form.group.data
    if not group_link_open(round_.id, group_id):
        return None
    answers = group_link_answers(round_.id, group_id)
    if not answers.any:
        return None
    return render_template(
        "consultant/confirm_invitees.html",
        engagement=engagement,
        round=round_,
        group=next(group for group in engagement.groups if group.id == group_id),
        answers=answers,
        invitees=form.parsed.invitees,
        lines=pasted_lines(form.parsed.invitees),
    )


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork/settings")
@login_required
def fieldwork_settings(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    targets = {line.group.id: line.target for line in round_progress(round_)}
    form = settings_form(engagement, round_, targets)
    if not form.validate_on_submit():
        return render_round_page(engagement, round_, settings=form), 422
    if save_fieldwork_settings(
        round_,
        form.deadline_moment(),
        form.reminder_days(),
        form.sender_name.data,
        form.targets(engagement),
        form.headcounts(engagement),
    ):
        flash(_("Changes saved."), "info")
    else:
        flash(_("This round is closed: its deadline and reminder stay as they were; the rest is saved."), "error")
    return redirect(round_page_url(engagement, round_))


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork/send")
@login_required
def send_invitations(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    if ConfirmForm().validate_on_submit() and not round_.is_closed:
        queued = queue_invitations(round_.id)
        flash(ngettext("%(num)d invitation will be sent.", "%(num)d invitations will be sent.", queued), "info")
    return redirect(round_page_url(engagement, round_))


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork/remind")
@login_required
def send_reminders(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    if ConfirmForm().validate_on_submit() and not round_.is_closed:
        queued = queue_reminders(round_.id, current_app.config["MAIL_MAX_REMINDERS"])
        flash(ngettext("%(num)d reminder will be sent.", "%(num)d reminders will be sent.", queued), "info")
    return redirect(round_page_url(engagement, round_))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/invitees.csv")
@login_required
def invitees_download(engagement_id: int, number: int):
    """Every invitee with their personal link, for a consultant who sends from their own mailbox: streamed
    as the rows are read (100,000 invitees are 10 MB)."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    if not links_downloadable(round_):
        return redirect(round_page_url(engagement, round_))
    token_of = personal_tokens(current_app.config["SECRET_KEY"])
    # One URL built, the others by their token (URL-safe base64: nothing to quote), as url_for would build them.
    link_start = url_for(".invitation", token=LINK_MARK, _external=True).removesuffix(LINK_MARK)

    def link_for(line) -> str:
        return link_start + token_of(line.link_seed)

    names = {group.id: group.name for group in engagement.groups}
    lines, language = each_invitee_line(round_.id), engagement.language  # read now: the stream outlives the view

    def chunks():
        with force_locale(language):  # statuses in words, in the client's language
            yield from invitees_csv_chunks(lines, names, link_for)

    headers = download_headers(f"invitees-round-{number}.csv")
    body = stream_with_context(chunk.encode("utf-8") for chunk in chunks())
    return HttpResponse(body, mimetype="text/csv", headers=headers)


LINK_MARK = "LINK-MARK"
