"""The consultant's firm: its name and logo, printed beside the client's on the PDF, deck and workbook."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.forms import DeckTemplateForm, FirmForm
from survey.documents.logos import stored_logo
from survey.extensions import csrf
from survey.store.accounts import update_deck_template, update_firm
from survey.web.downloads import logo_response


@bp.route("/account/firm", methods=["GET", "POST"])
@login_required
def firm():
    form = FirmForm(firm_name=current_user.firm_name)
    if form.validate_on_submit():
        update_firm(current_user._get_current_object(), form.firm_name.data, form.checked_logo, form.remove_logo.data)
        flash(_("Changes saved."), "info")
        return redirect(url_for(".firm"))
    template_form = DeckTemplateForm(formdata=None)
    return render_template("consultant/firm.html", form=form, template_form=template_form), 422 if form.errors else 200


# Exempt from the site-wide CSRF check only because that check reads the body before any view could allow
# a template larger than the site's request cap: the form checks its own CSRF token (FlaskForm).
@csrf.exempt
@bp.post("/account/firm/template")
@login_required
def firm_template():
    request.max_content_length = current_app.config["DECK_TEMPLATE_MAX_BYTES"] + 64 * 1024
    template_form = DeckTemplateForm()
    if template_form.validate_on_submit():
        consultant = current_user._get_current_object()
        if template_form.checked_template is not None:
            update_deck_template(consultant, template_form.checked_template)
            flash(_("Your template is saved: the next decks are built on it."), "info")
        else:
            update_deck_template(consultant, None)
            flash(_("Template removed: the decks use the app's own look again."), "info")
        return redirect(url_for(".firm"))
    form = FirmForm(formdata=None, firm_name=current_user.firm_name)
    return render_template("consultant/firm.html", form=form, template_form=template_form), 422


@bp.get("/account/firm/logo")
@login_required
def firm_logo():
    logo = stored_logo(current_user.firm_logo) if current_user.firm_logo else None
    if logo is None:
        abort(404)
    return logo_response(logo.data, logo.mime_type)
