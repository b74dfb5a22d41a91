"""Engagements, their role groups and rounds: the unit of work behind the consultant's pages.

Every lookup that serves a consultant takes the owner, so that another consultant's engagement
is simply not found (a 404, never a 403 that would confirm it exists).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, select, update

from survey.domain.questionnaire.model import Questionnaire
from survey.extensions import db
from survey.store.documents import forget_round_documents
from survey.store.invitation_links import settle_submissions
from survey.store.models import (
    Answer,
    DimensionNote,
    Engagement,
    GroupTarget,
    Invitation,
    Invite,
    Job,
    OutboxMessage,
    Response,
    RoleGroup,
    Round,
    RoundScoreValue,
    RoundTally,
    utcnow,
)
from survey.store.responses import create_response
from survey.store.tokens import derivation_key, derived_id, derived_token, token_digest

INVITE_TOKENS = "invite"


@dataclass(frozen=True)
class GroupChange:
    """One row of the role-group editor: an existing group (id) or a new one (id None); no name removes it."""

    id: int | None
    name: str
    profile: str


class EngagementError(ValueError):
    """An edit that would break existing responses; the message names the group."""


MAX_ID = 2**31 - 1  # ids beyond a 32-bit integer exist nowhere; PostgreSQL would refuse to compare them


def find_engagement(owner_id: int, engagement_id: int) -> Engagement | None:
    if not 0 < engagement_id <= MAX_ID:
        return None
    engagement = db.session.scalar(
        select(Engagement).where(Engagement.id == engagement_id, Engagement.owner_id == owner_id)
    )
    if engagement is not None:
        record_deadline_closures(engagement)
    return engagement


def record_deadline_closures(engagement: Engagement) -> None:
    """Record when its rounds past their deadline closed (at the deadline): a round closes by itself
    whether or not a mail worker runs (Round.is_closed already says so; this keeps it in closed_at, so
    that nothing can reopen it). Writes only when a deadline has passed unrecorded."""
    now = utcnow()
    due = [r.id for r in engagement.rounds if r.closed_at is None and r.deadline is not None and r.deadline <= now]
    if due:
        db.session.execute(
            update(Round)
            .where(Round.id.in_(due), Round.closed_at.is_(None))
            .values(closed_at=Round.deadline)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()


def find_round(engagement: Engagement, number: int) -> Round | None:
    return next((r for r in engagement.rounds if r.number == number), None)


def previous_round(engagement: Engagement, round_: Round) -> Round | None:
    """Round n-1, the one progress is measured against."""
    earlier = [r for r in engagement.rounds if r.number < round_.number]
    return earlier[-1] if earlier else None


def invite_key() -> bytes:
    """The key invite tokens are derived with: INVITE_TOKEN_KEY, else one derived from SECRET_KEY."""
    config = current_app.config
    return derivation_key(config.get("INVITE_TOKEN_KEY") or config["SECRET_KEY"], INVITE_TOKENS)


def invite_token(invite: Invite) -> str:
    """The token of the invite's link /i/<token>, derived from its id: the database does not hold it."""
    return derived_token(invite_key(), INVITE_TOKENS, invite.id)


def find_invite(token: str) -> Invite | None:
    """The invite of a link: a derived token names its invite's id; an older random one is found by its hash."""
    invite_id = derived_id(invite_key(), INVITE_TOKENS, token)
    if invite_id is not None:
        return db.session.get(Invite, invite_id)
    if len(token) > 200:
        return None
    return db.session.scalar(select(Invite).where(Invite.legacy_token_hash == token_digest(token)))


def create_engagement(
    owner_id: int, client_name: str, language: str, groups: Sequence[tuple[str, str]], logo: tuple[bytes, str] | None
) -> Engagement:
    """A new engagement with its groups, round 1 and an invite link per group."""
    engagement = Engagement(owner_id=owner_id, client_name=client_name.strip(), language=language)
    if logo:
        engagement.logo, engagement.logo_mime = logo
    engagement.groups = [RoleGroup(name=n.strip(), profile=p, position=i) for i, (n, p) in enumerate(groups)]
    first_round = Round(number=1)
    engagement.rounds = [first_round]
    first_round.invites = [Invite(group=group) for group in engagement.groups]
    db.session.add(engagement)
    db.session.commit()
    return engagement


def update_engagement(
    engagement: Engagement,
    client_name: str,
    language: str,
    groups: Sequence[GroupChange],
    logo: tuple[bytes, str] | None,
    remove_logo: bool = False,
) -> None:
    """Save the settings page; groups with responses keep their profile and cannot be removed.

    A group with responses must come back in `groups`, named: one left out of the form (by a tampered or
    truncated post) is refused like one whose name was emptied, so that its responses are never erased here.
    """
    started = groups_with_responses(engagement)
    kept_ids = {change.id for change in groups if change.name.strip()}
    for group in engagement.groups:
        if group.id in started and group.id not in kept_ids:
            raise EngagementError(group.name)
    existing = {group.id: group for group in engagement.groups}
    for change in groups:
        group = existing.get(change.id)
        if group is not None and group.id in started and change.profile != group.profile:
            raise EngagementError(group.name)
    engagement.client_name = client_name.strip()
    engagement.language = language
    if logo:
        engagement.logo, engagement.logo_mime = logo
    elif remove_logo:
        engagement.logo = engagement.logo_mime = None
    open_rounds = [r for r in engagement.rounds if not r.is_closed]
    kept: list[RoleGroup] = []
    with db.session.no_autoflush:
        for change in (c for c in groups if c.name.strip()):
            group = existing.get(change.id)
            if group is None:
                group = RoleGroup(name=change.name.strip(), profile=change.profile, position=len(kept))
                engagement.groups.append(group)
                for open_round in open_rounds:
                    open_round.invites.append(Invite(group=group))
            group.name, group.profile, group.position = change.name.strip(), change.profile, len(kept)
            kept.append(group)
        for group in [g for g in engagement.groups if g not in kept]:
            engagement.groups.remove(group)
    db.session.commit()


def groups_with_responses(engagement: Engagement) -> set[int]:
    """Ids of the groups someone has started answering in (in any round)."""
    group_ids = [group.id for group in engagement.groups]
    if not group_ids:
        return set()
    return set(db.session.scalars(select(Response.group_id).where(Response.group_id.in_(group_ids)).distinct()))


def open_next_round(engagement: Engagement) -> Round:
    """Round n+1 with fresh invite links; the previous round is closed, so its links stop taking answers."""
    now = utcnow()
    for previous in engagement.rounds:
        if previous.closed_at is None:
            previous.closed_at = now
    new_round = Round(number=engagement.current_round.number + 1, opened_at=now)
    new_round.invites = [Invite(group=group) for group in engagement.groups]
    engagement.rounds.append(new_round)
    db.session.commit()
    settle_submissions()  # the rounds just closed let go of their invitations
    return new_round


def close_round(round_: Round) -> None:
    if round_.closed_at is None:
        round_.closed_at = utcnow()
    db.session.commit()
    settle_submissions(round_.id)


def start_invited_response(
    questionnaire: Questionnaire, invite: Invite, language: str, browser_marker: str | None = None
) -> Response:
    """An anonymous response bound to the invite's engagement, round and group, and to the browser that
    started it (only a digest of its marker is kept: see round_data.people_per_group)."""
    engagement = invite.round.engagement
    return create_response(
        questionnaire,
        invite.group.profile,
        engagement.client_name,
        language,
        round_id=invite.round_id,
        group_id=invite.group_id,
        browser_key=hashlib.sha256(browser_marker.encode()).hexdigest() if browser_marker else None,
    )


def find_round_response(engagement: Engagement, response_id: int) -> Response | None:
    """A response of one of the engagement's rounds, or None."""
    round_ids = [r.id for r in engagement.rounds]
    if not 0 < response_id <= MAX_ID:
        return None
    return db.session.scalar(select(Response).where(Response.id == response_id, Response.round_id.in_(round_ids)))


def delete_engagement(engagement: Engagement) -> None:
    """Erase the engagement and everything it holds: rounds, invites, invitees and their e-mails, groups,
    responses, answers, notes, tallies, and the PDFs, decks and workbooks of its rounds and their builds."""
    responses = (
        select(Response.id).join(Round, Response.round_id == Round.id).where(Round.engagement_id == engagement.id)
    )
    response_ids = list(db.session.scalars(responses))
    for start in range(0, len(response_ids), 500):
        chunk = response_ids[start : start + 500]
        db.session.execute(delete(Answer).where(Answer.response_id.in_(chunk)))
        db.session.execute(delete(DimensionNote).where(DimensionNote.response_id.in_(chunk)))
        db.session.execute(delete(Response).where(Response.id.in_(chunk)))
    round_ids = select(Round.id).where(Round.engagement_id == engagement.id)
    forget_round_documents(db.session.scalars(round_ids))
    invitation_ids = select(Invitation.id).where(Invitation.round_id.in_(round_ids))
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.invitation_id.in_(invitation_ids)))
    for model in (Invite, Invitation, GroupTarget, RoundTally, RoundScoreValue, Job):
        db.session.execute(delete(model).where(model.round_id.in_(round_ids)))
    db.session.execute(delete(Round).where(Round.engagement_id == engagement.id))
    db.session.execute(delete(RoleGroup).where(RoleGroup.engagement_id == engagement.id))
    db.session.execute(delete(Engagement).where(Engagement.id == engagement.id))
    db.session.commit()
    db.session.expunge_all()
