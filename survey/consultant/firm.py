"""The consultant's firm: its name and logo, printed beside the client's on the PDF, deck and workbook."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.forms import FirmForm
from survey.documents.logos import stored_logo
from survey.store.accounts import update_firm
from survey.web.downloads import logo_response


@bp.route("/account/firm", methods=["GET", "POST"])
@login_required
def firm():
    form = FirmForm(firm_name=current_user.firm_name)
    if form.validate_on_submit():
        update_firm(current_user._get_current_object(), form.firm_name.data, form.checked_logo, form.remove_logo.data)
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
