"""Saving a round's fieldwork settings: deadline, scheduled reminder, targets per group, the sender's name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import db
from survey.store.models import GroupTarget, Round
from survey.store.upserts import upsert


def save_fieldwork_settings(
    round_: Round,
    deadline: datetime | None,
    reminder_days_before: int | None,
    sender_name: str | None,
    targets: Mapping[int, int],
    headcounts: Mapping[int, int | None] | None = None,
) -> bool:
    """The consultant's round settings: the schedule (see set_schedule), the name that signs the e-mails, the
    targets and the headcounts per group. Returns False when a closed round was asked a new schedule (the rest
    is saved). `headcounts`: per group, how many people it has at the client (None: not said)."""
    scheduled = set_schedule(round_, deadline, reminder_days_before)
    round_.engagement.sender_name = (sender_name or "").strip() or None
    rows = [{"round_id": round_.id, "group_id": group_id, "target": target} for group_id, target in targets.items()]
    upsert(db.session.connection(), GroupTarget.__table__, rows, ["round_id", "group_id"], ["target"])
    if headcounts is not None:
        save_headcounts(round_.id, headcounts)
    db.session.commit()
    return scheduled


def save_schedule(round_: Round, deadline: datetime | None, reminder_days_before: int | None) -> bool:
    """Only the deadline and the scheduled reminder (a team survey's page); False as for set_schedule."""
    scheduled = set_schedule(round_, deadline, reminder_days_before)
    db.session.commit()
    return scheduled


def set_schedule(round_: Round, deadline: datetime | None, reminder_days_before: int | None) -> bool:
    """A new deadline or reminder schedule re-arms the scheduled reminder (it is sent once per schedule).

    A closed round is closed, whoever closed it (the consultant, or its deadline with or without a mail
    worker): its closing is recorded, and its deadline and reminder stay as they were, so that a later
    date cannot reopen it. Returns False when such a change was asked and not made; the caller commits."""
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
    return not (asked and closed)


def save_headcounts(round_id: int, headcounts: Mapping[int, int | None]) -> None:
    """Per group, how many people it has at the client; the caller commits."""
    rows = [
        {"round_id": round_id, "group_id": group_id, "target": ANONYMITY_THRESHOLD, "headcount": headcount}
        for group_id, headcount in headcounts.items()
    ]
    upsert(db.session.connection(), GroupTarget.__table__, rows, ["round_id", "group_id"], ["headcount"])


def group_headcounts(round_id: int) -> dict[int, int]:
    """Group id -> how many people it has at the client, where the consultant said."""
    rows = db.session.execute(
        select(GroupTarget.group_id, GroupTarget.headcount).where(
            GroupTarget.round_id == round_id, GroupTarget.headcount.is_not(None)
        )
    ).tuples()
    return dict(rows.all())


def carry_headcounts(previous_round_id: int, new_round_id: int) -> None:
    """A new round starts with the previous round's headcounts (the consultant may change them); the caller
    commits."""
    save_headcounts(new_round_id, group_headcounts(previous_round_id))
