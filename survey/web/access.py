"""Ownership checks shared by the consultant's pages and the API: a consultant reaches only their
own engagements; anything else is a 404 (never a 403, which would confirm that it exists)."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

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
    """A same-site path to go back to after signing in; never another site.

    Checked as a browser will read it: browsers drop tabs and line breaks anywhere in a URL and control
    characters and spaces at its ends, and read a backslash as a slash, so "/%09/evil.example" (a tab once
    the query string is decoded) or "/%5Cevil.example" leads to evil.example. A path of this site holds
    none of them (its spaces are %20), so any whitespace, control or invisible character, or backslash
    refuses the URL; then it must have no scheme and no host, and start with exactly one slash.
    """
    if (
        not target
        or "\\" in target
        or any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in target)
    ):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
