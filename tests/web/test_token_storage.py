"""Private tokens at rest: a respondent's token is stored only as its SHA-256, an invite's is derived from
its id with a key from the environment and not stored; links made before the change keep working."""

from __future__ import annotations

import hashlib

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from survey import create_app
from survey.extensions import db
from tests.conftest import BACKENDS, Browser, throwaway_database
from tests.web.consultant import create_engagement, invite_links, login, make_consultant
from tests.web.journey import start

LEGACY_RESPONSE_TOKEN = "Lg7rT2mQ9xVb4NcW8kPz3hJs"
LEGACY_INVITE_TOKEN = "Iv5pK8wR2tYq6MbX9nDf4gHc"


def every_stored_value(app, table: str) -> str:
    """Every column of every row of `table`, as text: what a leaked backup would show."""
    with app.app_context():
        return repr(db.session.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608 - a fixed name


def test_the_database_keeps_only_a_hash_of_a_respondents_token(app, browser):
    token = start(browser, "staff")
    assert token not in every_stored_value(app, "responses")
    assert hashlib.sha256(token.encode()).hexdigest() in every_stored_value(app, "responses")
    page = browser.get(f"/r/{token}/", follow_redirects=True)
    assert page.status_code == 200 and f"/r/{token}/" in page.get_data(as_text=True)  # the private link shown
    assert browser.get(f"/r/{hashlib.sha256(token.encode()).hexdigest()}/").status_code == 404  # the hash opens nothing


def test_invite_links_are_derived_with_the_key_and_not_stored(app, questionnaire):
    make_consultant(app, "ada@example.com")
    consultant = Browser(app.test_client())
    login(consultant, "ada@example.com")
    engagement_id = create_engagement(consultant)
    links = invite_links(consultant, engagement_id)
    legal = links[(1, "Legal")]
    assert legal not in every_stored_value(app, "invites")
    assert len(set(links.values())) == len(links) and all(len(link) >= 32 for link in links.values())
    assert app.test_client().get(f"/i/{legal}").status_code == 200
    assert invite_links(consultant, engagement_id) == links  # the same link every time it is shown
    forged = legal[:-4] + ("AAAA" if not legal.endswith("AAAA") else "BBBB")
    assert app.test_client().get(f"/i/{forged}").status_code == 404

    other_key = create_app({**app.config, "INVITE_TOKEN_KEY": "another deployment's key, long and random"})
    assert other_key.test_client().get(f"/i/{legal}").status_code == 404  # the key makes the link
    with other_key.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_links_made_before_the_upgrade_keep_working_and_their_tokens_leave_the_database(backend, tmp_path_factory):
    with throwaway_database(backend, tmp_path_factory) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
        with app.app_context():
            upgrade(revision="0003")
            seed_clear_tokens()
            upgrade()
            db.session.remove()
        client = app.test_client()
        assert client.get(f"/r/{LEGACY_RESPONSE_TOKEN}/").status_code == 302  # to the first page to answer
        assert client.get(f"/r/{LEGACY_RESPONSE_TOKEN}/answers.json").json["profile"] == "staff"
        assert client.get(f"/i/{LEGACY_INVITE_TOKEN}").status_code == 200
        for table in ("responses", "invites"):
            stored = every_stored_value(app, table)
            assert LEGACY_RESPONSE_TOKEN not in stored and LEGACY_INVITE_TOKEN not in stored
        with app.app_context():
            db.engine.dispose()


def seed_clear_tokens() -> None:
    """A response and an invite as the 0003 schema stored them, with their tokens in clear."""
    connection = db.session.connection()
    statements = [
        "INSERT INTO consultants (id, email, password_hash, created_at) VALUES (1, 'a@b.c', 'x', :t)",
        "INSERT INTO engagements (id, owner_id, client_name, language, created_at) VALUES (1, 1, 'Old', 'en', :t)",
        "INSERT INTO rounds (id, engagement_id, number, opened_at) VALUES (1, 1, 1, :t)",
        "INSERT INTO role_groups (id, engagement_id, name, profile, position) VALUES (1, 1, 'Legal', 'staff', 0)",
        f"INSERT INTO invites (id, round_id, group_id, token) VALUES (1, 1, 1, '{LEGACY_INVITE_TOKEN}')",
        "INSERT INTO responses (id, token, profile, language, questionnaire_id, questionnaire_version, created_at, "
        f"updated_at, round_id, group_id) VALUES (1, '{LEGACY_RESPONSE_TOKEN}', 'staff', 'en', 'q', '1', :t, :t, 1, 1)",
    ]
    for statement in statements:
        connection.execute(text(statement), {"t": "2026-01-01 00:00:00"})
    db.session.commit()
