"""A candidate weighs several employers in a private space, and updates one after an interview (issue 27)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from survey.extensions import db
from survey.store.models import RenderedDocument, Response, ResponseVersion, Space
from survey.store.tokens import token_digest
from tests.web.journey import answer_everything, start

SPACE_LINK = re.compile(
    r'id="space-link-input" class="link-input" type="text" readonly value="[^"]*/r/([^/"]+)/compare"'
)


def submitted(browser, questionnaire, token: str) -> None:
    answer_everything(browser, questionnaire, token, "candidate")
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").status_code == 302


def another(browser, token: str, organisation: str, version: str = "full") -> str:
    browser.get(f"/r/{token}/report")
    response = browser.post(
        f"/r/{token}/another", {"profile": "candidate", "organisation": organisation, "version": version}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return re.search(r"/r/([^/]+)/", response.headers["Location"]).group(1)


@pytest.fixture()
def two_employers(browser, questionnaire):
    """Acme assessed in full (in English), Beta in the 10-minute version (in French); returns the tokens."""
    acme = start(browser, "candidate", "Acme")
    submitted(browser, questionnaire, acme)
    beta = another(browser, acme, "Beta", "quick")
    browser.get(f"/r/{beta}/?lang=fr")
    submitted(browser, questionnaire.ten_minute_version, beta)
    page = browser.get(f"/r/{acme}/report?lang=en").get_data(as_text=True)
    space = SPACE_LINK.search(page).group(1)
    return acme, beta, space


def test_another_employer_joins_a_space_whose_link_alone_lists_them(app, browser, client, two_employers):
    acme, beta, space = two_employers
    page = browser.get(f"/r/{space}/compare?lang=en").get_data(as_text=True)
    assert "Acme" in page and "Beta" in page and "<svg" in page
    # A response's link is no space link, and its report names no other employer.
    assert client.get(f"/r/{acme}/compare").status_code == 404
    assert client.get(f"/r/{acme}/compare.json").status_code == 404
    other_browser_report = app.test_client().get(f"/r/{acme}/report").get_data(as_text=True)
    assert "Beta" not in other_browser_report and space not in other_browser_report
    assert app.test_client().get(f"/r/{space}x/compare").status_code == 404
    with app.app_context():
        stored = db.session.execute(select(Space)).scalar_one()
        assert stored.token_hash == token_digest(space) and len(space) >= 22  # >= 128 bits, stored hashed
        assert db.session.execute(select(func.count()).where(Response.space_id == stored.id)).scalar() == 2


def test_compare_json_lines_up_the_employers_in_the_readers_language(browser, two_employers):
    _, _, space = two_employers
    data = browser.get(f"/r/{space}/compare.json?lang=fr").get_json()
    assert [o["organisation"] for o in data["organisations"]] == ["Acme", "Beta"]
    assert [o["version"] for o in data["organisations"]] == [1, 1]
    assert data["organisations"][1]["quick"] is True
    for organisation in data["organisations"]:
        assert set(organisation) >= {"organisation", "version", "verdict", "overall", "dimensions"}
        assert organisation["verdict"]["title"]  # in French, whatever language the employer was assessed in
    assert data["language"] == "fr"
    english = browser.get(f"/r/{space}/compare.json?lang=en").get_json()
    assert [o["verdict"]["title"] for o in english["organisations"]] != [
        o["verdict"]["title"] for o in data["organisations"]
    ] or all(o["verdict"]["id"] == "not_enough_information" for o in data["organisations"])
    for difference in data["differences"]:
        assert difference["spread"] == pytest.approx(
            difference["best"]["score"] - difference["worst"]["score"], abs=0.11
        )
        assert difference["spread"] >= 0


def test_ratings_edited_on_the_comparison_weigh_every_employer(app, browser, questionnaire, two_employers):
    _, _, space = two_employers
    browser.get(f"/r/{space}/compare")
    ratings = {d.id: "5" for d in questionnaire.dimensions}
    assert browser.post(f"/r/{space}/compare", ratings).status_code == 302
    assert browser.get(f"/r/{space}/compare.json").get_json()["importance"] == {d: 5 for d in ratings}
    # A rating missing is refused, naming the practice, and nothing is saved.
    browser.get(f"/r/{space}/compare")
    first = questionnaire.dimensions[0]
    refused = browser.post(f"/r/{space}/compare", {**ratings, first.id: ""})
    assert refused.status_code == 422 and first.title.get("en") in refused.get_data(as_text=True)


def test_comparison_pdf_reads_back_with_both_employers(browser, two_employers):
    _, _, space = two_employers
    response = browser.get(f"/r/{space}/compare.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Acme" in text and "Beta" in text and "Employers compared" in text


def test_erasing_the_space_erases_every_response_and_pdf_after_a_confirmation(app, browser, two_employers):
    acme, beta, space = two_employers
    # A PDF of one employer. A candidate's PDF prints its private link, so it is cached in memory, never in
    # the database (issue 23); the erasure must still leave no rendered document behind.
    assert browser.get(f"/r/{acme}/report.pdf").status_code == 200
    confirm = browser.get(f"/r/{space}/erase").get_data(as_text=True)
    assert "Acme" in confirm and "Beta" in confirm
    assert browser.post(f"/r/{space}/erase").status_code == 302
    for url in (f"/r/{acme}/report", f"/r/{beta}/report", f"/r/{space}/compare"):
        assert browser.get(url).status_code == 404
    with app.app_context():
        for model in (Response, Space, RenderedDocument, ResponseVersion):
            assert db.session.execute(select(func.count()).select_from(model)).scalar() == 0


def test_update_after_the_interview_keeps_the_first_version_and_shows_what_changed(
    app, browser, questionnaire, two_employers
):
    acme, _, space = two_employers
    browser.get(f"/r/{acme}/report")
    assert browser.post(f"/r/{acme}/update").status_code == 302
    # The interview answered every "don't know": each with the question's best choice.
    for dimension in questionnaire.dimensions:
        questions = dimension.applicable_questions("candidate")
        browser.get(f"/r/{acme}/q/{dimension.id}")
        answers = {q.id: max(q.choices, key=lambda c: c.score).value for q in questions}
        assert browser.post(f"/r/{acme}/q/{dimension.id}", {**answers, "action": "next"}).status_code == 302
    browser.get(f"/r/{acme}/review")
    assert browser.post(f"/r/{acme}/submit").status_code == 302
    page = browser.get(f"/r/{acme}/report?lang=en").get_data(as_text=True)
    assert "What changed after the interview" in page
    now_answered = re.search(r"(\d+) “Don(?:'|&#39;)t know” now answered", page)
    assert now_answered and int(now_answered.group(1)) > 0
    assert "Answered:" in page
    versions = browser.get(f"/r/{acme}/report.json").get_json()["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[0]["verdict"] != versions[1]["verdict"]
    assert "→" in page
    compared = browser.get(f"/r/{space}/compare.json").get_json()
    assert compared["organisations"][0]["version"] == 2
    assert compared["organisations"][0]["verdict"]["id"] == versions[1]["verdict"]
    with app.app_context():
        kept = db.session.execute(select(ResponseVersion)).scalar_one()
        assert "dont_know" in kept.answers.values()


def test_the_space_forms_refuse_a_post_without_the_csrf_token(client, browser, questionnaire, two_employers):
    acme, _, space = two_employers
    for url in (f"/r/{acme}/another", f"/r/{acme}/update", f"/r/{space}/erase", f"/r/{space}/start"):
        assert client.post(url, data={"profile": "candidate", "organisation": "X"}).status_code == 400, url
    assert browser.get(f"/r/{space}/compare").status_code == 200  # nothing erased


def test_a_space_holds_four_employers_at_most_and_the_fifth_is_refused_with_a_reason(
    app, browser, questionnaire, two_employers
):
    acme, _, space = two_employers
    another(browser, acme, "Gamma")
    another(browser, acme, "Delta")
    browser.get(f"/r/{acme}/report")
    refused = browser.post(f"/r/{acme}/another", {"profile": "candidate", "organisation": "Epsilon"}, follow=True)
    assert "at most 4 employers" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Response)).scalar() == 4


def test_only_a_submitted_candidate_response_reopens_after_the_interview(browser, questionnaire):
    executive = start(browser, "executive", "Corp")
    answer_everything(browser, questionnaire, executive, "executive")
    browser.get(f"/r/{executive}/review")
    browser.post(f"/r/{executive}/submit")
    page = browser.get(f"/r/{executive}/report").get_data(as_text=True)
    assert "Update my answers after the interview" not in page and "Assess another employer" not in page
    browser.get(f"/r/{executive}/delete")  # a page with a CSRF token, for the posts below
    assert browser.post(f"/r/{executive}/update").status_code == 404
    browser.get(f"/r/{executive}/delete")
    assert browser.post(f"/r/{executive}/another", {"profile": "candidate"}).status_code == 404
    candidate = start(browser, "candidate", "Open Inc")
    browser.get(f"/r/{candidate}/delete")
    assert browser.post(f"/r/{candidate}/update").status_code == 404  # not submitted yet: nothing to keep
