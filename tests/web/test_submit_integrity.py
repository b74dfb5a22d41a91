"""Submitting is all or nothing: a response is marked submitted only with every answer in the database."""

from __future__ import annotations

from sqlalchemy import create_engine, text

import survey.respondent.routes as respondent_routes
from survey.extensions import db
from survey.store.models import Response
from survey.store.tokens import token_digest
from tests.web.journey import answer_everything, start


def erase_from_another_tab(app, token: str) -> None:
    """What the erase button in a second tab does, on its own connection."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as connection:
        response_id = connection.scalar(
            text("SELECT id FROM responses WHERE token_hash = :t"), {"t": token_digest(token)}
        )
        for table in ("answers", "dimension_notes"):
            connection.execute(text(f"DELETE FROM {table} WHERE response_id = :id"), {"id": response_id})  # noqa: S608
        connection.execute(text("DELETE FROM responses WHERE id = :id"), {"id": response_id})
    engine.dispose()


def test_erase_in_another_tab_while_submitting_is_a_404_not_a_server_error(app, browser, questionnaire, monkeypatch):
    token = start(browser, "staff")
    answer_everything(browser, questionnaire, token, "staff")
    browser.get(f"/r/{token}/review")
    real_submit = respondent_routes.submit_response

    def erase_then_submit(*args, **kwargs):
        erase_from_another_tab(app, token)
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(respondent_routes, "submit_response", erase_then_submit)
    reply = browser.post(f"/r/{token}/submit")
    assert reply.status_code == 404
    with app.app_context():
        assert db.session.query(Response).count() == 0


def test_submit_twice_is_acknowledged_twice_and_keeps_the_first_date(app, browser, questionnaire):
    token = start(browser, "candidate")
    answer_everything(browser, questionnaire, token, "candidate")
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").headers["Location"].endswith("/report")
    with app.app_context():
        first = db.session.query(Response).one().submitted_at
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").headers["Location"].endswith("/report")
    with app.app_context():
        assert db.session.query(Response).one().submitted_at == first


def test_candidate_without_importance_cannot_submit(app, browser, questionnaire):
    token = start(browser, "candidate")
    answer_everything(browser, questionnaire, token, "candidate")
    with app.app_context():
        db.session.execute(text("UPDATE dimension_notes SET importance = NULL"))
        db.session.commit()
    browser.get(f"/r/{token}/review")
    reply = browser.post(f"/r/{token}/submit")
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/importance")
    with app.app_context():
        assert db.session.query(Response).one().submitted_at is None
