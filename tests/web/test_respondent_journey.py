"""The respondent journey through the test client, on every database backend."""

from __future__ import annotations

import html
import json

import pytest

from survey.domain.questionnaire.answersheet import parse_sheet
from survey.domain.questionnaire.scoring import score_answers
from survey.extensions import db
from survey.store.models import Answer, DimensionNote, Response
from survey.store.tokens import token_digest
from tests.web.journey import answer_everything, start


def stored_response(app, token):
    with app.app_context():
        response = db.session.query(Response).filter_by(token_hash=token_digest(token)).one()
        return {
            "profile": response.profile,
            "organisation": response.organisation,
            "language": response.language,
            "submitted": response.submitted_at is not None,
            "answers": response.answer_values(),
            "importance": response.importance(),
            "comments": response.comments(),
        }


def test_landing_page_has_a_start_form_per_profile(browser):
    page = browser.get("/").get_data(as_text=True)
    for profile in ("candidate", "executive", "staff"):
        assert f'name="profile" value="{profile}"' in page
    assert page.count('name="csrf_token"') == 3
    assert "The employer you are considering" in page


@pytest.mark.parametrize("profile", ["candidate", "executive", "staff"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_full_flow_start_pages_review_submit(app, browser, questionnaire, profile, lang):
    token = start(browser, profile, "ACME & Co", lang)
    assert len(token) >= 22  # 128 bits in URL-safe base64
    first = browser.get(f"/r/{token}/")
    assert first.status_code == 302 and first.headers["Location"].endswith(f"/r/{token}/q/validation")
    page = html.unescape(browser.get(f"/r/{token}/q/validation").get_data(as_text=True))
    assert questionnaire.dimension("validation").title.get(lang) in page
    assert ("Step 1 of" if lang == "en" else "Étape 1 sur") in page
    assert ("Don't know" if lang == "en" else "Je ne sais pas") in page

    given = answer_everything(browser, questionnaire, token, profile)
    assert browser.get(f"/r/{token}/").headers["Location"].endswith(f"/r/{token}/review")
    review = browser.get(f"/r/{token}/review")
    assert review.status_code == 200
    submitted = browser.post(f"/r/{token}/submit")
    assert submitted.headers["Location"].endswith(f"/r/{token}/report")
    report = browser.get(f"/r/{token}/report")
    assert report.status_code == 200

    stored = stored_response(app, token)
    assert stored["answers"] == given
    assert stored["submitted"] and stored["language"] == lang and stored["organisation"] == "ACME & Co"
    assert stored["comments"]["validation"] == "Comment on validation"
    assert bool(stored["importance"]) == (profile == "candidate")
    expected = score_answers(questionnaire, profile, given)
    shown = f"{expected.score:.1f}" if lang == "en" else f"{expected.score:.1f}".replace(".", ",")
    assert shown in report.get_data(as_text=True)


def test_next_with_missing_answers_shows_errors_and_keeps_the_ticked_ones(app, browser, questionnaire):
    token = start(browser, "executive")
    questions = questionnaire.dimension("autonomy").applicable_questions("executive")
    browser.get(f"/r/{token}/q/autonomy")
    ticked = {questions[0].id: questions[0].choices[1].value, questions[2].id: "dont_know"}
    response = browser.post(f"/r/{token}/q/autonomy", {**ticked, "comment": "kept comment", "action": "next"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'value="{questions[0].choices[1].value}" checked' in page
    assert 'value="dont_know" checked' in page
    assert "kept comment" in page
    missing = [q.id for q in questions if q.id not in ticked]
    for question_id in missing:
        assert f'id="err-{question_id}"' in page
        assert f'aria-describedby="err-{question_id}"' in page
    assert 'id="err-' + questions[0].id not in page
    # what was ticked is stored already, even though the page is not complete
    assert stored_response(app, token)["answers"] == ticked


def test_back_saves_without_requiring_everything(app, browser, questionnaire):
    token = start(browser, "staff")
    question = questionnaire.dimension("autonomy").applicable_questions("staff")[0]
    browser.get(f"/r/{token}/q/autonomy")
    response = browser.post(f"/r/{token}/q/autonomy", {question.id: question.choices[0].value, "action": "back"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/q/validation")
    assert stored_response(app, token)["answers"] == {question.id: question.choices[0].value}


def test_resume_returns_to_first_incomplete_page(browser, questionnaire):
    token = start(browser, "executive")
    data = {q.id: "dont_know" for q in questionnaire.dimension("validation").applicable_questions("executive")}
    browser.get(f"/r/{token}/q/validation")
    browser.post(f"/r/{token}/q/validation", {**data, "action": "next"})
    fresh = browser.client.application.test_client()  # another device: no cookies
    response = fresh.get(f"/r/{token}/")
    assert response.headers["Location"].endswith(f"/r/{token}/q/autonomy")


def test_invalid_choice_is_never_stored(app, browser, questionnaire):
    token = start(browser, "executive")
    question = questionnaire.dimension("validation").applicable_questions("executive")[0]
    browser.get(f"/r/{token}/q/validation")
    browser.post(f"/r/{token}/q/validation", {question.id: "hacked", "unknown_q": "x", "action": "back"})
    assert stored_response(app, token)["answers"] == {}


def test_comment_longer_than_2000_characters_is_refused_and_kept(app, browser):
    token = start(browser, "executive")
    browser.get(f"/r/{token}/q/validation")
    response = browser.post(f"/r/{token}/q/validation", {"comment": "x" * 2001, "action": "back"})
    assert response.status_code == 422
    assert "x" * 2001 in response.get_data(as_text=True)
    assert stored_response(app, token)["comments"] == {}


def test_unknown_token_is_a_404_page(client):
    for url in ("/r/nope/", "/r/nope/q/validation", "/r/nope/report", "/r/nope/answers.json", "/r/nope/delete"):
        response = client.get(url)
        assert response.status_code == 404
    assert "Page not found" in client.get("/r/nope/").get_data(as_text=True)


def test_unknown_dimension_page_is_a_404(browser):
    token = start(browser, "executive")
    assert browser.get(f"/r/{token}/q/nope").status_code == 404
    assert browser.get(f"/r/{token}/importance").status_code == 404  # only candidates rate importance


def test_csrf_is_enforced(client):
    response = client.post("/start", data={"profile": "executive"})
    assert response.status_code == 400


def test_answers_json_round_trips_through_the_scoring_engine(browser, questionnaire):
    token = start(browser, "candidate", "Globex")
    given = answer_everything(browser, questionnaire, token, "candidate")
    sheet = json.loads(browser.get(f"/r/{token}/answers.json").get_data(as_text=True))
    assert sheet["profile"] == "candidate" and sheet["organisation"] == "Globex"
    assert sheet["answers"] == given
    parsed = parse_sheet(questionnaire, sheet)
    assert score_answers(questionnaire, parsed.profile, parsed.answers) == score_answers(
        questionnaire, "candidate", given
    )


def test_delete_erases_the_response_and_its_answers(app, browser, questionnaire):
    token = start(browser, "candidate")
    answer_everything(browser, questionnaire, token, "candidate")
    assert "Erase" in browser.get(f"/r/{token}/delete").get_data(as_text=True)
    response = browser.post(f"/r/{token}/delete")
    assert response.status_code == 302
    assert browser.get(f"/r/{token}/").status_code == 404
    with app.app_context():
        assert db.session.query(Response).count() == 0
        assert db.session.query(Answer).count() == 0
        assert db.session.query(DimensionNote).count() == 0


def test_submit_with_missing_answers_goes_back_to_the_gap(browser):
    token = start(browser, "executive")
    browser.get(f"/r/{token}/review")
    response = browser.post(f"/r/{token}/submit")
    assert response.headers["Location"].endswith(f"/r/{token}/q/validation")


def test_language_switch_keeps_everything_and_is_stored(app, browser, questionnaire):
    token = start(browser, "executive", lang="en")
    question = questionnaire.dimension("validation").applicable_questions("executive")[0]
    browser.get(f"/r/{token}/q/validation")
    response = browser.post(f"/r/{token}/q/validation", {question.id: question.choices[2].value, "action": "lang:fr"})
    assert response.headers["Location"].endswith(f"/r/{token}/q/validation")
    page = browser.get(f"/r/{token}/q/validation").get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert f'value="{question.choices[2].value}" checked' in page
    assert stored_response(app, token)["language"] == "fr"
    browser.get(f"/r/{token}/q/validation?lang=en")
    assert stored_response(app, token)["language"] == "en"


def test_language_from_accept_language_header(client):
    page = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"


def test_blank_looking_answer_is_never_stored(app, browser, questionnaire):
    """Optional() clears WTForms' "Not a valid choice" for " ": it must still not be stored."""
    token = start(browser, "candidate")
    question = questionnaire.dimension("validation").applicable_questions("candidate")[0]
    browser.get(f"/r/{token}/q/validation")
    assert browser.post(f"/r/{token}/q/validation", {question.id: " ", "action": "back"}).status_code == 302
    browser.get(f"/r/{token}/importance")
    browser.post(f"/r/{token}/importance", {"validation": " ", "action": "back"})
    stored = stored_response(app, token)
    assert stored["answers"] == {} and stored["importance"] == {}
