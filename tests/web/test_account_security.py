"""Consultant accounts: sessions end for good (sign-out, a password change or `flask users` invalidate every
copy of the cookie; 12 hours without a request end a session), and guessable passwords are refused."""

from __future__ import annotations

import time

import pytest

from tests.conftest import Browser
from tests.web.consultant import PASSWORD, login, make_consultant

NEW_PASSWORD = "lantern fjord quietly 1987 orbit"


def signed_in(app, email: str = "ada@example.com") -> Browser:
    browser = Browser(app.test_client())
    assert login(browser, email).status_code == 302
    assert browser.get("/engagements").status_code == 200
    return browser


def copy_of(app, browser: Browser) -> Browser:
    """Another browser holding the same cookie, as someone who copied it would."""
    copy = Browser(app.test_client())
    cookie = browser.client.get_cookie("session", domain=app.config["SERVER_NAME"])
    copy.client.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    assert copy.get("/engagements").status_code == 200
    return copy


def is_signed_out(browser: Browser) -> bool:
    response = browser.get("/engagements")
    return response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(app):
    make_consultant(app, "ada@example.com")
    browser = signed_in(app)
    copy = copy_of(app, browser)
    browser.get("/engagements")
    assert browser.post("/logout").status_code == 302
    assert is_signed_out(browser)
    assert is_signed_out(copy)
    assert copy.get("/account/tokens").status_code == 302


def test_flask_users_commands_end_every_session_of_the_account(app):
    make_consultant(app, "ada@example.com")
    make_consultant(app, "bob@example.com")
    ada, bob = signed_in(app, "ada@example.com"), signed_in(app, "bob@example.com")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "sign-out", "Ada@example.com"])
    assert result.exit_code == 0, result.output
    assert is_signed_out(ada) and not is_signed_out(bob)

    ada = signed_in(app, "ada@example.com")
    result = runner.invoke(args=["users", "set-password", "ada@example.com", "--password-stdin"], input=NEW_PASSWORD)
    assert result.exit_code == 0, result.output
    assert is_signed_out(ada)
    assert login(Browser(app.test_client()), "ada@example.com").status_code == 401  # the old password is gone
    assert login(Browser(app.test_client()), "ada@example.com", NEW_PASSWORD).status_code == 302


def test_flask_users_commands_name_an_unknown_account_in_one_line(app):
    result = app.test_cli_runner().invoke(args=["users", "sign-out", "nobody@example.com"])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: no account for nobody@example.com"


def test_a_session_idle_for_twelve_hours_is_over(app):
    make_consultant(app, "ada@example.com")
    browser = signed_in(app)
    with browser.client.session_transaction() as session:
        session["seen"] = int(time.time()) - 11 * 3600  # still within the 12 hours
    assert browser.get("/engagements").status_code == 200  # and that request counts as activity
    with browser.client.session_transaction() as session:
        assert session["seen"] >= int(time.time()) - 5
        session["seen"] = int(time.time()) - 12 * 3600 - 60
    assert is_signed_out(browser)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaaaa", "the password is too easy to guess"),
        ("password1234", "the password is too easy to guess (this is a very common password)"),
        ("ada@example.com", "the password must not contain the account's e-mail address"),
    ],
)
def test_users_create_refuses_a_guessable_password_in_one_line(app, password, reason):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "ada@example.com", "--password-stdin"], input=password
    )
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {reason}") and result.output.count("\n") == 1


def test_set_password_refuses_a_guessable_password_and_keeps_the_old_one(app):
    make_consultant(app, "ada@example.com")
    browser = signed_in(app)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-password", "ada@example.com", "--password-stdin"], input="password1234")
    assert result.exit_code == 2 and "too easy to guess" in result.output
    assert not is_signed_out(browser)
    assert login(Browser(app.test_client()), "ada@example.com").status_code == 302


def change_password_form(browser: Browser, current: str, new: str, again: str | None = None):
    browser.get("/account/password")
    data = {"current_password": current, "new_password": new, "confirm_password": new if again is None else again}
    return browser.post("/account/password", data)


def test_changing_the_password_signs_out_every_other_session(app):
    make_consultant(app, "ada@example.com")
    here, elsewhere = signed_in(app), signed_in(app)
    changed = change_password_form(here, PASSWORD, NEW_PASSWORD)
    assert changed.status_code == 302
    assert "Your password is changed" in here.get("/engagements").get_data(as_text=True)
    assert is_signed_out(elsewhere)
    assert login(Browser(app.test_client()), "ada@example.com").status_code == 401
    assert login(Browser(app.test_client()), "ada@example.com", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        ("not my password at all", NEW_PASSWORD, None, "This is not your current password."),
        (PASSWORD, "password1234", None, "This password is too easy to guess"),
        (PASSWORD, "ada@example.com-2024", None, "The password must not contain your e-mail address."),
        (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", "The two new passwords differ."),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(app, current, new, again, message):
    make_consultant(app, "ada@example.com")
    browser = signed_in(app)
    refused = change_password_form(browser, current, new, again)
    assert refused.status_code == 422 and message in refused.get_data(as_text=True)
    assert not is_signed_out(browser)
    assert login(Browser(app.test_client()), "ada@example.com").status_code == 302


def test_the_password_page_speaks_french(app):
    make_consultant(app, "ada@example.com")
    browser = signed_in(app)
    page = browser.get("/account/password?lang=fr").get_data(as_text=True)
    assert "Changer votre mot de passe" in page and "Mot de passe actuel" in page
