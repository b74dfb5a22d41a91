"""Who sends a round's personal links, chosen on the round page: the app (the consultant never sees the links:
no download) or the consultant, from their own mailbox (the download; the page and the e-mails then say that
the anonymity promise rests on them too). See store/fieldwork/sending_mode.py for when the choice is fixed."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm
from survey.mail.smtp import MailSettings
from survey.store.fieldwork.sending_mode import (
    APP,
    CONSULTANT,
    SENDERS,
    choice_refused,
    choose_sender,
    invitations_sent_by,
    record_export,
)
from survey.web.access import owned_round


def mail_configured() -> bool:
    return MailSettings.from_config(current_app.config) is not None


def sending(round_) -> dict:
    """What the round page shows of the choice: who sends, and whether each choice can still be made."""
    configured = mail_configured()
    return {
        "sent_by": invitations_sent_by(round_, configured),
        "refused": {choice: refusal_text(choice_refused(round_, choice, configured)) for choice in SENDERS},
        "app": APP,
        "consultant": CONSULTANT,
    }


def refusal_text(reason: str | None) -> str | None:
    if reason is None:
        return None
    return {
        "exported": _(
            "The personal links were already downloaded: you hold them, so the app cannot promise otherwise."
        ),
        "no_mail": _("E-mail is not configured on this server: the app cannot send the invitations."),
        "app_sent": _(
            "The app has already sent personal links, promising that you would never see them: they cannot be "
            "downloaded in this round."
        ),
    }[reason]


def links_downloadable(round_) -> bool:
    """The personal links may be downloaded (and the consultant holds them from now on), or a flash says why not."""
    if invitations_sent_by(round_, mail_configured()) != CONSULTANT:
        flash(
            _("In this round the app sends the invitations: the personal links are not shown to you."),
            "error",
        )
        return False
    record_export(round_)
    return True


@bp.post("/engagements/<int:engagement_id>/rounds/<int:number>/fieldwork/sender")
@login_required
def invitation_sender(engagement_id: int, number: int):
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    choice = request.form.get("sent_by", "")
    if ConfirmForm().validate_on_submit() and choice in SENDERS:
        reason = choice_refused(round_, choice, mail_configured())
        if reason:
            flash(refusal_text(reason), "error")
        else:
            choose_sender(round_, choice)
            flash(_("Changes saved."), "info")
    return redirect(url_for(".fieldwork", engagement_id=engagement.id, number=round_.number))
