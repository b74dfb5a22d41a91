"""The survey pages' forms carry their private link's own CSRF token (survey/web/security.py): a first view
makes no session, and the token is taken on that link's pages only; every other form keeps the session's."""

from __future__ import annotations

import re

from survey.extensions import db
from survey.store.models import Answer, Response
from survey.store.tokens import token_digest
from tests.web.journey import start

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_token(client, url: str) -> str:
    reply = client.get(url)
    assert reply.status_code == 200 and "Set-Cookie" not in reply.headers
    return CSRF.search(reply.get_data(as_text=True)).group(1)


def page_answers(questionnaire, dimension, profile: str = "staff") -> dict[str, str]:
    return {q.id: q.choices[0].value for q in dimension.applicable_questions(profile)}


def stored_answers(app, token: str) -> dict[str, str]:
    with app.app_context():
        response_id = db.session.query(Response.id).filter_by(token_hash=token_digest(token)).scalar()
        return dict(db.session.query(Answer.question_id, Answer.value).filter_by(response_id=response_id).all())


def test_a_private_link_opened_on_another_device_saves_its_page_without_any_cookie(app, browser, questionnaire):
    token = start(browser, "staff")
    dimension = questionnaire.dimensions[0]
    url = f"/r/{token}/q/{dimension.id}"
    other_device = app.test_client(use_cookies=False)
    answers = page_answers(questionnaire, dimension)
    csrf_token = page_token(other_device, url)
    saved = other_device.post(url, data={**answers, "csrf_token": csrf_token, "action": "next"})
    assert saved.status_code == 302
    assert stored_answers(app, token) == answers


def test_a_survey_page_post_without_a_valid_token_is_refused(app, browser, questionnaire):
    token = start(browser, "staff")
    dimension = questionnaire.dimensions[0]
    url = f"/r/{token}/q/{dimension.id}"
    answers = page_answers(questionnaire, dimension)
    device = app.test_client(use_cookies=False)
    good = page_token(device, url)
    tampered = good[:-1] + ("0" if good[-1] != "0" else "1")
    for bad in ({}, {"csrf_token": ""}, {"csrf_token": tampered}, {"csrf_token": good[:-1] + "é"}):
        assert device.post(url, data={**answers, **bad, "action": "next"}).status_code == 400
    assert browser.post(url, {**answers, "csrf_token": "forged", "action": "next"}).status_code == 400
    assert stored_answers(app, token) == {}


def test_a_token_from_one_responses_page_is_refused_on_anothers(app, browser, questionnaire):
    mine, theirs = start(browser, "staff"), start(browser, "staff")
    dimension = questionnaire.dimensions[0]
    device = app.test_client(use_cookies=False)
    my_token = page_token(device, f"/r/{mine}/q/{dimension.id}")
    answers = page_answers(questionnaire, dimension)
    for url in (f"/r/{theirs}/q/{dimension.id}", f"/r/{theirs}/submit", f"/r/{theirs}/delete"):
        assert device.post(url, data={**answers, "csrf_token": my_token, "action": "next"}).status_code == 400
    assert stored_answers(app, theirs) == {}
    assert device.get(f"/r/{theirs}/").status_code == 302  # not erased


def test_a_survey_pages_token_is_refused_outside_its_link(app, browser, questionnaire):
    token = start(browser, "staff")
    device = app.test_client()
    link_token = page_token(device, f"/r/{token}/q/{questionnaire.dimensions[0].id}")
    assert device.post("/start", data={"profile": "staff", "csrf_token": link_token}).status_code == 400


def test_a_session_token_still_works_on_a_survey_page(app, browser, questionnaire):
    """A page opened before (or a form of another page of the site) carries the session's token."""
    token = start(browser, "staff")  # the browser holds the landing page's session token
    dimension = questionnaire.dimensions[0]
    answers = page_answers(questionnaire, dimension)
    browser.get("/")
    saved = browser.post(f"/r/{token}/q/{dimension.id}", {**answers, "action": "next"})
    assert saved.status_code == 302
    assert stored_answers(app, token) == answers
