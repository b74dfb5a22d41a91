"""Fieldwork figures of a round, per group and without names: invited, started, submitted, the target,
and what the anonymity threshold counts.

The threshold counts people (store/fieldwork/group_links.py): each invitation's response once, and the group
link's responses as people told apart by browser, in a group with invitations only those started before its
first invitation (the group link then takes no more), so a group link cannot make a small group visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import db
from survey.store.fieldwork.group_links import threshold_people
from survey.store.fieldwork.settings import group_headcounts
from survey.store.models import GroupTarget, Invitation, Response, RoleGroup, Round


@dataclass(frozen=True)
class GroupProgress:
    group: RoleGroup
    invited: int  # invitations imported
    started: int  # responses begun (personal or group link)
    submitted: int
    counted: int  # the people the anonymity threshold counts (see the module's docstring)
    target: int
    headcount: int | None = None  # how many people the group has at the client, if the consultant said

    @property
    def response_rate(self) -> float | None:
        """Submitted responses against the headcount (0 to 1)."""
        return self.submitted / self.headcount if self.headcount else None

    @property
    def percent(self) -> int:
        """Submitted (as counted) against the target, for the progress bar: 0-100."""
        return min(100, round(100 * self.counted / self.target)) if self.target else 100


def invited_per_group(round_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(Invitation.group_id, func.count()).where(Invitation.round_id == round_id).group_by(Invitation.group_id)
    ).tuples()
    return dict(rows.all())


def _response_counts(round_id: int) -> list[tuple[int, int, int]]:
    """(group id, started, submitted) in one query."""
    return list(
        db.session.execute(
            select(Response.group_id, func.count(), func.count(Response.submitted_at))
            .where(Response.round_id == round_id)
            .group_by(Response.group_id)
        )
        .tuples()
        .all()
    )


def group_targets(round_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(GroupTarget.group_id, GroupTarget.target).where(GroupTarget.round_id == round_id)
    ).tuples()
    return dict(rows.all())


def round_progress(round_: Round) -> list[GroupProgress]:
    """Each group's figures, in the engagement's group order."""
    invited = invited_per_group(round_.id)
    targets = group_targets(round_.id)
    counts = {group_id: (started, submitted) for group_id, started, submitted in _response_counts(round_.id)}
    people, headcounts = threshold_people(round_.id), group_headcounts(round_.id)
    lines = []
    for group in round_.engagement.groups:
        started, submitted = counts.get(group.id, (0, 0))
        lines.append(
            GroupProgress(
                group=group,
                invited=invited.get(group.id, 0),
                started=started,
                submitted=submitted,
                counted=people.get(group.id, 0),
                target=targets.get(group.id, ANONYMITY_THRESHOLD),
                headcount=headcounts.get(group.id),
            )
        )
    return lines
