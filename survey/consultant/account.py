"""The consultant's API tokens: create one (shown once), see when each was last used, revoke."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.forms import ApiTokenForm, ConfirmForm
from survey.store.accounts import create_api_token, revoke_api_token


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
