"""Mixed groups: a group answered through its group link, then given personal invitations.

The answers given through the group link before the group's first invitation keep counting toward the
anonymity threshold (as people told apart by browser, like any group link's); from that first invitation on,
the group link of that group takes no new response in that round, so that nobody can pad a small group
through it. Responses started through it before that moment may still be submitted, and count.
When the link closed is kept per group and round (group_targets.link_closed_at); it never reopens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import db
from survey.store.models import GroupTarget, Response

_targets = GroupTarget.__table__


def closed_links(round_id: int) -> dict[int, datetime]:
    """Group id -> when its group link stopped taking new responses in the round (groups with invitations)."""
    rows = db.session.execute(
        select(GroupTarget.group_id, GroupTarget.link_closed_at).where(
            GroupTarget.round_id == round_id, GroupTarget.link_closed_at.is_not(None)
        )
    ).tuples()
    return dict(rows.all())


def group_link_open(round_id: int, group_id: int) -> bool:
    return group_id not in closed_links(round_id)


def close_group_link(connection: Connection, round_id: int, group_id: int, moment: datetime) -> None:
    """The group's first invitation: its group link takes no new response in this round from `moment` on
    (a later call keeps the first moment)."""
    insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(_targets).values(
        round_id=round_id, group_id=group_id, target=ANONYMITY_THRESHOLD, link_closed_at=moment
    )
    statement = statement.on_conflict_do_update(
        index_elements=["round_id", "group_id"],
        set_={"link_closed_at": func.coalesce(_targets.c.link_closed_at, statement.excluded.link_closed_at)},
    )
    connection.execute(statement)


def people_per_group(round_id: int) -> dict[int, int]:
    """Submitted respondents per group, as far as the app can tell people apart: the responses started from
    one browser (one marker cookie, see consultant.invites) count once; a response without a marker, once."""
    # Responses without a marker, one each, plus distinct markers: read from an index alone
    # (ix_responses_round_group_people), where a distinct over COALESCE(marker, id) read every row.
    people = func.count() - func.count(Response.browser_key) + func.count(func.distinct(Response.browser_key))
    rows = db.session.execute(
        select(Response.group_id, people)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .group_by(Response.group_id)
    ).tuples()
    return {group_id: count for group_id, count in rows}


def threshold_people(round_id: int) -> dict[int, int]:
    """Per group, the submitted respondents the anonymity threshold counts: people told apart by browser, and
    where a group link closed, only its responses started before (people_in_mixed_round)."""
    if closed_links(round_id):
        return people_in_mixed_round(round_id)
    return people_per_group(round_id)


def people_in_mixed_round(round_id: int) -> dict[int, int]:
    """Per group, the submitted respondents the anonymity threshold counts in a round where some group links
    closed: each invitation's response once, and the group link's responses started before the group's first
    invitation as people told apart by browser (one marker, once; a response without a marker, once)."""
    targets = _targets.alias("t")
    through_link = Response.invited.is_not(True)
    counted = or_(
        Response.invited.is_(True), targets.c.link_closed_at.is_(None), Response.created_at < targets.c.link_closed_at
    )
    people = (
        func.count(case((Response.invited.is_(True), 1)))
        + func.count(case((and_(through_link, Response.browser_key.is_(None)), 1)))
        + func.count(func.distinct(case((through_link, Response.browser_key))))
    )
    rows = db.session.execute(
        select(Response.group_id, people)
        .select_from(Response)
        .outerjoin(targets, and_(targets.c.round_id == Response.round_id, targets.c.group_id == Response.group_id))
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None), counted)
        .group_by(Response.group_id)
    ).tuples()
    return {group_id: count for group_id, count in rows}


@dataclass(frozen=True)
class GroupLinkAnswers:
    """What a group's link has gathered in a round, as the page that asks before its first invitation says it."""

    submitted: int  # responses submitted through the group link
    people: int  # the people the threshold counts among them (told apart by browser)
    in_progress: int  # started through the group link, not submitted yet (they may still be, and count)

    @property
    def any(self) -> bool:
        return bool(self.submitted or self.in_progress)


def group_link_answers(round_id: int, group_id: int) -> GroupLinkAnswers:
    through_link = and_(Response.round_id == round_id, Response.group_id == group_id, Response.invited.is_not(True))
    submitted, in_progress, unmarked, browsers = db.session.execute(
        select(
            func.count(Response.submitted_at),
            func.count(case((Response.submitted_at.is_(None), 1))),
            func.count(case((and_(Response.submitted_at.is_not(None), Response.browser_key.is_(None)), 1))),
            func.count(func.distinct(case((Response.submitted_at.is_not(None), Response.browser_key)))),
        ).where(through_link)
    ).one()
    return GroupLinkAnswers(submitted=submitted, people=unmarked + browsers, in_progress=in_progress)
