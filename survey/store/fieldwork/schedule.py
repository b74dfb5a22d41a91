"""What the clock asks of fieldwork, done by each pass of the mail worker: a round past its deadline
closes (Round.is_closed already says so at the deadline; this records it), and a round whose scheduled
reminder is due gets its reminders queued, once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from survey.extensions import db
from survey.store.fieldwork.outbox import queue_reminders
from survey.store.models import Round, utcnow


def close_due_rounds() -> int:
    now = utcnow()
    closed = db.session.execute(
        update(Round)
        .where(Round.closed_at.is_(None), Round.deadline.is_not(None), Round.deadline <= now)
        .values(closed_at=Round.deadline)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return closed


def queue_due_reminders(max_reminders: int) -> int:
    """Queue the scheduled reminder of each open round whose moment has come (e.g. 3 days before the deadline)."""
    now = utcnow()
    rounds = db.session.execute(
        select(Round.id, Round.deadline, Round.reminder_days_before).where(
            Round.closed_at.is_(None),
            Round.deadline > now,
            Round.reminder_days_before.is_not(None),
            Round.scheduled_reminder_at.is_(None),
        )
    ).all()
    queued = 0
    for round_id, deadline, days in rounds:
        if deadline - timedelta(days=days) > now:
            continue
        claimed = db.session.execute(
            update(Round)
            .where(Round.id == round_id, Round.scheduled_reminder_at.is_(None))
            .values(scheduled_reminder_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed:  # another worker may have done it meanwhile
            queued += queue_reminders(round_id, max_reminders)  # commits both
        else:
            db.session.rollback()
    return queued
