"""Invite links /i/<token>: a welcome page, then an anonymous response in the invite's group and round.

The page starts a response only on a button press (a POST), so that link previews in chat tools
and mail scanners, which open links, create no empty responses. Each press starts a new response:
a browser shared by two colleagues must never lead the second one into the first one's answers.
"""

from __future__ import annotations

import secrets

from flask import abort, current_app, g, redirect, render_template, request, url_for

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm
from survey.extensions import get_questionnaire, limiter
from survey.store.engagements import find_invite, start_invited_response
from survey.store.fieldwork.group_links import group_link_open
from survey.web.i18n.locale import current_language, requested_language
from survey.web.rate_limits import start_rate_limit


@bp.route("/i/<token>", methods=["GET", "POST"])
@limiter.limit(start_rate_limit, methods=["POST"])
def invite(token: str):
    found = find_invite(token)
    if found is None:
        abort(404)
    engagement = found.round.engagement
    if not requested_language():
        g.page_language = engagement.language  # the client's language, unless the visitor picks another
    if found.round.is_closed:
        return render_template("consultant/invite_closed.html", engagement=engagement), 410
    if not group_link_open(found.round_id, found.group_id):
        # Its group has personal invitations: the link takes no new response (a response it created now
        # would not count anyway: see store/fieldwork/group_links.py).
        return render_template("consultant/invite_personal_only.html", engagement=engagement, invite=found), 410
    form = ConfirmForm()
    if form.validate_on_submit():
        marker = request.cookies.get(MARKER_COOKIE) or secrets.token_urlsafe(16)
        response = start_invited_response(get_questionnaire(), found, current_language(), marker)
        redirect_to = redirect(url_for("respondent.resume", token=response.token))
        remember_browser(redirect_to, marker)
        return redirect_to
    return render_template("consultant/invite.html", engagement=engagement, invite=found, token=token, form=form)


# A random marker (128 bits) that tells this browser's responses apart from other browsers', and nothing
# else: the anonymity threshold then counts browsers, not presses of "Start" (see README, "Anonymity").
MARKER_COOKIE = "respondent_marker"
MARKER_MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie


def remember_browser(response, marker: str) -> None:
    """Sent back to invite pages only (path /i/), never readable by scripts."""
    response.set_cookie(
        MARKER_COOKIE,
        marker,
        max_age=MARKER_MAX_AGE,
        path="/i/",
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
