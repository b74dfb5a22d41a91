"""Changing a round's invitee list after the import: removing an invitee who has not submitted (their link
stops; a response in progress is erased with them), moving one who has not started to another group, and
carrying the list over to the next round (unsubscribed and refused addresses stay out).

Each change is one conditional statement, so that an invitee who starts or submits meanwhile is never
moved or removed behind their back. Functions commit.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from survey.extensions import db
from survey.store.fieldwork.group_links import close_group_link
from survey.store.fieldwork.invitation_tokens import new_link_seed, personal_token, token_hash
from survey.store.models import OutboxMessage, Response, Round, utcnow
from survey.store.models.fieldwork import BOUNCED, NEW, SENT, SUBMITTED, Invitation
from survey.store.responses import delete_response

NOT_STARTED = (NEW, SENT, BOUNCED)  # may move to another group: no response holds their group yet


def round_invitation(round_id: int, invitation_id: int) -> Invitation | None:
    if not 0 < invitation_id <= 2**31 - 1:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.id == invitation_id, Invitation.round_id == round_id))


def response_of(invitation: Invitation) -> Response | None:
    """The response that still points to the invitation: in progress, or submitted and not yet separated from
    it (a submit may let go of its invitation later, in a batch)."""
    return db.session.scalar(select(Response).where(Response.invitation_id == invitation.id))


def has_submitted(invitation: Invitation) -> bool:
    """Marked submitted, or its response submitted and still waiting to be separated from the invitation."""
    if invitation.status == SUBMITTED:
        return True
    response = response_of(invitation)
    return response is not None and response.submitted_at is not None


def remove_invitation(invitation: Invitation) -> bool:
    """Remove an invitee who has not submitted, their queued e-mails and their response in progress; False when
    they have submitted (then nothing changes: a submitted response leaves only through its own erasure page)."""
    if has_submitted(invitation):
        return False
    response = response_of(invitation)
    if response is not None:
        delete_response(response)  # not submitted: nothing of it is in the round's figures
    invitation_id = invitation.id
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.invitation_id == invitation_id))
    removed = db.session.execute(
        delete(Invitation)
        .where(Invitation.id == invitation_id, Invitation.status != SUBMITTED)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.expire_all()
    return removed.rowcount == 1


def move_invitation(invitation: Invitation, group_id: int) -> bool:
    """Move an invitee who has not started to another group of the round (whose group link then closes, as at
    any first invitation); False when they started meanwhile."""
    round_id = invitation.round_id
    moved = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.status.in_(NOT_STARTED))
        .values(group_id=group_id)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount == 1:
        close_group_link(db.session.connection(), round_id, group_id, utcnow())
    db.session.commit()
    db.session.expire_all()
    return moved.rowcount == 1


def carried_over_count(round_: Round) -> int:
    """The invitees that opening the next round would invite again: neither unsubscribed nor refused."""
    return db.session.scalar(select(func.count()).select_from(Invitation).where(*_carried(round_.id))) or 0


def _carried(round_id: int):
    return (Invitation.round_id == round_id, Invitation.unsubscribed.is_(False), Invitation.status != BOUNCED)


def carry_invitees_over(previous: Round, new_round: Round, group_ids: set[int], secret_key: str) -> int:
    """Invite the previous round's invitees again in the new round, each in the same group (if it still exists),
    with a new personal link; the caller commits. Returns how many."""
    now = utcnow()
    rows = []
    for address, key, name, group_id in db.session.execute(
        select(Invitation.address, Invitation.address_key, Invitation.name, Invitation.group_id)
        .where(*_carried(previous.id))
        .order_by(Invitation.id)
    ).tuples():
        if group_id not in group_ids:
            continue
        seed = new_link_seed()
        rows.append(
            {
                "round_id": new_round.id,
                "group_id": group_id,
                "address": address,
                "address_key": key,
                "name": name,
                "link_seed": seed,
                "token_hash": token_hash(personal_token(secret_key, seed)),
                "status": NEW,
                "reminders_sent": 0,
                "unsubscribed": False,
                "created_at": now,
            }
        )
    connection = db.session.connection()
    for start in range(0, len(rows), 1000):
        connection.execute(Invitation.__table__.insert(), rows[start : start + 1000])
    for group_id in {row["group_id"] for row in rows}:
        close_group_link(connection, new_round.id, group_id, now)
    return len(rows)
