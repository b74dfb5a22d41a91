"""Personal links /p/<token>: an invitee's welcome page, their one response, and unsubscribing.

Like a group link, the page starts a response only on a button press (link previews and mail scanners
open links). Unlike one, it starts one response, once: from then on the link opens only in the browser
that started it (a cookie), resumes there, and after the submit only thanks; any other browser is told the
invitation was already opened and gets nothing else (store/fieldwork/link_binding.py).
The unsubscribe URL also takes the one-click POST that mail clients
send for List-Unsubscribe (RFC 8058), which carries no CSRF token: the secret link is the credential.
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm
from survey.extensions import csrf, get_questionnaire
from survey.mail.smtp import MailSettings
from survey.store.fieldwork.invitations import find_invitation, unsubscribe
from survey.store.fieldwork.link_binding import open_here, opened_elsewhere, received_on
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
    browser_secret = request.cookies.get(LINK_COOKIE)
    if opened_elsewhere(found, browser_secret):
        return render_template("consultant/invitation_opened.html", engagement=engagement), 403
    received = received_on(found)
    if received is not None:
        return render_template(
            "consultant/invitation_done.html", engagement=engagement, received_on=received, settled=found.submitted_on
        )
    if found.round.is_closed:
        return render_template("consultant/invite_closed.html", engagement=engagement), 410
    form = ConfirmForm()
    if form.validate_on_submit():
        mail = MailSettings.from_config(current_app.config) is not None
        secret = current_app.config["SECRET_KEY"] if mail else None
        opened = open_here(get_questionnaire(), found, current_language(), browser_secret, secret)
        if opened is None:  # another browser or tab was first: this page now says so
            return redirect(url_for(".invitation", token=token))
        redirect_to = redirect(url_for("respondent.resume", token=opened.token))
        if opened.new:
            bind_browser(redirect_to, token, opened.token)
            flash(bound_message(mail), "info")
        return redirect_to
    return render_template(
        "consultant/invitation.html",
        engagement=engagement,
        invitation=found,
        token=token,
        resuming=found.browser_key_hash is not None,
        form=form,
    )


# The cookie that binds a personal link to the browser that opened it (see store/fieldwork/link_binding.py):
# sent back to that link's own path only, never readable by scripts.
LINK_COOKIE = "invitation_browser"
LINK_COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie


def bind_browser(response, token: str, secret: str) -> None:
    response.set_cookie(
        LINK_COOKIE,
        secret,
        max_age=LINK_COOKIE_MAX_AGE,
        path=url_for(".invitation", token=token),
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )


def bound_message(mail_sent: bool) -> str:
    message = _(
        "Your invitation link now opens only in this browser. To continue from another device, use your "
        "private link, shown at the bottom of every page: keep it to yourself."
    )
    if mail_sent:
        message += " " + _("We are also sending it to your e-mail address.")
    return message


@bp.route("/p/<token>/unsubscribe", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe_page(token: str):
    found = invitation_or_404(token)
    done = request.method == "POST"
    if done:
        unsubscribe(found)
    return render_template("consultant/unsubscribe.html", engagement=found.round.engagement, token=token, done=done)
