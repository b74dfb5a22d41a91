"""Access control: a consultant sees only their own engagements; tokens open only what they are for."""

from __future__ import annotations

import pytest

from survey.extensions import db
from survey.store.models import Response as StoredResponse
from survey.store.responses import create_response
from tests.conftest import Browser
from tests.web.consultant import (
    all_answers,
    api_token_for,
    create_engagement,
    invite_links,
    login,
    make_consultant,
    seed_responses,
)


@pytest.fixture()
def two_consultants(app, questionnaire):
    """Consultant A owns an engagement with responses; consultant B is signed in."""
    make_consultant(app, "a@example.com")
    make_consultant(app, "b@example.com")
    alice = Browser(app.test_client())
    login(alice, "a@example.com")
    engagement_id = create_engagement(alice, "A's client")
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 3)
    bob = Browser(app.test_client())
    login(bob, "b@example.com")
    with app.app_context():
        response_id = db.session.query(StoredResponse.id).first()[0]
    return alice, bob, engagement_id, response_id


def engagement_urls(engagement_id: int, response_id: int) -> list[str]:
    base = f"/engagements/{engagement_id}"
    return [
        base,
        f"{base}/edit",
        f"{base}/delete",
        f"{base}/logo",
        f"{base}/rounds/1/report",
        f"{base}/rounds/1/report.pdf",
        f"{base}/rounds/1/responses.csv",
        f"{base}/rounds/1/responses.json",
        f"{base}/rounds/1/responses",
        f"{base}/responses/{response_id}/delete",
    ]


def test_consultant_b_gets_404_on_everything_of_consultant_a(app, two_consultants):
    alice, bob, engagement_id, response_id = two_consultants
    for url in engagement_urls(engagement_id, response_id):
        assert bob.get(url).status_code == 404, url
    for url in (
        f"/engagements/{engagement_id}/edit",
        f"/engagements/{engagement_id}/delete",
        f"/engagements/{engagement_id}/rounds",
        f"/engagements/{engagement_id}/rounds/1/close",
        f"/engagements/{engagement_id}/responses/{response_id}/delete",
    ):
        bob.get("/engagements")  # a page with B's own CSRF token
        assert bob.post(url, {"client_name": "taken over"}).status_code == 404, url
    assert "A&#39;s client" not in bob.get("/engagements").get_data(as_text=True)
    assert alice.get(f"/engagements/{engagement_id}/rounds/1/report").status_code == 200
    with app.app_context():
        assert db.session.query(StoredResponse).count() == 3


def test_consultant_b_gets_404_on_consultant_a_api_objects(app, two_consultants):
    _, _, engagement_id, _ = two_consultants
    token_a, token_b = api_token_for(app, "a@example.com"), api_token_for(app, "b@example.com")
    client = app.test_client()
    base = f"/api/v1/engagements/{engagement_id}"
    urls = [base, f"{base}/rounds", f"{base}/rounds/1", f"{base}/rounds/1/scores", f"{base}/rounds/1/responses"]
    for url in urls:
        assert client.get(url, headers={"Authorization": f"Bearer {token_a}"}).status_code == 200, url
        denied = client.get(url, headers={"Authorization": f"Bearer {token_b}"})
        assert denied.status_code == 404 and denied.json == {"error": "no such engagement"}, url
    listed = client.get("/api/v1/engagements", headers={"Authorization": f"Bearer {token_b}"})
    assert listed.json == {"engagements": []}


def test_an_invite_token_never_opens_a_report_and_a_respondent_token_never_an_engagement(app, two_consultants):
    alice, _, engagement_id, _ = two_consultants
    invite = invite_links(alice, engagement_id)[(1, "Legal")]
    with app.app_context():
        private = create_response(app.extensions["questionnaire"], "staff", None, "en").token
    visitor = app.test_client()
    for token in (invite, private):
        for url in (
            f"/i/{token}/report",
            f"/r/{token}/rounds/1/report",
            f"/engagements/{token}",
            f"/engagements/{token}/rounds/1/report",
            f"/engagements/{engagement_id}/rounds/1/report?token={token}",
        ):
            assert visitor.get(url).status_code in (302, 404), url  # 302: to the sign-in page
        bearer = visitor.get(f"/api/v1/engagements/{engagement_id}", headers={"Authorization": f"Bearer {token}"})
        assert bearer.status_code == 401
    own_report = visitor.get(f"/r/{private}/report").get_data(as_text=True)
    assert "A&#39;s client" not in own_report and "Perception gaps" not in own_report


def test_the_api_needs_a_token_and_takes_no_cookie(app, two_consultants):
    alice, _, engagement_id, _ = two_consultants
    anonymous = app.test_client().get("/api/v1/engagements")
    assert anonymous.status_code == 401 and "token" in anonymous.json["error"]
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    signed_in_cookie = alice.client.get(f"/api/v1/engagements/{engagement_id}")
    assert signed_in_cookie.status_code == 401
    revoked = api_token_for(app, "a@example.com")
    alice.get("/account/tokens")
    page = alice.get("/account/tokens").get_data(as_text=True)
    token_id = page.split("/account/tokens/")[1].split("/revoke")[0]
    assert alice.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    after = app.test_client().get("/api/v1/engagements", headers={"Authorization": f"Bearer {revoked}"})
    assert after.status_code == 401
