"""Invite links /i/<token>: a welcome page, then an anonymous response in the invite's group and round.

The page starts a response only on a button press (a POST), so that link previews in chat tools
and mail scanners, which open links, create no empty responses. Each press starts a new response:
a browser shared by two colleagues must never lead the second one into the first one's answers.
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, url_for

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm
from survey.extensions import get_questionnaire, limiter
from survey.store.engagements import find_invite, start_invited_response
from survey.web.locale import current_language, requested_language
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
    form = ConfirmForm()
    if form.validate_on_submit():
        response = start_invited_response(get_questionnaire(), found, current_language())
        return redirect(url_for("respondent.resume", token=response.token))
    return render_template("consultant/invite.html", engagement=engagement, invite=found, token=token, form=form)
