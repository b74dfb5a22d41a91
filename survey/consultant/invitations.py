"""Personal links /p/<token>: an invitee's welcome page, their one response, and unsubscribing.

Like a group link, the page starts a response only on a button press (link previews and mail scanners
open links). Unlike one, a second press resumes the same response, and after the submit the link only
thanks: one invitation, one response. The unsubscribe URL also takes the one-click POST that mail clients
send for List-Unsubscribe (RFC 8058), which carries no CSRF token: the secret link is the credential.
"""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm
from survey.extensions import csrf, get_questionnaire
from survey.store.fieldwork.invitations import find_invitation, response_in_progress, start_or_resume, unsubscribe
from survey.store.models.fieldwork import SUBMITTED
from survey.web.i18n.locale import current_language, requested_language


def invitation_or_404(token: str):
    found = find_invitation(token)
    if found is None:
        abort(404)
    if not requested_language():
        g.page_language = found.round.engagement.language  # the client's language, unless the visitor picks another
    return found


@bp.route("/p/<token>", methods=["GET", "POST"])
def invitation(token: str):
    found = invitation_or_404(token)
    engagement = found.round.engagement
    if found.status == SUBMITTED:
        return render_template("consultant/invitation_done.html", engagement=engagement, invitation=found)
    if found.round.is_closed:
        return render_template("consultant/invite_closed.html", engagement=engagement), 410
    form = ConfirmForm()
    if form.validate_on_submit():
        response = start_or_resume(get_questionnaire(), found, current_language())
        if response is None:  # submitted from another tab meanwhile
            return redirect(url_for(".invitation", token=token))
        return redirect(url_for("respondent.resume", token=response.token))
    return render_template(
        "consultant/invitation.html",
        engagement=engagement,
        invitation=found,
        token=token,
        resuming=response_in_progress(found) is not None,
        form=form,
    )


@bp.route("/p/<token>/unsubscribe", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe_page(token: str):
    found = invitation_or_404(token)
    done = request.method == "POST"
    if done:
        unsubscribe(found)
    return render_template("consultant/unsubscribe.html", engagement=found.round.engagement, token=token, done=done)
