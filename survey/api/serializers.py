"""JSON shapes of the API (described by openapi.py); scores rounded to two decimals."""

from __future__ import annotations

from flask import url_for

from survey.domain.rounds.aggregate import OTHER_GROUPS
from survey.domain.rounds.aggregate_types import GroupSummary, RoundAggregate, Spread, consensus
from survey.store.engagements import invite_token
from survey.store.fieldwork.progress import GroupProgress
from survey.store.models import Engagement, Round


def score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def iso(moment) -> str | None:
    """RFC 3339 in UTC (the database keeps naive UTC times)."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def engagement_summary(engagement: Engagement) -> dict:
    return {
        "id": engagement.id,
        "client_name": engagement.client_name,
        "language": engagement.language,
        "created_at": iso(engagement.created_at),
        "rounds": len(engagement.rounds),
    }


def engagement_detail(engagement: Engagement) -> dict:
    return {
        **engagement_summary(engagement),
        "has_logo": engagement.logo_mime is not None,
        "groups": [{"id": g.id, "name": g.name, "profile": g.profile} for g in engagement.groups],
        "rounds": [round_summary(r) for r in engagement.rounds],
    }


def round_summary(round_: Round) -> dict:
    return {
        "number": round_.number,
        "opened_at": iso(round_.opened_at),
        "closed_at": iso(round_.closed_at),
        "deadline": iso(round_.deadline),
    }


def round_detail(round_: Round, participation: list[GroupProgress]) -> dict:
    """Participation per group against its target: counts only, never who (no address, no name)."""
    invites = {invite.group_id: invite_token(invite) for invite in round_.invites}
    return {
        **round_summary(round_),
        "groups": [
            {
                "id": p.group.id,
                "name": p.group.name,
                "profile": p.group.profile,
                "invited": p.invited,
                "started": p.started,
                "submitted": p.submitted,
                "target": p.target,
                "invite_url": None
                if round_.is_closed or p.group.id not in invites
                else url_for("consultant.invite", token=invites[p.group.id], _external=True),
            }
            for p in participation
        ],
    }


def spread(value: Spread | None) -> dict | None:
    if value is None:
        return None
    return {
        "n": value.n,
        "mean": score(value.mean),
        "min": score(value.min),
        "max": score(value.max),
        "stdev": score(value.stdev),
        "consensus": consensus(value),
    }


def group_key(group: GroupSummary) -> str:
    return OTHER_GROUPS if group.key == OTHER_GROUPS else str(group.key)


def group(summary: GroupSummary) -> dict:
    return {
        "key": group_key(summary),
        "name": summary.label,
        "members": list(summary.members),
        "responses": summary.responses,
        "overall": score(summary.overall),
        "dimensions": {dimension_id: score(value) for dimension_id, value in summary.dimensions.items()},
    }


def aggregate(number: int, result: RoundAggregate) -> dict:
    """The round's scores; its synthesis (gaps, progress...) is added by documents.synthesis_json."""
    return {
        "round": number,
        "respondents": result.respondents,
        "threshold": result.threshold,
        "has_results": result.has_results,
        "overall": spread(result.overall),
        "dimensions": {dimension_id: spread(value) for dimension_id, value in result.dimensions.items()},
        "groups": [group(g) for g in result.groups],
        "merged_groups": list(result.merged_groups),
        "merged_shown": result.merged_shown,
    }
