"""Ownership checks shared by the consultant's pages and the API: a consultant reaches only their
own engagements; anything else is a 404 (never a 403, which would confirm that it exists)."""

from __future__ import annotations

from flask import abort

from survey.store.engagements import find_engagement, find_round
from survey.store.models import Engagement, Round


def owned_engagement(owner_id: int, engagement_id: int) -> Engagement:
    engagement = find_engagement(owner_id, engagement_id)
    if engagement is None:
        abort(404, description="no such engagement")
    return engagement


def owned_round(owner_id: int, engagement_id: int, number: int) -> tuple[Engagement, Round]:
    engagement = owned_engagement(owner_id, engagement_id)
    round_ = find_round(engagement, number)
    if round_ is None:
        abort(404, description="no such round")
    return engagement, round_


def safe_next_url(target: str | None) -> str | None:
    """A same-site path to go back to after signing in; never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
