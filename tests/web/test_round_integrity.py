"""A consultant's French engagement with four role groups of different sizes: nothing leaks from a small
group, a closed round never moves, nothing is erased without a confirmation page."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select

from survey.extensions import db
from survey.store.models import Answer, Engagement
from survey.store.models import Response as StoredResponse
from survey.store.tokens import token_digest
from tests.conftest import Browser
from tests.web.consultant import (
    all_answers,
    api_token_for,
    create_engagement,
    invite_links,
    login,
    make_consultant,
    respond,
    seed_responses,
)

GROUPS = [
    ("Comité de direction", "executive"),
    ("Communication et marketing", "staff"),
    ("Community management", "staff"),
    ("Juridique", "staff"),
]
LAWYER = "Seule juriste de la maison, je relis chaque publication moi-même."


@pytest.fixture()
def consultant(app, client):
    """A consultant whose browser speaks English."""
    make_consultant(app, "ada@example.com")
    browser = Browser(client)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    login(browser, "ada@example.com")
    return browser


@pytest.fixture()
def acme(app, consultant, questionnaire):
    """Acmé Co, in French: the board (3) finds everything at its best, communication (4) is split, the
    community managers (3) see the worst, and the two lawyers (under the threshold) the best."""
    engagement_id = create_engagement(consultant, "Acmé Co", GROUPS, language="fr")
    seed_responses(app, engagement_id, "Comité de direction", all_answers(questionnaire, "executive", "best"), 3)
    communication = "Communication et marketing"
    seed_responses(app, engagement_id, communication, all_answers(questionnaire, "staff", "best"), 2, comment="Ça va.")
    seed_responses(app, engagement_id, communication, all_answers(questionnaire, "staff", "dont_know"), 2)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    seed_responses(app, engagement_id, "Juridique", all_answers(questionnaire, "staff", "best"), 2, comment=LAWYER)
    return engagement_id


def csv_rows(consultant, engagement_id: int, name: str = "responses.csv", number: int = 1) -> list[list[str]]:
    body = consultant.get(f"/engagements/{engagement_id}/rounds/{number}/{name}").data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_a_small_groups_rows_never_leave_in_the_csv_json_or_api(app, consultant, acme):
    rows = csv_rows(consultant, acme)
    assert {row[0] for row in rows[1:]} == {"Comité de direction", "Communication et marketing", "Community management"}
    assert len(rows) == 1 + 10  # the two lawyers' rows stay home: merged, they would still be only two
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[2]) for row in rows[1:])  # a day, never a time
    exported = json.loads(consultant.get(f"/engagements/{acme}/rounds/1/responses.json").data)["responses"]
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@example.com')}"}
    api = consultant.client.get(f"/api/v1/engagements/{acme}/rounds/1/responses", headers=headers).json["responses"]
    for responses in (exported, api):
        assert len(responses) == 10 and all(r["group"] and r["profile"] for r in responses)
        assert all(set(r) == {"group", "profile", "submitted_on", "answers", "scores"} for r in responses)


def test_small_groups_leave_only_merged_once_they_reach_the_threshold_without_profile(app, consultant, acme):
    add_group(app, consultant, acme, "Ressources humaines")
    questionnaire = app.extensions["questionnaire"]
    seed_responses(app, acme, "Ressources humaines", all_answers(questionnaire, "executive", "worst"), 1)
    rows = csv_rows(consultant, acme)
    merged = [row for row in rows[1:] if row[0] == "Autres groupes"]  # the engagement's language, not the browser's
    assert len(merged) == 3 and all(row[1] == "" for row in merged)
    assert "Juridique" not in {row[0] for row in rows} and "Ressources humaines" not in {row[0] for row in rows}


def test_a_small_groups_comment_is_left_out_of_the_report_and_its_pdf(consultant, acme):
    page = consultant.get(f"/engagements/{acme}/rounds/1/report").get_data(as_text=True)
    assert "Ça va." in page and LAWYER not in page
    assert "ne sont pas montrés" in page  # "2 comments ... are withheld", in the engagement's French
    pdf = consultant.get(f"/engagements/{acme}/rounds/1/report.pdf")
    assert LAWYER.split(",")[0] not in pdf_text(pdf.data)


def test_a_second_response_from_the_same_browser_does_not_raise_the_count(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Acmé Co", GROUPS, language="fr")
    seed_responses(app, engagement_id, "Comité de direction", all_answers(questionnaire, "executive", "best"), 3)
    token = invite_links(consultant, engagement_id)[(1, "Juridique")]
    same_browser = Browser(app.test_client())
    respond(app, token, questionnaire, "staff", respondent=same_browser)
    respond(app, token, questionnaire, "staff", respondent=same_browser)  # pressed "Start" again, same person
    respond(app, token, questionnaire, "staff")
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@example.com')}"}
    url = f"/api/v1/engagements/{engagement_id}/rounds/1"
    assert [g["submitted"] for g in consultant.client.get(url, headers=headers).json["groups"]] == [3, 0, 0, 3]
    scores = consultant.client.get(f"{url}/scores", headers=headers).json
    assert scores["merged_groups"] == ["Juridique"] and not scores["merged_shown"]  # 3 responses, 2 people
    assert "Juridique" not in {row[0] for row in csv_rows(consultant, engagement_id)}
    respond(app, token, questionnaire, "staff")  # a third person
    scores = consultant.client.get(f"{url}/scores", headers=headers).json
    lawyers = next(g for g in scores["groups"] if g["name"] == "Juridique")
    assert lawyers["responses"] == 4  # every response counts in the figures; the threshold counts people


def test_after_closing_respondents_cannot_submit_edit_or_erase_and_the_round_stays_put(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Acmé Co", GROUPS, language="fr")
    links = invite_links(consultant, engagement_id)
    seed_responses(app, engagement_id, "Comité de direction", all_answers(questionnaire, "executive", "best"), 3)
    done = respond(app, links[(1, "Community management")], questionnaire, "staff")
    late_browser = Browser(app.test_client())
    late = respond(app, links[(1, "Community management")], questionnaire, "staff", False, late_browser)
    before = (csv_rows(consultant, engagement_id), report_scores(consultant, engagement_id), answer_rows(app))

    confirm = consultant.get(f"/engagements/{engagement_id}/rounds/1/close").get_data(as_text=True)
    assert "1 response still in progress in round 1 will be refused" in confirm
    assert consultant.post(f"/engagements/{engagement_id}/rounds/1/close").status_code == 302

    late_browser.get(f"/r/{late}/review")
    refused = late_browser.post(f"/r/{late}/submit")
    assert refused.status_code == 410
    assert re.search(r"L’enquête pour Acmé Co a fermé le \d{1,2} \w+ 20\d\d", refused.get_data(as_text=True))
    other = Browser(app.test_client())
    dimension = questionnaire.dimensions[0]
    assert other.get(f"/r/{done}/q/{dimension.id}").status_code == 410
    worst = all_answers(questionnaire, "staff", "worst")
    edit = {q.id: worst[q.id] for q in dimension.applicable_questions("staff")} | {"action": "next"}
    assert other.post(f"/r/{done}/q/{dimension.id}", edit).status_code == 410
    assert other.post(f"/r/{done}/delete").status_code == 410
    assert other.get(f"/r/{done}/report").status_code == 200  # their own answers stay readable

    consultant.get(f"/engagements/{engagement_id}/rounds")
    assert consultant.post(f"/engagements/{engagement_id}/rounds").status_code == 302  # round 2 opens
    after = (csv_rows(consultant, engagement_id), report_scores(consultant, engagement_id), answer_rows(app))
    assert after == before
    with app.app_context():
        assert (
            db.session.scalar(
                select(StoredResponse.submitted_at).where(StoredResponse.token_hash == token_digest(late))
            )
            is None
        )


def test_opening_round_two_asks_first_saying_how_many_responses_it_refuses(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Acmé Co", GROUPS, language="fr")
    links = invite_links(consultant, engagement_id)
    for _ in range(2):
        respond(app, links[(1, "Juridique")], questionnaire, "staff", submit=False)
    page = consultant.get(f"/engagements/{engagement_id}").get_data(as_text=True)
    assert f'href="/engagements/{engagement_id}/rounds"' in page  # a link to a page, not a one-click form
    confirm = consultant.get(f"/engagements/{engagement_id}/rounds")
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Open round 2?" in text  # the consultant's own screen: English
    assert "2 responses still in progress in round 1 will be refused" in text
    with app.app_context():
        assert len(db.session.get(Engagement, engagement_id).rounds) == 1  # nothing opened by looking


def test_a_group_with_responses_left_out_of_the_form_is_not_erased(app, consultant, acme):
    with app.app_context():
        groups = [(g.id, g.name, g.profile) for g in db.session.get(Engagement, acme).groups]
        answers = db.session.scalar(select(func.count()).select_from(Answer))
    consultant.get(f"/engagements/{acme}/edit")
    data = {"client_name": "Acmé Co", "language": "fr"}
    for index, (group_id, name, profile) in enumerate(groups[:-1]):  # "Juridique" is simply not posted
        data |= {f"groups-{index}-id": group_id, f"groups-{index}-name": name, f"groups-{index}-profile": profile}
    refused = consultant.post(f"/engagements/{acme}/edit", data)
    assert refused.status_code == 422 and "Juridique" in refused.get_data(as_text=True)
    with app.app_context():
        assert [g.name for g in db.session.get(Engagement, acme).groups] == [name for name, _ in GROUPS]
        assert db.session.scalar(select(func.count()).select_from(Answer)) == answers


def test_the_engagement_language_governs_the_client_documents_whatever_the_browser(app, consultant, acme):
    assert "Engagements" in consultant.get("/engagements").get_data(as_text=True)  # the browser's English
    page = consultant.get(f"/engagements/{acme}/rounds/1/report").get_data(as_text=True)
    assert '<html lang="fr">' in page and "Écarts de perception" in page  # the web report opens in French
    assert '<html lang="en">' in consultant.get(f"/engagements/{acme}/rounds/1/report?lang=en").get_data(as_text=True)
    pdf = consultant.get(f"/engagements/{acme}/rounds/1/report.pdf?lang=en")
    name = r'inline; filename="acme-co-round-1-\d{4}-\d{2}-\d{2}\.pdf"'
    assert re.fullmatch(name, pdf.headers["Content-Disposition"])
    text = pdf_text(pdf.data)
    for words in ("Écarts de perception", "Participation par groupe", "Confidentiel", "Vague 1"):
        assert words in text
    assert "Perception gaps" not in text
    labelled = csv_rows(consultant, acme, "responses-labels.csv")
    assert labelled[0] == csv_rows(consultant, acme)[0]  # the same stable ids
    assert "Je ne sais pas" in {cell for row in labelled for cell in row}


def test_french_decimals_and_dates_in_the_round_report_and_pdf(app, consultant, acme):
    # 12 respondents: 3 + 2 + 2 at 100 (the two "don't know" count for nothing), 3 at 0: 700 / 10 = 70,0 for
    # everyone who could score; the board's and communication's 100,0 and the community managers' 0,0.
    page = consultant.get(f"/engagements/{acme}/rounds/1/report").get_data(as_text=True)
    text = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)  # the chart's coordinates are not text
    assert "<strong>70,0</strong>" in text and "100,0" in text and "70.0" not in text
    assert "Score global, tous répondants\u202f:" in page
    text = pdf_text(consultant.get(f"/engagements/{acme}/rounds/1/report.pdf").data)
    assert "70,0" in text
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    assert re.search(rf"Vague ouverte le \d{{1,2}} ({months}) 20\d\d", text)


def add_group(app, consultant, engagement_id: int, name: str) -> None:
    with app.app_context():
        rows = [(g.id, g.name, g.profile) for g in db.session.get(Engagement, engagement_id).groups]
    consultant.get(f"/engagements/{engagement_id}/edit")
    data = {"client_name": "Acmé Co", "language": "fr"}
    for index, (group_id, group_name, profile) in enumerate([*rows, (None, name, "executive")]):
        data |= {
            f"groups-{index}-id": group_id or "",
            f"groups-{index}-name": group_name,
            f"groups-{index}-profile": profile,
        }
    assert consultant.post(f"/engagements/{engagement_id}/edit", data).status_code == 302


def report_scores(consultant, engagement_id: int) -> list[str]:
    page = consultant.get(f"/engagements/{engagement_id}/rounds/1/report").get_data(as_text=True)
    return re.findall(r"<td>(?:<strong>)?([\d,—]+)", page)


def answer_rows(app) -> list[tuple]:
    with app.app_context():
        return sorted(db.session.execute(select(Answer.response_id, Answer.question_id, Answer.value)).tuples())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_0004_adds_the_browser_key_and_keeps_every_answer(backend, tmp_path_factory):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from survey import create_app
    from tests.conftest import throwaway_database

    with throwaway_database(backend, tmp_path_factory) as url:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
        with app.app_context():
            upgrade(revision="0006")
            db.session.execute(
                text(
                    "INSERT INTO responses (id, token, profile, language, questionnaire_id, questionnaire_version, "
                    "created_at, updated_at) VALUES (1, 'old', 'staff', 'fr', 'q', '1', :t, :t)"
                ),
                {"t": "2026-01-01 00:00:00"},
            )
            db.session.execute(text("INSERT INTO answers (response_id, question_id, value) VALUES (1, 'q1', 'x')"))
            db.session.commit()
            upgrade(revision="0004")
            assert db.session.execute(text("SELECT browser_key FROM responses")).all() == [(None,)]
            db.session.remove()
            downgrade(revision="0006")
            assert db.session.execute(text("SELECT COUNT(*) FROM answers")).scalar() == 1
            db.session.remove()
            db.engine.dispose()
