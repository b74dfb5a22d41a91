"""Who sends a round's personal links: the app (the consultant never sees them) or the consultant, from
their own mailbox, after downloading them (then the anonymity promise rests on the consultant too).

Unset, the app sends when mail is configured, the consultant otherwise. Once the links have been
downloaded the round is the consultant's for good (they hold the links); once the app has queued an
invitation, the consultant can no longer take the links (the e-mails promised they would never see them).
"""

from __future__ import annotations

from sqlalchemy import select

from survey.extensions import db
from survey.store.models import Round, utcnow
from survey.store.models.fieldwork import INVITATION_MAIL, REMINDER_MAIL, Invitation, OutboxMessage

APP, CONSULTANT = "app", "consultant"
SENDERS = (APP, CONSULTANT)


def invitations_sent_by(round_: Round, mail_configured: bool) -> str:
    if round_.links_exported_at is not None:
        return CONSULTANT
    return round_.invitations_sent_by or (APP if mail_configured else CONSULTANT)


def app_has_sent(round_id: int) -> bool:
    """The app has queued (or sent) an invitation or a reminder with a personal link in this round."""
    sent = (
        select(OutboxMessage.id)
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.round_id == round_id, OutboxMessage.kind.in_((INVITATION_MAIL, REMINDER_MAIL)))
        .limit(1)
    )
    return db.session.scalar(sent) is not None


def choice_refused(round_: Round, choice: str, mail_configured: bool) -> str | None:
    """Why `choice` cannot be made now (a key of REFUSALS), or None."""
    if choice == APP and round_.links_exported_at is not None:
        return "exported"
    if choice == APP and not mail_configured:
        return "no_mail"
    if choice == CONSULTANT and invitations_sent_by(round_, mail_configured) == APP and app_has_sent(round_.id):
        return "app_sent"
    return None


def choose_sender(round_: Round, choice: str) -> None:
    round_.invitations_sent_by = choice
    db.session.commit()


def record_export(round_: Round) -> None:
    """The consultant downloads the personal links: from now on they hold them."""
    if round_.links_exported_at is None:
        round_.links_exported_at = utcnow()
        db.session.commit()
