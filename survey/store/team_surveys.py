"""Team surveys: an executive (or staff member) asks their own team, from their private report, no account.

A team survey is an engagement (the same tables and rules as a consultant's: groups, rounds, invites,
tallies, anonymity) owned by the private response that asked (engagements.owner_response_id) instead of a
consultant. Only that response's private link finds it (see survey/respondent/team_routes.py); erasing the
response erases the team survey with it.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select

from survey.extensions import db
from survey.store.engagements import create_engagement, delete_engagement, open_next_round, record_deadline_closures
from survey.store.models import PROFILES_FOR_GROUPS, Engagement, GroupTarget, ResponseReads
from survey.store.responses import delete_response

TEAM_PROFILE, LEADERSHIP_PROFILE = "staff", "executive"
MAX_TARGET = 10_000


def can_ask_team(response: ResponseReads) -> bool:
    """Executives and staff members ask their team; a candidate sizes up an employer, and has none to ask."""
    return response.profile in PROFILES_FOR_GROUPS and response.submitted_at is not None


# Asked on every view of an executive's or staff member's report, where the answer is mostly "none": the id
# alone, by a statement built once, and the engagement loaded only when there is one.
_OWNED = select(Engagement.__table__.c.id).where(Engagement.__table__.c.owner_response_id == bindparam("response_id"))


def team_survey_of(response: ResponseReads) -> Engagement | None:
    """The team survey the response owns, or None."""
    engagement_id = db.session.connection().execute(_OWNED, {"response_id": response.id}).scalar()
    if engagement_id is None:
        return None
    engagement = db.session.get(Engagement, engagement_id)
    record_deadline_closures(engagement)
    return engagement


def create_team_survey(
    response: ResponseReads, names: tuple[str, str], leadership: bool, target: int | None
) -> Engagement:
    """The team survey of a response (the one it has, if any): a "Team" group (staff profile), optionally a
    "Leadership" group (executive profile), named in the reader's language (`names`), round 1 with a link per
    group; `target`: how many team answers the owner aims for."""
    existing = team_survey_of(response)
    if existing is not None:
        return existing
    groups = [(names[0], TEAM_PROFILE)] + ([(names[1], LEADERSHIP_PROFILE)] if leadership else [])
    engagement = create_engagement(
        None, response.organisation or "", response.language, groups, None, owner_response_id=response.id
    )
    if target:
        first_round = engagement.current_round
        db.session.add(GroupTarget(round_id=first_round.id, group_id=engagement.groups[0].id, target=target))
        db.session.commit()
    return engagement


def team_target(engagement: Engagement) -> int | None:
    """The target the executive set for the current round (carried over from the round before), if any."""
    targets = {
        round_id: target
        for round_id, target in db.session.execute(
            select(GroupTarget.round_id, GroupTarget.target).where(
                GroupTarget.round_id.in_([r.id for r in engagement.rounds])
            )
        ).tuples()
    }
    return next((targets[r.id] for r in reversed(engagement.rounds) if r.id in targets), None)


def measure_again(engagement: Engagement) -> None:
    """Round n+1 with fresh team links (the previous round closes); the target carries over."""
    target = team_target(engagement)
    new_round = open_next_round(engagement)
    if target:
        db.session.add(GroupTarget(round_id=new_round.id, group_id=engagement.groups[0].id, target=target))
        db.session.commit()


def erase_response_and_team(response: ResponseReads) -> None:
    """Erase the team survey the response owns (every team response, answer, comment, tally and document),
    then the response itself."""
    engagement = team_survey_of(response)
    if engagement is not None:
        delete_engagement(engagement)
    delete_response(response)
