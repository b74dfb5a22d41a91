"""The consultant's account: their firm (name and logo, printed on their documents) and API tokens."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.forms import ApiTokenForm, ConfirmForm, FirmForm
from survey.documents.logos import stored_logo
from survey.store.accounts import create_api_token, revoke_api_token, update_firm
from survey.web.downloads import logo_response


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


@bp.route("/account/firm", methods=["GET", "POST"])
@login_required
def firm():
    form = FirmForm(firm_name=current_user.firm_name)
    if form.validate_on_submit():
        update_firm(current_user, form.firm_name.data, form.checked_logo, form.remove_logo.data)
        flash(_("Changes saved."), "info")
        return redirect(url_for(".firm"))
    return render_template("consultant/firm.html", form=form), 422 if form.errors else 200


@bp.get("/account/firm/logo")
@login_required
def firm_logo():
    logo = stored_logo(current_user.firm_logo) if current_user.firm_logo else None
    if logo is None:
        abort(404)
    return logo_response(logo.data, logo.mime_type)
