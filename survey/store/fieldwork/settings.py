"""Saving a round's fieldwork settings: deadline, scheduled reminder, targets per group, the sender's name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from survey.extensions import db
from survey.store.models import GroupTarget, Round
from survey.store.upserts import upsert


def save_fieldwork_settings(
    round_: Round,
    deadline: datetime | None,
    reminder_days_before: int | None,
    sender_name: str | None,
    targets: Mapping[int, int],
) -> bool:
    """A new deadline or reminder schedule re-arms the scheduled reminder (it is sent once per schedule).

    A closed round is closed, whoever closed it (the consultant, or its deadline with or without a mail
    worker): its closing is recorded, and its deadline and reminder stay as they were, so that a later
    date cannot reopen it. Returns False when such a change was asked and not made."""
    asked = (deadline, reminder_days_before) != (round_.deadline, round_.reminder_days_before)
    closed = round_.is_closed
    if closed:
        if round_.closed_at is None:  # closed by its deadline, not recorded yet
            round_.closed_at = round_.deadline
        deadline, reminder_days_before = round_.deadline, round_.reminder_days_before
    elif asked:
        round_.scheduled_reminder_at = None
    round_.deadline = deadline
    round_.reminder_days_before = reminder_days_before
    round_.engagement.sender_name = (sender_name or "").strip() or None
    rows = [{"round_id": round_.id, "group_id": group_id, "target": target} for group_id, target in targets.items()]
    upsert(db.session.connection(), GroupTarget.__table__, rows, ["round_id", "group_id"], ["target"])
    db.session.commit()
    return not (asked and closed)
