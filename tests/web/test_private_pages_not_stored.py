"""Private pages are never kept by a cache (a proxy's, or the browser's on a shared computer)."""

from __future__ import annotations

from tests.conftest import Browser
from tests.web.consultant import api_token_for, create_engagement, login, make_consultant
from tests.web.journey import answer_everything, start


def test_a_respondents_pages_and_json_are_not_stored(browser, questionnaire):
    token = start(browser, "executive")
    answer_everything(browser, questionnaire, token, "executive")
    first = questionnaire.dimensions[0].id
    for url in (f"/r/{token}/q/{first}", f"/r/{token}/review", f"/r/{token}/report", f"/r/{token}/answers.json"):
        reply = browser.get(url)
        assert reply.status_code == 200 and reply.headers.get("Cache-Control") == "no-store", url
    assert "no-store" in browser.get(f"/r/{token}/report.pdf").headers["Cache-Control"]
    assert "Cache-Control" not in browser.get("/").headers  # the landing page is nobody's


def test_the_workspace_and_the_api_are_not_stored(app):
    make_consultant(app, "ada@example.com")
    consultant = Browser(app.test_client())
    login(consultant, "ada@example.com")
    engagement_id = create_engagement(consultant)
    for url in ("/account/tokens", "/engagements", f"/engagements/{engagement_id}"):
        assert consultant.get(url).headers.get("Cache-Control") == "no-store", url
    bearer = {"Authorization": f"Bearer {api_token_for(app, 'ada@example.com')}"}
    client = app.test_client()
    for url in ("/api/v1/engagements", f"/api/v1/engagements/{engagement_id}/rounds/1"):
        reply = client.get(url, headers=bearer)
        assert reply.status_code == 200 and reply.headers.get("Cache-Control") == "no-store", url
