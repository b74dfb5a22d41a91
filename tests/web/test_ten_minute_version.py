"""The candidate's 10-minute version: chosen at the start, only the quick questions, scored alike, marked."""

from __future__ import annotations

import html
import io

import pytest
from flask_migrate import downgrade, upgrade
from pypdf import PdfReader
from sqlalchemy import text

from survey import create_app
from survey.domain.questionnaire.answersheet import parse_sheet
from survey.domain.questionnaire.scoring import score_answers
from survey.extensions import db
from survey.store.models import Response
from survey.store.tokens import token_digest
from tests.conftest import BACKENDS, throwaway_database
from tests.web.journey import answer_everything, start

MARK = {"en": "10-minute version: 18 questions", "fr": "Version 10 minutes\u202f: 18 questions"}


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def stored_quick_flag(app, token: str) -> bool:
    with app.app_context():
        return db.session.query(Response).filter_by(token_hash=token_digest(token)).one().quick_version


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_candidate_card_offers_both_versions_in_a_labelled_group(browser, questionnaire, lang):
    page = page_text(browser.get(f"/?lang={lang}"))
    candidate_card = page.split('value="candidate"')[1].split("</form>")[0]
    assert "<fieldset" in candidate_card and "<legend>" in candidate_card
    assert candidate_card.count('name="version"') == 2
    full = len(questionnaire.applicable_question_ids("candidate"))
    if lang == "en":
        assert "How much time do you have?" in candidate_card
        assert f"Full: {full} questions, about 20 minutes" in candidate_card
        assert "10 minutes: 18 questions you can check or ask" in candidate_card
    else:
        # French typography: a narrow no-break space before "?" and ":"
        assert "De combien de temps disposez-vous\u202f?" in candidate_card
        assert f"Complet\u202f: {full} questions, environ 20 minutes" in candidate_card
        assert "10 minutes\u202f: 18 questions à vérifier ou à poser" in candidate_card
    for other in ("executive", "staff"):
        card = page.split(f'value="{other}"')[1].split("</form>")[0]
        assert 'name="version"' not in card


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_quick_journey_asks_only_quick_questions_and_marks_the_report(app, browser, questionnaire, lang):
    short = questionnaire.ten_minute_version
    token = start(browser, "candidate", "ACME", lang, version="quick")
    assert stored_quick_flag(app, token) is True

    page = page_text(browser.get(f"/r/{token}/q/validation"))
    asked = [q for q in questionnaire.dimension("validation").questions if q.quick]
    skipped = [q for q in questionnaire.dimension("validation").applicable_questions("candidate") if not q.quick]
    for question in asked:
        assert question.text_for("candidate").get(lang) in page
    for question in skipped:
        assert question.text_for("candidate").get(lang) not in page

    given = answer_everything(browser, short, token, "candidate")
    assert sorted(given) == sorted(questionnaire.quick_question_ids)
    review = page_text(browser.get(f"/r/{token}/review"))
    assert skipped[0].text_for("candidate").get(lang) not in review
    assert browser.post(f"/r/{token}/submit").headers["Location"].endswith(f"/r/{token}/report")

    report = page_text(browser.get(f"/r/{token}/report"))
    assert MARK[lang] in report
    overall = f"{score_answers(short, 'candidate', given).score:.1f}"
    assert f'<span class="big">{overall if lang == "en" else overall.replace(".", ",")}</span>' in report
    pdf = browser.get(f"/r/{token}/report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert " ".join(MARK[lang].split()) in " ".join(text.split())


def test_quick_answer_sheet_scores_the_same_through_json_and_the_api(app, browser, client, questionnaire):
    short = questionnaire.ten_minute_version
    token = start(browser, "candidate", version="quick")
    given = answer_everything(browser, short, token, "candidate")
    sheet = browser.get(f"/r/{token}/answers.json").json
    assert sheet["quick"] is True and set(sheet["answers"]) == set(questionnaire.quick_question_ids)
    parsed = parse_sheet(questionnaire, sheet)
    expected = score_answers(short, "candidate", given).as_dict()
    assert score_answers(parsed.scored_on(questionnaire), "candidate", parsed.answers).as_dict() == expected
    scored = client.post("/api/v1/score", json=sheet).json  # the scores, and the findings beside them
    assert scored["overall"] == expected["overall"]
    assert [{key: d[key] for key in expected["dimensions"][0]} for d in scored["dimensions"]] == expected["dimensions"]
    # The same answers read as a full questionnaire would count 27 candidate questions as unanswered.
    assert score_answers(questionnaire, "candidate", given).as_dict() != expected


def test_full_version_stays_the_default_and_is_not_marked(app, browser, questionnaire):
    token = start(browser, "candidate")
    assert stored_quick_flag(app, token) is False
    page = page_text(browser.get(f"/r/{token}/q/validation"))
    for question in questionnaire.dimension("validation").applicable_questions("candidate"):
        assert question.text_for("candidate").en in page
    answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    assert "10-minute version" not in page_text(browser.get(f"/r/{token}/report"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ten_minute_version_is_refused_to_other_profiles_with_the_organisation_kept(app, browser, lang):
    browser.get(f"/?lang={lang}")
    response = browser.post("/start", {"profile": "executive", "organisation": "Globex", "version": "quick"})
    assert response.status_code == 422
    page = page_text(response)
    message = {
        "en": "The 10-minute version is for candidates only.",
        "fr": "La version 10 minutes est réservée aux candidat·es.",
    }
    assert message[lang] in page and 'value="Globex"' in page
    with app.app_context():
        assert db.session.query(Response).count() == 0


def test_a_page_outside_the_ten_minute_version_is_not_found(browser, questionnaire):
    token = start(browser, "candidate", version="quick")
    assert browser.get(f"/r/{token}/q/validation").status_code == 200
    assert browser.get(f"/r/{token}/importance").status_code == 200
    assert browser.get(f"/r/{token}/q/nowhere").status_code == 404


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_adds_the_column_and_keeps_every_answer(backend, tmp_path_factory):
    """Upgrading a database with answers to 0006 and back loses none of them (no table rebuild on SQLite)."""
    count_answers = text("SELECT COUNT(*) FROM answers")
    with throwaway_database(backend, tmp_path_factory) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
        with app.app_context():
            upgrade(revision="0003")
            db.session.execute(
                text(
                    "INSERT INTO responses (id, token, profile, language, questionnaire_id, questionnaire_version, "
                    "created_at, updated_at, submitted_at) VALUES (1, 'old', 'candidate', 'fr', 'q', '1', :t, :t, :t)"
                ),
                {"t": "2026-01-01 00:00:00"},
            )
            for question_id in ("validation_layers", "validation_delay", "autonomy_replies"):
                db.session.execute(
                    text("INSERT INTO answers (response_id, question_id, value) VALUES (1, :q, 'dont_know')"),
                    {"q": question_id},
                )
            db.session.commit()
            upgrade(revision="0006")
            assert db.session.execute(count_answers).scalar() == 3
            # Read without the model, which may know columns of later revisions
            assert db.session.execute(text("SELECT quick_version FROM responses")).scalar() in (False, 0)
            db.session.remove()
            downgrade(revision="0003")
            assert db.session.execute(count_answers).scalar() == 3
            db.session.remove()
            db.engine.dispose()
