"""Where a response lets go of its invitation: at submit, in the submit's own transaction.

The invitation learns that it was submitted, and the day only (a time could be matched with the
response's); then the response forgets which invitation it came from. After this commit nothing in
the database ties the answers to an address. Kept apart from invitations.py, which starts responses
(it imports store/responses.py, which calls this).
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select, update

from survey.store.models import Invitation, Response, utcnow
from survey.store.models.fieldwork import SUBMITTED

_responses, _invitations = Response.__table__, Invitation.__table__
_invitation_of = select(_responses.c.invitation_id).where(_responses.c.id == bindparam("response_id"))
MARK_SUBMITTED = (
    update(_invitations)
    .where(_invitations.c.id == _invitation_of.scalar_subquery())
    .values(status=SUBMITTED, submitted_on=bindparam("today"))
)
FORGET_INVITATION = update(_responses).where(_responses.c.id == bindparam("response_id")).values(invitation_id=None)


def settle_invitation(connection: Connection, response_id: int) -> None:
    """Mark the response's invitation submitted (the day only) and clear the response's link to it."""
    connection.execute(MARK_SUBMITTED, {"response_id": response_id, "today": utcnow().date()})
    connection.execute(FORGET_INVITATION, {"response_id": response_id})
