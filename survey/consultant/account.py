"""The consultant's own account: API tokens (create one, shown once; see when each was last used; revoke)
and the password, whose change ends every other session of the account."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.auth import login_rate_limit
from survey.consultant.forms import ApiTokenForm, ConfirmForm, PasswordForm
from survey.consultant.sessions import start_session
from survey.domain.accounts.passwords import MIN_PASSWORD_LENGTH
from survey.extensions import limiter
from survey.store.accounts import AccountError, authenticate, change_password, create_api_token, revoke_api_token


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def api_tokens():
    form = ApiTokenForm()
    new_token = None
    if form.validate_on_submit():
        new_token = create_api_token(current_user, form.label.data)
        form = ApiTokenForm(formdata=None)
    page = render_template(
        "consultant/api_tokens.html",
        form=form,
        new_token=new_token,
        tokens=current_user.api_tokens,
        revoke=ConfirmForm(),
    )
    return page, 422 if form.errors else 200


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    if ConfirmForm().validate_on_submit() and revoke_api_token(current_user, token_id):
        flash(_("The token is revoked: it opens nothing any more."), "info")
    return redirect(url_for(".api_tokens"))


PASSWORD_PROBLEMS = {
    "length": _l("The password must have at least %(count)d characters.", count=MIN_PASSWORD_LENGTH),
    "contains_email": _l("The password must not contain your e-mail address."),
    "guessable": _l("This password is too easy to guess: add a few uncommon words."),
}


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(login_rate_limit, methods=["POST"])
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        consultant = current_user._get_current_object()
        if authenticate(consultant.email, form.current_password.data) is None:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            try:
                change_password(consultant, form.new_password.data)
            except AccountError as error:
                form.new_password.errors.append(PASSWORD_PROBLEMS.get(error.reason, str(error)))
            else:
                start_session(consultant)  # this browser goes on, with the new session version
                flash(_("Your password is changed. Your other sessions are signed out."), "info")
                return redirect(url_for(".dashboard"))
    return render_template("consultant/password.html", form=form), 422 if form.errors else 200
