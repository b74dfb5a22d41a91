"""Ownership checks: a consultant reaches only their own engagements; anything else is a 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from survey.engagements import find_engagement, find_round
from survey.models_consultant import Engagement, Round


def owned_engagement(engagement_id: int) -> Engagement:
    """The signed-in consultant's engagement, or 404 (also for another consultant's: its existence stays secret)."""
    engagement = find_engagement(current_user.id, engagement_id)
    if engagement is None:
        abort(404)
    return engagement


def owned_round(engagement_id: int, number: int) -> tuple[Engagement, Round]:
    engagement = owned_engagement(engagement_id)
    round_ = find_round(engagement, number)
    if round_ is None:
        abort(404)
    return engagement, round_


def safe_next_url(target: str | None) -> str | None:
    """A same-site path to go back to after signing in; never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
