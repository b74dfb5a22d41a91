"""Consultant accounts: the CLI, sign-in and out, one message for every failure, rate limiting."""

from __future__ import annotations

import pytest

from survey.consultant import auth
from survey.extensions import db
from survey.store.models import Consultant
from tests.conftest import Browser, rate_limited_app
from tests.web.consultant import PASSWORD, login, make_consultant


def test_users_create_from_stdin_hashes_the_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "Ada@Example.com", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "ada@example.com" in result.output
    with app.app_context():
        consultant = db.session.query(Consultant).one()
        assert consultant.email == "ada@example.com"
        assert consultant.password_hash.startswith("scrypt:") and PASSWORD not in consultant.password_hash


def test_a_deployed_app_hashes_passwords_with_werkzeugs_full_scrypt(tmp_path):
    """The suite's apps hash with a small scrypt N to save time; a deployed app keeps werkzeug's default."""
    from survey import create_app
    from survey.store.accounts import create_consultant

    deployed = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'deployed.db'}"})
    with deployed.app_context():
        db.create_all()
        assert create_consultant("ada@example.com", PASSWORD).password_hash.startswith("scrypt:32768:8:1$")


def test_users_create_prompts_twice_and_refuses_duplicates_and_short_passwords(app):
    runner = app.test_cli_runner()
    prompted = runner.invoke(args=["users", "create", "b@example.com"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    duplicate = runner.invoke(args=["users", "create", "B@example.com", "--password-stdin"], input=PASSWORD + "\n")
    assert duplicate.exit_code == 2 and "already exists" in duplicate.output
    short = runner.invoke(args=["users", "create", "c@example.com", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "12" in short.output
    bad_email = runner.invoke(args=["users", "create", "not-an-email", "--password-stdin"], input=PASSWORD + "\n")
    assert bad_email.exit_code == 2


def test_pages_need_a_signed_in_consultant(client):
    response = client.get("/engagements")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/account/tokens").status_code == 302


def test_sign_in_then_out(app, browser):
    make_consultant(app, "ada@example.com")
    response = login(browser, "Ada@Example.com ")
    assert response.status_code == 302 and response.headers["Location"].endswith("/engagements")
    page = browser.get("/engagements").get_data(as_text=True)
    assert "ada@example.com" in page and "Sign out" in page
    assert browser.post("/logout").status_code == 302
    assert browser.get("/engagements").status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site(app, browser):
    make_consultant(app, "ada@example.com")
    browser.get("/login?next=/account/tokens")
    response = browser.post("/login?next=/account/tokens", {"email": "ada@example.com", "password": PASSWORD})
    assert response.headers["Location"].endswith("/account/tokens")
    other = Browser(app.test_client())
    other.get("/login")
    response = other.post("/login?next=//evil.example/", {"email": "ada@example.com", "password": PASSWORD})
    assert response.headers["Location"].endswith("/engagements")


def test_wrong_email_and_wrong_password_get_the_same_answer(app, browser):
    make_consultant(app, "ada@example.com")
    wrong_password = login(browser, "ada@example.com", "not the password at all")
    wrong_email = login(browser, "nobody@example.com", PASSWORD)
    assert wrong_password.status_code == wrong_email.status_code == 401
    assert "Wrong e-mail or password." in wrong_password.get_data(as_text=True)

    def message(page):
        return page.get_data(as_text=True).split('class="flash')[1].split("</p>")[0]

    assert message(wrong_password) == message(wrong_email)


def test_sign_in_starts_a_fresh_session(app, browser):
    make_consultant(app, "ada@example.com")
    browser.get("/login")
    with browser.client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(browser, "ada@example.com")
    with browser.client.session_transaction() as session:
        assert "planted" not in session and session.get("_user_id")


def test_logout_needs_csrf(app, browser):
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    assert browser.client.post("/logout").status_code == 400
    assert browser.get("/engagements").status_code == 200


@pytest.fixture()
def limited_app(app):
    """The same database, with the rate limiter on (it is off in the other tests), behind one proxy."""
    with rate_limited_app(app, TRUSTED_PROXIES=1) as limited:
        yield limited


def test_the_sixth_attempt_in_a_minute_is_refused(limited_app):
    make_consultant(limited_app, "ada@example.com")
    browser = Browser(limited_app.test_client())
    for _ in range(5):
        assert login(browser, "ada@example.com", "wrong password, again").status_code == 401
    refused = login(browser, "ada@example.com")  # even the right password waits
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)


@pytest.fixture()
def pauses(monkeypatch):
    """The waits the sign-in imposes, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(auth, "pause", waited.append)
    return waited


def attempt_from(app, address: str, email: str, password: str):
    browser = Browser(app.test_client())
    browser.get("/login", environ_base={"REMOTE_ADDR": address})
    return browser.post("/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address})


def test_failures_on_an_email_from_many_addresses_slow_it_down_but_never_lock_its_owner_out(limited_app, pauses):
    make_consultant(limited_app, "ada@example.com")
    for attempt in range(5):
        assert attempt_from(limited_app, f"10.0.0.{attempt}", "ada@example.com", "wrong").status_code == 401
    assert pauses == []  # within the limit: no wait
    for attempt in range(5, 20):
        assert attempt_from(limited_app, f"10.0.0.{attempt}", "ada@example.com", "wrong").status_code == 401
    assert pauses == [2.0] * 15  # every further attempt on that e-mail waits, wherever it comes from
    signed_in = attempt_from(limited_app, "192.0.2.50", "ada@example.com", PASSWORD)  # the owner, elsewhere
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/engagements")
    assert pauses[-1] == 2.0 and len(pauses) == 16
    assert attempt_from(limited_app, "10.0.0.99", "bob@example.com", "wrong").status_code == 401
    assert len(pauses) == 16  # another e-mail is not slowed down


def test_failures_from_one_address_on_one_email_lock_only_that_pair(limited_app, pauses):
    make_consultant(limited_app, "ada@example.com")
    for _ in range(5):
        assert attempt_from(limited_app, "203.0.113.7", "ada@example.com", "wrong").status_code == 401
    assert attempt_from(limited_app, "203.0.113.7", "ada@example.com", PASSWORD).status_code == 429
    assert attempt_from(limited_app, "198.51.100.2", "ada@example.com", PASSWORD).status_code == 302


def test_an_office_address_allowed_more_failures_still_locks_one_email_after_five(app, pauses):
    with rate_limited_app(app, LOGIN_ADDRESS_RATE_LIMIT="20 per minute") as office:
        make_consultant(office, "ada@example.com")
        make_consultant(office, "bob@example.com")
        for _ in range(5):
            assert attempt_from(office, "203.0.113.7", "ada@example.com", "wrong").status_code == 401
        assert attempt_from(office, "203.0.113.7", "ada@example.com", PASSWORD).status_code == 429
        assert attempt_from(office, "203.0.113.7", "bob@example.com", PASSWORD).status_code == 302  # a colleague


def test_successful_sign_ins_are_not_counted(limited_app, pauses):
    make_consultant(limited_app, "ada@example.com")
    for _ in range(8):
        assert attempt_from(limited_app, "203.0.113.7", "ada@example.com", PASSWORD).status_code == 302
    assert pauses == []


def test_the_limit_follows_the_address_across_emails_and_trusts_one_proxy(limited_app):
    make_consultant(limited_app, "ada@example.com")

    def attempt(email: str, client_address: str):
        browser = Browser(limited_app.test_client())
        browser.get("/login")
        forwarded = {"X-Forwarded-For": client_address}
        return browser.post("/login", {"email": email, "password": "wrong"}, headers=forwarded)

    for index in range(5):
        assert attempt(f"user{index}@example.com", "203.0.113.7").status_code == 401
    assert attempt("another@example.com", "203.0.113.7").status_code == 429
    assert attempt("another@example.com", "198.51.100.2").status_code == 401  # someone else behind the proxy
