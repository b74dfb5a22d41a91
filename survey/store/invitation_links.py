"""Where submitted responses let go of their invitations: in batches, never in the submit's transaction.

A submit writes the response (and its round's tallies) and nothing else: no invitation row shares its
transaction id (PostgreSQL's xmin), its timestamps or its place in the table. Later, once a group of a
round holds at least 3 submitted responses still pointing to their invitations (right after the submit
that makes them 3, or by the mail worker's pass), one transaction marks those invitations "submitted"
(with that day only) and clears those responses' pointers, each table's rows in a shuffled order: in a
dump, a response's xmin, row order and times tie it to no fewer than 3 invitations of its group. When a
round closes with 1 or 2 such responses in a group, their pointers are cleared and their invitations are
left as they were ("started"): the group is under the anonymity threshold, shown nowhere.
Kept apart from store/fieldwork/ (store/responses.py calls it).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import and_, delete, func, or_, select, update

from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import db
from survey.store.models import Invitation, OutboxMessage, Response, Round, utcnow
from survey.store.models.fieldwork import PRIVATE_LINK_MAIL, SUBMITTED

BATCH_MIN = ANONYMITY_THRESHOLD  # the fewest invitations one settled response can be told apart among

Shuffle = Callable[[list], None]
_system_random = random.SystemRandom()


def settle_submissions(round_id: int | None = None, group_id: int | None = None, shuffle: Shuffle | None = None) -> int:
    """Settle every (round, group) ready for it (all of them, or one round's, or one group's): returns the
    number of responses separated from their invitations. Each batch is a transaction of its own."""
    pending = (
        _pending()
        .with_only_columns(Response.round_id, Response.group_id, func.count())
        .group_by(Response.round_id, Response.group_id)
    )
    if round_id is not None:
        pending = pending.where(Response.round_id == round_id)
    if group_id is not None:
        pending = pending.where(Response.group_id == group_id)
    ready = db.session.execute(pending).tuples().all()
    closed = _closed_rounds({round_ for round_, _, _ in ready})
    db.session.commit()
    settled = 0
    for round_, group, count in ready:
        if count >= BATCH_MIN or round_ in closed:
            settled += _settle_group(round_, group, mark=count >= BATCH_MIN, shuffle=shuffle or _system_random.shuffle)
    return settled


def _pending():
    return select(Response.id).where(Response.submitted_at.is_not(None), Response.invitation_id.is_not(None))


def _closed_rounds(round_ids: set[int]) -> set[int]:
    if not round_ids:
        return set()
    closed = or_(Round.closed_at.is_not(None), and_(Round.deadline.is_not(None), Round.deadline <= utcnow()))
    return set(db.session.scalars(select(Round.id).where(Round.id.in_(round_ids), closed)))


def _settle_group(round_id: int, group_id: int, mark: bool, shuffle: Shuffle) -> int:
    db.session.execute(select(Round.id).where(Round.id == round_id).with_for_update())  # one settle at a time
    rows = db.session.execute(
        _pending()
        .with_only_columns(Response.id, Response.invitation_id)
        .where(Response.round_id == round_id, Response.group_id == group_id)
    ).all()
    if not rows or (mark and len(rows) < BATCH_MIN):  # another settle was first
        db.session.rollback()
        return 0
    invitations = [invitation for _, invitation in rows]
    shuffle(invitations)
    if mark:
        today = utcnow().date()
        for invitation in invitations:  # one by one, in that order: the new row versions land in it
            db.session.execute(
                update(Invitation)
                .where(Invitation.id == invitation)
                .values(status=SUBMITTED, submitted_on=today)
                .execution_options(synchronize_session=False)
            )
    private_mail = OutboxMessage.kind == PRIVATE_LINK_MAIL  # its seed would lead from the invitation to the response
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.invitation_id.in_(invitations), private_mail))
    responses = [response for response, _ in rows]
    shuffle(responses)
    for response in responses:  # updated_at kept: a settle changes nothing the response shows
        db.session.execute(
            update(Response)
            .where(Response.id == response)
            .values(invitation_id=None, updated_at=Response.updated_at)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    return len(rows)
