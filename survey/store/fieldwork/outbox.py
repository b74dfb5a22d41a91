"""The outbox: e-mails to invitees, queued by the consultant's pages and sent by the mail worker.

Sending never happens inside a web request. Queueing is one INSERT ... SELECT per press of a button,
whatever the number of invitees. A worker claims a few messages at a time: on PostgreSQL with
SELECT ... FOR UPDATE SKIP LOCKED (two workers never claim the same row, nor wait for each other), on
SQLite by its single writer; either way the claim is a lease (store/queues/leases.py, shared with the jobs). A
worker that dies leaves its claimed messages to be claimed again once the lease ends; a worker checks,
just before sending each message, that the message is still its own (and extends the lease), and records
it sent as soon as the mail server accepts it. So a message goes out once, unless a worker dies in the
instant between the server's "accepted" and that record (a duplicate then, never a loss).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import exists, func, insert, literal, select, update

from survey.extensions import db
from survey.store.models import Response, Round, utcnow
from survey.store.models.fieldwork import (
    BOUNCED,
    INVITATION_MAIL,
    NEW,
    OUT_FAILED,
    OUT_QUEUED,
    OUT_SENDING,
    OUT_SENT,
    OUT_SKIPPED,
    PRIVATE_LINK_MAIL,
    REMINDER_MAIL,
    SENT,
    STARTED,
    Invitation,
    OutboxMessage,
)
from survey.store.queues.leases import LeasedTable

_outbox, _invitations = OutboxMessage.__table__, Invitation.__table__


def lock_round(round_id: int) -> None:
    """Two presses of a button on one round queue one after the other (PostgreSQL; SQLite has one writer)."""
    db.session.execute(select(Round.id).where(Round.id == round_id).with_for_update())


def _queue(round_id: int, kind: str, chosen, batch: str | None = None) -> None:
    """Queue one message of `kind` for each invitation `chosen` selects (ids), in one statement."""
    batch, now = batch or secrets.token_hex(8), utcnow()
    rows = select(
        chosen.c.id, literal(kind), literal(batch), literal(OUT_QUEUED), literal(0), literal(now), literal(now)
    )
    columns = ["invitation_id", "kind", "batch", "status", "attempts", "next_attempt_at", "created_at"]
    db.session.execute(insert(_outbox).from_select(columns, rows))


def _queued_in(batch: str):
    return select(_outbox.c.invitation_id).where(_outbox.c.batch == batch)


def _to_invite(round_id: int):
    """Invitees of the round whose invitation e-mail was never queued."""
    queued = exists().where(_outbox.c.invitation_id == _invitations.c.id, _outbox.c.kind == INVITATION_MAIL)
    return select(_invitations.c.id).where(_invitations.c.round_id == round_id, _invitations.c.status == NEW, ~queued)


def uninvited_count(round_id: int) -> int:
    """How many invitees "Send N invitations" would write to."""
    return db.session.execute(select(func.count()).select_from(_to_invite(round_id).subquery())).scalar_one()


def queue_invitations(round_id: int) -> int:
    """Queue the invitation e-mail of every invitee of the round not yet invited; how many.

    One INSERT ... SELECT and nothing else: the invitations keep their status until the worker sends (an
    UPDATE of 10,000 invitation rows cost more than the insert). A second press finds them queued already.
    """
    lock_round(round_id)
    queued = uninvited_count(round_id)  # an INSERT ... SELECT's rowcount is not reported by every driver
    if queued:
        _queue(round_id, INVITATION_MAIL, _to_invite(round_id).subquery())
    db.session.commit()
    return queued


def _remindable(round_id: int, max_reminders: int):
    """Invitees who were sent their invitation, have not submitted, not unsubscribed, not reached the cap,
    and have no e-mail already waiting."""
    waiting = exists().where(
        _outbox.c.invitation_id == _invitations.c.id,
        _outbox.c.status.in_((OUT_QUEUED, OUT_SENDING)),
        _outbox.c.kind != PRIVATE_LINK_MAIL,
    )
    # Submitted, but still "started" until its batch is settled (store/invitation_links.py).
    submitted = exists().where(Response.invitation_id == _invitations.c.id, Response.submitted_at.is_not(None))
    return select(_invitations.c.id).where(
        ~submitted,
        _invitations.c.round_id == round_id,
        _invitations.c.status.in_((SENT, STARTED)),
        _invitations.c.unsubscribed.is_(False),
        _invitations.c.reminders_sent < max_reminders,
        ~waiting,
    )


def remindable_count(round_id: int, max_reminders: int) -> int:
    remindable = _remindable(round_id, max_reminders).subquery()
    return db.session.execute(select(func.count()).select_from(remindable)).scalar_one()


def queue_reminders(round_id: int, max_reminders: int) -> int:
    """Queue a reminder for each invitee who has not answered (see _remindable); how many."""
    lock_round(round_id)
    batch = secrets.token_hex(8)
    _queue(round_id, REMINDER_MAIL, _remindable(round_id, max_reminders).subquery(), batch)
    queued = db.session.execute(
        update(_invitations)
        .where(_invitations.c.id.in_(_queued_in(batch)))
        .values(reminders_sent=_invitations.c.reminders_sent + 1)
    ).rowcount
    db.session.commit()
    return queued


QUEUE = LeasedTable(_outbox, waiting=OUT_QUEUED, taken=OUT_SENDING)
claim, hold, release = QUEUE.claim, QUEUE.hold, QUEUE.release  # see store/queues/leases.py


def mark_sent(message_id: int, worker: str) -> None:
    """The mail server accepted it: sent, and its invitee's invitation with it (unless they went further)."""
    QUEUE.finish(message_id, worker, status=OUT_SENT, sent_at=utcnow(), last_error=None)
    invitation = select(_outbox.c.invitation_id).where(_outbox.c.id == message_id).scalar_subquery()
    db.session.execute(
        update(_invitations)
        .where(_invitations.c.id == invitation, _invitations.c.status.in_((NEW, BOUNCED)))
        .values(status=SENT)
    )
    db.session.commit()


def mark_retry(message_id: int, worker: str, error: str, wait: timedelta) -> None:
    QUEUE.finish(message_id, worker, status=OUT_QUEUED, next_attempt_at=utcnow() + wait, last_error=error[:300])
    db.session.commit()


def mark_failed(message_id: int, worker: str, error: str, bounced: bool) -> None:
    """Given up: shown on the round page; a refused address marks its invitation bounced."""
    QUEUE.finish(message_id, worker, status=OUT_FAILED, last_error=error[:300])
    if bounced:
        invitation = select(_outbox.c.invitation_id).where(_outbox.c.id == message_id).scalar_subquery()
        db.session.execute(
            update(_invitations)
            .where(_invitations.c.id == invitation, _invitations.c.status.in_((NEW, SENT)))
            .values(status=BOUNCED)
        )
    db.session.commit()


def mark_skipped(message_id: int, worker: str) -> None:
    """A reminder whose invitee submitted or unsubscribed after it was queued: never sent."""
    QUEUE.finish(message_id, worker, status=OUT_SKIPPED)
    db.session.commit()


@dataclass(frozen=True)
class Failure:
    address: str
    kind: str
    error: str
    attempts: int


@dataclass(frozen=True)
class OutboxSummary:
    counts: dict[str, int]  # outbox status -> messages
    failures: list[Failure]  # the latest ones


def outbox_summary(round_id: int, limit: int = 50) -> OutboxSummary:
    of_round = _outbox.c.invitation_id.in_(select(_invitations.c.id).where(_invitations.c.round_id == round_id))
    counts = dict(
        db.session.execute(select(_outbox.c.status, func.count()).where(of_round).group_by(_outbox.c.status))
        .tuples()
        .all()
    )
    rows = db.session.execute(
        select(_invitations.c.address, _outbox.c.kind, _outbox.c.last_error, _outbox.c.attempts)
        .join(_invitations, _invitations.c.id == _outbox.c.invitation_id)
        .where(of_round, _outbox.c.status == OUT_FAILED)
        .order_by(_outbox.c.id.desc())
        .limit(limit)
    ).tuples()
    return OutboxSummary(counts, [Failure(*row) for row in rows])
