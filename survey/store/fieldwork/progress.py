"""Fieldwork figures of a round, per group and without names: invited, started, submitted, the target,
and what the anonymity threshold counts.

In a group with personal invitations the threshold counts only the responses submitted through them
(each invitation submits at most once): answers from the group link still count in the figures, but
cannot make a small group visible. A group without invitations counts every submitted response.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.extensions import db
from survey.store.models import GroupTarget, Invitation, Response, RoleGroup, Round


@dataclass(frozen=True)
class GroupProgress:
    group: RoleGroup
    invited: int  # invitations imported
    started: int  # responses begun (personal or group link)
    submitted: int
    counted: int  # what the anonymity threshold counts (see the module's docstring)
    target: int

    @property
    def percent(self) -> int:
        """Submitted (as counted) against the target, for the progress bar: 0-100."""
        return min(100, round(100 * self.counted / self.target)) if self.target else 100


def invited_per_group(round_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(Invitation.group_id, func.count()).where(Invitation.round_id == round_id).group_by(Invitation.group_id)
    ).tuples()
    return dict(rows.all())


def threshold_counts(round_id: int) -> dict[int, int] | None:
    """Per group, the submitted responses the anonymity threshold counts; None when the round has no invitations."""
    invited = invited_per_group(round_id)
    if not invited:
        return None
    counts: dict[int, int] = {}
    for group_id, submitted, via_invitation in _response_counts(round_id):
        counts[group_id] = via_invitation if group_id in invited else submitted
    return counts


def _response_counts(round_id: int) -> list[tuple[int, int, int]]:
    """(group id, submitted, submitted through an invitation) in one query."""
    submitted = Response.submitted_at.is_not(None)
    return list(
        db.session.execute(
            select(
                Response.group_id,
                func.count(Response.submitted_at),
                func.count(case((submitted & Response.invited.is_(True), 1))),
            )
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
    started = dict(
        db.session.execute(
            select(Response.group_id, func.count()).where(Response.round_id == round_.id).group_by(Response.group_id)
        )
        .tuples()
        .all()
    )
    counts = {group_id: (submitted, via) for group_id, submitted, via in _response_counts(round_.id)}
    lines = []
    for group in round_.engagement.groups:
        submitted, via_invitation = counts.get(group.id, (0, 0))
        lines.append(
            GroupProgress(
                group=group,
                invited=invited.get(group.id, 0),
                started=started.get(group.id, 0),
                submitted=submitted,
                counted=via_invitation if invited.get(group.id) else submitted,
                target=targets.get(group.id, ANONYMITY_THRESHOLD),
            )
        )
    return lines
