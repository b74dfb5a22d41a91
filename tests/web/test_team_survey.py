"""An executive asks their own team ("Ask my team"), from their private report, without a consultant."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from lxml import html as lxml_html
from sqlalchemy import func, select

from survey.extensions import db
from survey.respondent.forms import AskTeamForm
from survey.store.models import Engagement, Response, Round
from survey.store.responses import find_response, save_answers
from tests.conftest import Browser
from tests.web.consultant import all_answers, respond, seed_responses
from tests.web.journey import start

LINK = re.compile(r'value="https?://[^"]*/i/([^"]+)"')


def submitted_executive(app, browser, questionnaire, lang="en", choice="best") -> str:
    """An executive's response, every answer `choice`, submitted through the review page; its private token."""
    token = start(browser, "executive", "Acme", lang)
    with app.app_context():
        save_answers(find_response(token), all_answers(questionnaire, "executive", choice))
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/submit").status_code == 302
    return token


def ask_team(browser, token: str, **form) -> list[str]:
    """Press "Ask my team" on the report; returns the team links' tokens shown on the team page."""
    browser.get(f"/r/{token}/report")
    response = browser.post(f"/r/{token}/team", form)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/r/{token}/team")
    return LINK.findall(browser.get(f"/r/{token}/team").get_data(as_text=True))


def team_engagement_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Engagement.id).where(Engagement.owner_response_id.is_not(None)))


@pytest.fixture()
def executive(app, browser, questionnaire):
    return submitted_executive(app, browser, questionnaire)


def test_the_report_offers_ask_my_team_as_a_form_with_csrf(app, browser, executive):
    page = browser.get(f"/r/{executive}/report").get_data(as_text=True)
    assert "Ask my team" in page and f'action="/r/{executive}/team"' in page
    assert app.test_client().post(f"/r/{executive}/team").status_code == 400  # no CSRF token
    assert team_engagement_id(app) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_reports_ask_team_form_has_the_forms_fields_each_labelled(app, browser, questionnaire, lang):
    """The report writes the blank form out by hand (no form object per view): it must keep the form's names and
    labels, in the reader's language, or a press of the button would lose the choice or read unlabelled."""
    token = submitted_executive(app, browser, questionnaire, lang)
    page = lxml_html.fromstring(browser.get(f"/r/{token}/report").get_data(as_text=True))
    (form,) = page.xpath(f'//form[@action="/r/{token}/team"]')
    fields = {element.get("name"): element for element in form.xpath(".//input") if element.get("type") != "hidden"}
    with app.test_request_context(), force_locale(lang):
        expected = {field.name: str(field.label.text) for field in AskTeamForm(meta={"csrf": False})}
    assert fields.keys() == expected.keys()
    for name, element in fields.items():
        (label,) = form.xpath(f'.//label[@for="{element.get("id")}"]')
        assert label.text_content().strip() == expected[name]
    (csrf_token,) = form.xpath('.//input[@name="csrf_token"]/@value')
    assert csrf_token


def test_a_candidate_has_no_team_to_ask(browser, questionnaire):
    token = start(browser, "candidate", "Acme")
    assert browser.get(f"/r/{token}/team").status_code == 404
    browser.get(f"/r/{token}/review")
    assert browser.post(f"/r/{token}/team").status_code == 404


def test_asking_creates_a_team_survey_owned_by_the_private_link(app, browser, executive):
    links = ask_team(browser, executive, leadership="y", target="5")
    assert len(links) == 2  # Team (staff) and Leadership (executive)
    with app.app_context():
        engagement = db.session.get(Engagement, team_engagement_id(app))
        assert engagement.owner_id is None
        assert [(g.name, g.profile) for g in engagement.groups] == [("Team", "staff"), ("Leadership", "executive")]
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "0 of 5 team answers." in page
    assert "Open the team page" in browser.get(f"/r/{executive}/report").get_data(as_text=True)
    browser.get(f"/r/{executive}/team")
    assert browser.post(f"/r/{executive}/team").status_code == 302  # asking twice keeps the one survey
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Engagement)) == 1


def test_below_the_threshold_only_counts_are_shown(app, browser, questionnaire, executive):
    link = ask_team(browser, executive, target="6")[0]
    for _ in range(2):
        respond(app, link, questionnaire, "staff")
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "2 of 6 team answers." in page
    assert "appears from 3 answers" in page
    assert "Your team's comments" not in page and "Comment on" not in page
    data = browser.get(f"/r/{executive}/team.json").get_json()
    assert data["team"] == {"responses": 2, "shown": False, "threshold": 3, "target": 6}
    assert "team_scores" not in data and data["gaps"] == [] and data["plan"] == []
    assert set(data["self"]) == {d.id for d in questionnaire.dimensions}


def test_from_three_answers_the_page_sets_both_views_side_by_side(app, browser, questionnaire, executive):
    ask_team(browser, executive)
    worst = all_answers(questionnaire, "staff", "worst")
    seed_responses(app, team_engagement_id(app), "Team", worst, 3, comment="Three sign-offs slow us down")
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "3 team answers." in page
    assert page.count("<svg") >= 1 and "Your team" in page
    assert "Where you and your team see it differently" in page
    assert "You:" in page and "Your team:" in page and "3 of 3" in page
    assert "Three sign-offs slow us down" in page
    assert "called for by your team" in page  # the team's recommendations join the plan


def test_team_json_gives_scores_gaps_in_answers_and_the_plan(app, browser, questionnaire, executive):
    ask_team(browser, executive)
    worst = all_answers(questionnaire, "staff", "worst")
    seed_responses(app, team_engagement_id(app), "Team", worst, 4)
    data = browser.get(f"/r/{executive}/team.json").get_json()
    assert data["team"]["shown"] is True and data["team"]["responses"] == 4
    assert data["team_scores"] and all(v == 0 for v in data["team_scores"].values() if v is not None)
    gap = data["gaps"][0]
    assert gap["difference"] == pytest.approx(gap["self"] - gap["team"]) and gap["difference"] > 0
    question = gap["questions"][0]
    best = max(questionnaire.questions_by_id[question["question"]].choices, key=lambda c: c.score).value
    assert question["self_choice"] == best
    assert sum(question["team_shares"].values()) == 4 and best not in question["team_shares"]
    assert data["plan"] and {item["from"] for item in data["plan"]} == {"team"}
    assert [r["number"] for r in data["rounds"]] == [1]


def test_only_the_owner_link_reaches_the_team_data(app, browser, questionnaire, executive):
    link = ask_team(browser, executive)[0]
    member = respond(app, link, questionnaire, "staff")
    other = submitted_executive(app, Browser(app.test_client()), questionnaire)
    stranger = Browser(app.test_client())
    for token in (member, other):
        assert stranger.get(f"/r/{token}/team.json").status_code == 404
        assert stranger.get(f"/r/{token}/team/tasks.csv").status_code == 404
    assert stranger.get("/r/not-a-token/team").status_code == 404
    # The team link only starts responses: its page shows nothing of the executive's or of anyone's answers.
    invite_page = stranger.get(f"/i/{link}").get_data(as_text=True)
    assert executive not in invite_page and "team.json" not in invite_page and "Comment on" not in invite_page
    # A member's own pages never lead to the executive's report.
    for path in ("", "report", "review"):
        assert executive not in stranger.get(f"/r/{member}/{path}").get_data(as_text=True)


def test_erasing_the_executive_response_warns_then_erases_the_team_survey(app, browser, questionnaire, executive):
    link = ask_team(browser, executive)[0]
    respond(app, link, questionnaire, "staff")
    page = browser.get(f"/r/{executive}/delete").get_data(as_text=True)
    assert "Your team survey goes with it" in page
    assert browser.post(f"/r/{executive}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Engagement)) == 0
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0
        assert db.session.scalar(select(func.count()).select_from(Round)) == 0
    assert browser.get(f"/i/{link}").status_code == 404
    assert browser.get(f"/r/{executive}/team").status_code == 404


def test_erasing_without_a_team_survey_says_nothing_of_one(browser, executive):
    assert "Your team survey goes with it" not in browser.get(f"/r/{executive}/delete").get_data(as_text=True)


def test_the_plan_as_tasks_csv_and_markdown(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, choice="worst")
    ask_team(browser, executive)
    seed_responses(app, team_engagement_id(app), "Team", all_answers(questionnaire, "staff", "worst"), 3)
    plan = browser.get(f"/r/{executive}/team.json").get_json()["plan"]
    response = browser.get(f"/r/{executive}/team/tasks.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == len(plan) > 0
    assert list(rows[0]) == ["Title", "Description", "Owner role", "Due date", "Priority", "Labels"]
    with app.app_context():
        opened = db.session.scalar(select(Round.opened_at)).date()
    first = questionnaire.questions_by_id[plan[0]["question"]]
    assert rows[0]["Title"] == first.improvement.action.en
    assert rows[0]["Due date"] == (opened + timedelta(days=plan[0]["horizon_days"])).isoformat()
    assert rows[0]["Priority"] in {"High", "Medium", "Low"}
    labels = rows[0]["Labels"].split(" ")
    assert f"readiness-{plan[0]['dimension']}" in labels and f"horizon-{plan[0]['horizon_days']}d" in labels
    assert "Your answers and most of your team's call for it (3 of 3)." in {
        row["Description"].split(" — ")[1] for row in rows
    }
    markdown = browser.get(f"/r/{executive}/team/tasks.md").get_data(as_text=True)
    checklist = [line for line in markdown.splitlines() if line.startswith("- [ ] ")]
    assert len(checklist) == len(plan) and first.improvement.action.en in checklist[0]


def test_measure_again_opens_round_two_with_a_new_link_and_shows_progress(app, browser, questionnaire, executive):
    old_link = ask_team(browser, executive, target="3")[0]
    engagement_id = team_engagement_id(app)
    seed_responses(app, engagement_id, "Team", all_answers(questionnaire, "staff", "worst"), 4)
    browser.get(f"/r/{executive}/team")
    assert browser.post(f"/r/{executive}/team/again").status_code == 302
    new_link = LINK.findall(browser.get(f"/r/{executive}/team").get_data(as_text=True))[0]
    assert new_link != old_link and Browser(app.test_client()).get(f"/i/{old_link}").status_code == 410
    seed_responses(app, engagement_id, "Team", all_answers(questionnaire, "staff", "best"), 4, number=2)
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Progress since round 1" in page and "+100.0" in page
    data = browser.get(f"/r/{executive}/team.json").get_json()
    assert [r["number"] for r in data["rounds"]] == [1, 2] and data["team"]["target"] == 3


def test_the_team_page_speaks_french(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, lang="fr")
    ask_team(browser, executive)
    seed_responses(app, team_engagement_id(app), "Équipe", all_answers(questionnaire, "staff", "worst"), 3)
    page = browser.get(f"/r/{executive}/team?lang=fr").get_data(as_text=True)
    assert "Vous et votre équipe" in page and "Votre équipe" in page


def test_team_json_follows_its_openapi_schema_below_and_from_the_threshold(app, browser, client, questionnaire):
    import jsonschema_rs  # schemathesis's validator (requirements-dev.txt)

    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["TeamData"]
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    seed_responses(app, team_engagement_id(app), "Team", all_answers(questionnaire, "staff", "worst"), 2)
    below = browser.get(f"/r/{executive}/team.json").get_json()
    jsonschema_rs.validate(schema, below)
    seed_responses(app, team_engagement_id(app), "Team", all_answers(questionnaire, "staff", "worst"), 1)
    above = browser.get(f"/r/{executive}/team.json").get_json()
    jsonschema_rs.validate(schema, above)
    assert "team_scores" not in below and "team_scores" in above and above["gaps"]
    with pytest.raises(jsonschema_rs.ValidationError):
        jsonschema_rs.validate(schema, {**above, "gaps": [{"dimension": "x"}]})


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_board_page_is_one_a4_page_in_the_survey_language(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, lang="fr", choice="worst")
    ask_team(browser, executive, target="4")
    seed_responses(app, team_engagement_id(app), "Équipe", all_answers(questionnaire, "staff", "worst"), 3)
    plan = browser.get(f"/r/{executive}/team.json").get_json()["plan"]
    response = browser.get(f"/r/{executive}/team/board.pdf?lang=en")
    assert response.mimetype == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4, in points
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Vous et votre équipe" in text and "3 réponses de l’équipe sur 4." in text
    for item in plan[:3]:
        assert questionnaire.questions_by_id[item["question"]].improvement.action.fr[:30] in text
    assert Browser(app.test_client()).get(f"/r/{executive}x/team/board.pdf").status_code == 404


def test_a_bad_target_is_refused_naming_the_field_and_nothing_is_created(app, browser, executive):
    browser.get(f"/r/{executive}/report")
    response = browser.post(f"/r/{executive}/team", {"target": "2", "leadership": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Please give a number from 3 to 10,000" in page
    assert 'id="ask-team-target"' in page and 'aria-invalid="true"' in page and "checked" in page
    assert team_engagement_id(app) is None
