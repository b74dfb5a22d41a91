"""Signing in and out. Five attempts a minute per address and per e-mail; one message for every failure.
Signing out ends every session of the account, copies of the cookie included (see sessions.py)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm, LoginForm
from survey.consultant.sessions import start_session
from survey.extensions import limiter
from survey.store.accounts import authenticate, end_sessions, normalise_email
from survey.web.access import safe_next_url
from survey.web.i18n.locale import remember_language_choice


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def submitted_email() -> str:
    """The rate-limit key of the e-mail tried, whoever tries it and from wherever."""
    return "login-email:" + normalise_email(request.form.get("email", ""))[:254]


@bp.before_request
def keep_language_choice() -> None:
    remember_language_choice()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
@limiter.limit(login_rate_limit, methods=["POST"], key_func=submitted_email)
def login():
    if current_user.is_authenticated:
        return redirect(url_for(".dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        consultant = authenticate(form.email.data, form.password.data)
        if consultant is not None:
            start_session(consultant)
            return redirect(safe_next_url(request.args.get("next")) or url_for(".dashboard"))
    if form.is_submitted():
        flash(_("Wrong e-mail or password."), "error")
        return render_template("consultant/login.html", form=form), 401
    return render_template("consultant/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    form = ConfirmForm()
    if form.validate_on_submit():
        end_sessions(current_user)  # every copy of the cookie too, wherever it is (see sessions.py)
        logout_user()
        session.clear()
        flash(_("You are signed out."), "info")
    return redirect(url_for(".login"))
