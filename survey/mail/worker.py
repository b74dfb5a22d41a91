"""The mail worker: claims due messages from the outbox, renders and sends them, records the outcome.

`flask --app app mail worker` runs it until stopped (SIGTERM or Ctrl-C finish the message in hand);
`flask --app app mail send` runs one pass, for cron. Several may run at once (see store/fieldwork/outbox.py).
Each pass also does what the clock asks of fieldwork: rounds past their deadline close, and scheduled
reminders are queued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, url_for
from flask_babel import force_locale, gettext

from survey.documents.fieldwork.invitation_mail import MailContext, compose
from survey.extensions import db
from survey.mail.smtp import MailError, MailSettings, SmtpMailer
from survey.store.fieldwork import outbox
from survey.store.fieldwork.invitations import invitation_link_token
from survey.store.fieldwork.link_binding import forget_private_link, pending_submission, private_link_token
from survey.store.fieldwork.schedule import close_due_rounds, queue_due_reminders
from survey.store.fieldwork.sending_mode import CONSULTANT, invitations_sent_by
from survey.store.invitation_links import settle_submissions
from survey.store.models.fieldwork import PRIVATE_LINK_MAIL, REMINDER_MAIL, SUBMITTED, Invitation, OutboxMessage
from survey.store.queues.leases import new_worker_id, retry_wait

# The reason recorded (and shown on the round page) for a message that could not be written at all: it is
# marked failed at once, counted as an attempt, and the worker goes on with the next one.
UNBUILDABLE = "the message could not be written"


@dataclass
class PassResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    closed_rounds: int = 0
    reminders_queued: int = 0

    def __str__(self) -> str:
        return (
            f"sent {self.sent}, to retry {self.retried}, failed {self.failed}, skipped {self.skipped}, "
            f"rounds closed {self.closed_rounds}, reminders queued {self.reminders_queued}"
        )


class Worker:
    """One worker process: an id, its settings, and a flag that stops it between two messages."""

    def __init__(self, app: Flask, settings: MailSettings, mailer_factory: Callable = SmtpMailer):
        self.app = app
        self.settings = settings
        self.mailer_factory = mailer_factory
        self.id = new_worker_id()
        self.stopping = False
        config = app.config
        self.batch = int(config["MAIL_BATCH_SIZE"])
        self.lease = timedelta(seconds=float(config["MAIL_LEASE_SECONDS"]))
        self.max_attempts = int(config["MAIL_MAX_ATTEMPTS"])
        self.retry_base = float(config["MAIL_RETRY_SECONDS"])
        self.retry_max = float(config["MAIL_RETRY_MAX_SECONDS"])

    def run_pass(self) -> PassResult:
        """The clock's work, then every message due now, batch after batch, until none is left."""
        result = PassResult()
        result.closed_rounds = close_due_rounds()
        result.reminders_queued = queue_due_reminders(int(self.app.config["MAIL_MAX_REMINDERS"]))
        settle_submissions()  # submitted responses let go of their invitations, 3 at least at a time
        with self.mailer_factory(self.settings) as mailer:
            while not self.stopping:
                claimed = outbox.claim(self.id, self.batch, self.lease)
                if not claimed or not self._send_batch(mailer, claimed, result):
                    break
        return result

    def _send_batch(self, mailer, claimed: list[int], result: PassResult) -> bool:
        """Send the claimed messages; False when the server cannot be reached (the rest wait their turn)."""
        for index, message_id in enumerate(claimed):
            if self.stopping:
                outbox.release(claimed[index:], self.id)
                return False
            if not outbox.hold(message_id, self.id, self.lease):
                continue  # its lease lapsed and another worker has it now
            message = db.session.get(OutboxMessage, message_id)
            invitation = db.session.get(Invitation, message.invitation_id)
            if not self._still_wanted(message, invitation):
                outbox.mark_skipped(message_id, self.id)
                forget_private_link(message)
                result.skipped += 1
                continue
            try:
                built = compose(self.mail_context(message, invitation), self.settings.sender)
            except Exception as error:  # a poison message (a header that cannot be written...) stops nothing
                self._give_up(message_id, error, result)
                continue
            try:
                mailer.send(built)
            except MailError as error:
                if error.permanent or message.attempts >= self.max_attempts:
                    outbox.mark_failed(message_id, self.id, str(error), bounced=error.refused_address)
                    forget_private_link(message)
                    result.failed += 1
                    continue
                wait = retry_wait(message.attempts, self.retry_base, self.retry_max)
                outbox.mark_retry(message_id, self.id, str(error), wait)
                result.retried += 1
                if not getattr(mailer, "connected", True):
                    outbox.release(claimed[index + 1 :], self.id, wait)
                    return False
            except Exception as error:  # written but not sendable (smtplib's own checks): this message only
                self._give_up(message_id, error, result)
                getattr(mailer, "close", lambda: None)()  # the next message starts on a clean connection
            else:
                outbox.mark_sent(message_id, self.id)
                forget_private_link(message)
                result.sent += 1
            finally:
                db.session.expire_all()
        return True

    def _give_up(self, message_id: int, error: Exception, result: PassResult) -> None:
        """A message that cannot be written: failed at once with the reason (an attempt was counted when it
        was claimed), so that it is never claimed again and the next ones go out."""
        db.session.rollback()
        outbox.mark_failed(message_id, self.id, f"{UNBUILDABLE}: {error}", bounced=False)
        db.session.expire_all()
        result.failed += 1

    @staticmethod
    def _still_wanted(message: OutboxMessage, invitation: Invitation) -> bool:
        """A reminder is never sent to someone who has submitted or unsubscribed since it was queued; a private
        link whose seed was erased (its response submitted and settled, or started again) is not sent."""
        if message.kind == PRIVATE_LINK_MAIL:
            return message.link_seed is not None
        if message.kind != REMINDER_MAIL:
            return True
        submitted = invitation.status == SUBMITTED or pending_submission(invitation) is not None
        return not submitted and not invitation.unsubscribed

    def mail_context(self, message: OutboxMessage, invitation: Invitation) -> MailContext:
        group = invitation.group
        engagement = group.engagement
        round_ = next(r for r in engagement.rounds if r.id == invitation.round_id)
        token = invitation_link_token(invitation, self.app.config["SECRET_KEY"])
        link = url_for("consultant.invitation", token=token, _external=True)
        if message.kind == PRIVATE_LINK_MAIL:
            private = private_link_token(self.app.config["SECRET_KEY"], message.link_seed)
            link = url_for("respondent.resume", token=private, _external=True)
        sender, sender_in_sentence = sender_names(engagement)
        return MailContext(
            kind=message.kind,
            address=invitation.address,
            name=invitation.name,
            client_name=engagement.client_name,
            group_name=group.name,
            language=engagement.language,
            sender_name=sender,
            sender_in_sentence=sender_in_sentence,
            reply_to=engagement.owner.email if engagement.owner is not None else None,
            deadline=round_.deadline,
            link=link,
            unsubscribe_link=url_for("consultant.unsubscribe_page", token=token, _external=True),
            links_by_sender=invitations_sent_by(round_, mail_configured=True) == CONSULTANT,
        )


def sender_names(engagement) -> tuple[str, str | None]:
    """Who the e-mail says it is from, and how a sentence names them where that differs.

    The consultant as they sign (or their address), the same everywhere. An executive's team survey has no
    account, so no address to show or reply to: "Your manager" (the From name, a sentence's start) and "your
    manager" within a sentence ("not even your manager"), in the survey's language (the From address is the
    app's, MAIL_DEFAULT_SENDER)."""
    if engagement.sender_name:
        return engagement.sender_name, None
    if engagement.owner is not None:
        return engagement.owner.email, None
    with force_locale(engagement.language):
        return gettext("Your manager"), gettext("your manager")
