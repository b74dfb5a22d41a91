"""Invitees of a round: importing them, the personal link that starts or resumes their one response,
and the submit that severs that response from their address.

A list of 10,000 addresses is one transaction of a few batched INSERTs; an address already invited in
the round (in any group) is left as it is. Functions that own a unit of work commit; the ones that take
a Connection do not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from survey.domain.fieldwork.invitees import Invitee
from survey.extensions import db
from survey.store.fieldwork.invitation_tokens import new_link_seed, personal_token, token_hash
from survey.store.fieldwork.outbox import lock_round
from survey.store.models import Response, Round, utcnow
from survey.store.models.fieldwork import NEW, Invitation

INSERT_BATCH = 1000


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_invited: int  # addresses the round held already (in this group or another)


def import_invitees(round_: Round, group_id: int, invitees: Sequence[Invitee], secret_key: str) -> ImportResult:
    """Add the invitees to one group of the round, all or nothing, in batches of INSERT ... ON CONFLICT DO
    NOTHING: an address invited meanwhile by another tab is skipped, never an error."""
    lock_round(round_.id)  # a press of "Send" meanwhile waits (see outbox.queue_invitations)
    connection = db.session.connection()
    before = _invitation_count(connection, round_.id)
    now = utcnow()
    rows = []
    for invitee in invitees:
        seed = new_link_seed()
        rows.append(
            {
                "round_id": round_.id,
                "group_id": group_id,
                "address": invitee.address,
                "address_key": invitee.key,
                "name": invitee.name,
                "link_seed": seed,
                "token_hash": token_hash(personal_token(secret_key, seed)),
                "status": NEW,
                "reminders_sent": 0,
                "unsubscribed": False,
                "created_at": now,
            }
        )
    insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(Invitation.__table__).on_conflict_do_nothing(index_elements=["round_id", "address_key"])
    for start in range(0, len(rows), INSERT_BATCH):
        connection.execute(statement, rows[start : start + INSERT_BATCH])
    added = _invitation_count(connection, round_.id) - before
    db.session.commit()
    return ImportResult(added=added, already_invited=len(rows) - added)


def _invitation_count(connection: Connection, round_id: int) -> int:
    return connection.execute(select(func.count()).where(Invitation.round_id == round_id)).scalar_one()


def find_invitation(secret_token: str) -> Invitation | None:
    if not secret_token or len(secret_token) > 64:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(secret_token)))


def invitation_link_token(invitation: Invitation, secret_key: str) -> str:
    return personal_token(secret_key, invitation.link_seed)


def response_in_progress(invitation: Invitation) -> Response | None:
    return db.session.scalar(select(Response).where(Response.invitation_id == invitation.id))


@dataclass(frozen=True)
class InviteeLine:
    id: int
    name: str | None
    address: str
    group_id: int
    status: str
    reminders_sent: int
    unsubscribed: bool
    link_seed: str


def invitee_lines(round_id: int, limit: int | None = None) -> list[InviteeLine]:
    """The round's invitees, by group then in the order they were added."""
    return [InviteeLine(*row) for row in db.session.execute(_invitee_lines(round_id).limit(limit)).tuples()]


def each_invitee_line(round_id: int, batch: int = 2000) -> Iterator[InviteeLine]:
    """The same, `batch` rows per query, each batch after the last (group, id) read: the CSV download of
    100,000 invitees streams them, holding neither them all nor a transaction while the browser reads."""
    after = None
    while True:
        statement = _invitee_lines(round_id).limit(batch)
        if after is not None:
            statement = statement.where(tuple_(Invitation.group_id, Invitation.id) > after)
        lines = [InviteeLine(*row) for row in db.session.execute(statement).tuples()]
        db.session.rollback()  # nothing was written: end the read before the rows go out
        yield from lines
        if len(lines) < batch:
            return
        after = (lines[-1].group_id, lines[-1].id)


def _invitee_lines(round_id: int):
    return (
        select(
            Invitation.id,
            Invitation.name,
            Invitation.address,
            Invitation.group_id,
            Invitation.status,
            Invitation.reminders_sent,
            Invitation.unsubscribed,
            Invitation.link_seed,
        )
        .where(Invitation.round_id == round_id)
        .order_by(Invitation.group_id, Invitation.id)
    )


def status_counts(round_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(Invitation.status, func.count()).where(Invitation.round_id == round_id).group_by(Invitation.status)
    ).tuples()
    return dict(rows.all())


def unsubscribe(invitation: Invitation) -> None:
    """No more reminders for this invitee (their link still works)."""
    invitation.unsubscribed = True
    db.session.commit()
