"""Signing in and out; one message for every failure. Signing out ends every session of the account,
copies of the cookie included (see sessions.py).

Failed attempts are counted per client address and e-mail (LOGIN_RATE_LIMIT, 5 a minute), and per
client address on every e-mail (LOGIN_ADDRESS_RATE_LIMIT, the same unless raised for an office where
many consultants share one address): beyond either, that address gets a 429. They are also counted per
e-mail from every address, but that count only slows down: beyond it, each attempt on that e-mail waits
LOGIN_SLOWDOWN_SECONDS before its password is checked, and the right password still signs in. Whoever
knows a consultant's e-mail can make their sign-in slower, never impossible, and a guesser spread over
many addresses gets few guesses a minute from each."""

from __future__ import annotations

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, logout_user
from limits import parse_many

from survey.consultant import bp
from survey.consultant.forms import ConfirmForm, LoginForm
from survey.consultant.sessions import start_session
from survey.extensions import limiter
from survey.store.accounts import authenticate, end_sessions, normalise_email
from survey.web.access import safe_next_url
from survey.web.i18n.locale import remember_language_choice


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def login_address_rate_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def submitted_email() -> str:
    """The e-mail tried, as accounts are looked up."""
    return normalise_email(request.form.get("email", ""))[:254]


def address_and_email() -> str:
    """The rate-limit key of one client address trying one e-mail."""
    return f"login-pair:{get_remote_address()}:{submitted_email()}"


def failed(response) -> bool:
    """Only failed attempts count: a consultant who signs in and out all day is never held up."""
    return response.status_code == 401


def pause(seconds: float) -> None:
    time.sleep(seconds)


def slow_down_if_targeted(email: str) -> None:
    """Wait before checking a password for an e-mail that has had its share of failures from anywhere."""
    if not limiter.enabled:
        return
    if any(not limiter.limiter.test(item, "login-email", email) for item in parse_many(login_rate_limit())):
        pause(current_app.config["LOGIN_SLOWDOWN_SECONDS"])


def count_email_failure(email: str) -> None:
    if limiter.enabled:
        for item in parse_many(login_rate_limit()):
            limiter.limiter.hit(item, "login-email", email)


@bp.before_request
def keep_language_choice() -> None:
    remember_language_choice()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_address_rate_limit, methods=["POST"], deduct_when=failed)
@limiter.limit(login_rate_limit, methods=["POST"], key_func=address_and_email, deduct_when=failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for(".dashboard"))
    form = LoginForm()
    if form.is_submitted():
        slow_down_if_targeted(submitted_email())
    if form.validate_on_submit():
        consultant = authenticate(form.email.data, form.password.data)
        if consultant is not None:
            start_session(consultant)
            return redirect(safe_next_url(request.args.get("next")) or url_for(".dashboard"))
    if form.is_submitted():
        count_email_failure(submitted_email())
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
