"""A consultant's session ends for good: on sign-out, a password change or a `flask users` command, and
after CONSULTANT_IDLE_HOURS (12 by default) without a request.

The session is a signed cookie, not a server-side record: signing out deletes it from one browser but
a copy (a shared computer, a stolen cookie) would stay valid for as long as it is signed for. So the
cookie names the account *and* its session version (Consultant.get_id: "<id>.<version>"); sign-out,
a password change and `flask users` bump the version (store.accounts.end_sessions), after which every
cookie signed in before opens nothing, anywhere. Idle sessions end too: the cookie carries the time of
the last request, refreshed at most once a minute so that a page load rarely rewrites the cookie.
"""

from __future__ import annotations

import time

from flask import current_app, session
from flask_login import login_user

from survey.extensions import db
from survey.store.models import Consultant

LAST_SEEN = "seen"  # session key: when the consultant last made a request (epoch seconds)
REFRESH_AFTER_SECONDS = 60


def load_consultant(user_id: str) -> Consultant | None:
    """Flask-Login's loader: the account, if the cookie's session version is still its own and not idle."""
    account_id, _, version = user_id.partition(".")
    if not (account_id.isdigit() and version.isdigit()) or len(account_id) > 18 or is_idle():
        return None
    consultant = db.session.get(Consultant, int(account_id))
    if consultant is None or consultant.session_version != int(version):
        return None
    mark_seen()
    return consultant


def start_session(consultant: Consultant) -> None:
    """A fresh session for `consultant` (nothing set before it survives but the language: session fixation)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    login_user(consultant)
    mark_seen(force=True)


def is_idle() -> bool:
    seen = session.get(LAST_SEEN)
    idle_seconds = float(current_app.config["CONSULTANT_IDLE_HOURS"]) * 3600
    return not isinstance(seen, int) or time.time() - seen > idle_seconds


def mark_seen(force: bool = False) -> None:
    now = int(time.time())
    if force or now - session.get(LAST_SEEN, 0) >= REFRESH_AFTER_SECONDS:
        session[LAST_SEEN] = now
