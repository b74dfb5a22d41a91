"""A candidate's private space of employers, and the versions of a response reopened after an interview.

A space is reached only by its own private link: a random token whose SHA-256 alone is stored (tokens.py).
A response's link never lists its space's other employers: only `find_space(space token)` does.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, delete, func, select, update

from survey.extensions import db
from survey.store.models import (
    Answer,
    DimensionNote,
    RenderedDocument,
    Response,
    ResponseRecord,
    ResponseVersion,
    Space,
    utcnow,
)
from survey.store.tokens import new_token, token_digest


def create_space(response: Response | ResponseRecord) -> str:
    """A new space holding `response`; returns its private token, given here once."""
    token = new_token()
    space = Space(token_hash=token_digest(token))
    db.session.add(space)
    db.session.flush()
    join_space(response, space.id)
    return token


def join_space(response: Response | ResponseRecord, space_id: int) -> None:
    db.session.execute(update(Response).where(Response.id == response.id).values(space_id=space_id))
    db.session.commit()
    response.space_id = space_id


def find_space(token: str) -> Space | None:
    return db.session.execute(select(Space).where(Space.token_hash == token_digest(token))).scalar_one_or_none()


def space_responses(space_id: int, submitted_only: bool = False) -> list[Response]:
    """The space's responses (their answers loaded), oldest first: the employers in the order assessed."""
    query = select(Response).where(Response.space_id == space_id).order_by(Response.created_at, Response.id)
    if submitted_only:
        query = query.where(Response.submitted_at.is_not(None))
    return list(db.session.execute(query).scalars().all())


def set_space_importance(space: Space, importance: Mapping[str, int]) -> None:
    space.importance = dict(importance)
    db.session.commit()


def erase_space(space: Space) -> int:
    """Erase the space, every response in it (answers, notes, versions) and every PDF cached for them.
    Returns how many responses went."""
    ids = list(db.session.execute(select(Response.id).where(Response.space_id == space.id)).scalars())
    if ids:
        for model, column in (
            (RenderedDocument, RenderedDocument.response_id),
            (ResponseVersion, ResponseVersion.response_id),
            (Answer, Answer.response_id),
            (DimensionNote, DimensionNote.response_id),
        ):
            db.session.execute(delete(model).where(column.in_(ids)))
        db.session.execute(delete(Response).where(Response.id.in_(ids)))
    db.session.execute(delete(Space).where(Space.id == space.id))
    db.session.commit()
    return len(ids)


# Most responses have no earlier version, and every report view asks: a bare check first, by a statement built once.
_HAS_VERSIONS = (
    select(ResponseVersion.__table__.c.id)
    .where(ResponseVersion.__table__.c.response_id == bindparam("response_id"))
    .limit(1)
)


def response_versions(response_id: int) -> list[ResponseVersion]:
    """The earlier versions of a response, first one first (the response itself is the latest)."""
    if db.session.connection().execute(_HAS_VERSIONS, {"response_id": response_id}).first() is None:
        return []
    query = select(ResponseVersion).where(ResponseVersion.response_id == response_id).order_by(ResponseVersion.number)
    return list(db.session.execute(query).scalars().all())


def reopen_response(response: Response | ResponseRecord, answers: Mapping[str, str], importance: Mapping[str, int]):
    """Keep the submitted answers as a version, then open the response again for the candidate to update.
    Only a submitted response is reopened (a second click, or a response still open, changes nothing)."""
    reopened = db.session.execute(
        update(Response)
        .where(Response.id == response.id, Response.submitted_at.is_not(None))
        .values(submitted_at=None, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if reopened.rowcount != 1:
        db.session.rollback()
        return
    number = db.session.execute(
        select(func.count(ResponseVersion.id)).where(ResponseVersion.response_id == response.id)
    ).scalar_one()
    db.session.add(
        ResponseVersion(
            response_id=response.id,
            number=number + 1,
            answers=dict(answers),
            importance=dict(importance),
            submitted_at=response.submitted_at,
        )
    )
    db.session.commit()
    response.submitted_at = None
