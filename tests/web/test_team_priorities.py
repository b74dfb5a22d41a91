"""The team survey's board page and plan open with the executive's priorities, and say what each brings."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.web.consultant import all_answers, seed_responses
from tests.web.test_team_survey import ask_team, submitted_executive, team_engagement_id


def board_text(browser, token: str) -> str:
    response = browser.get(f"/r/{token}/team/board.pdf")
    assert response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert len(pages) == 1
    return re.sub(r"\s+", " ", pages[0].extract_text())


def one_decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def test_the_board_gives_the_executive_top_priorities_and_their_gains_in_the_survey_language(
    app, browser, questionnaire
):
    executive = submitted_executive(app, browser, questionnaire, lang="fr", choice="worst")
    ask_team(browser, executive)
    seed_responses(app, team_engagement_id(app), "Équipe", all_answers(questionnaire, "staff", "best"), 3)
    priorities = browser.get(f"/r/{executive}/report.json?lang=fr").get_json()["priorities"]
    assert len(priorities) == 3 and all(p["gain_overall"] > 0 for p in priorities)
    text = board_text(browser, executive)
    assert "Priorités" in text or "priorités" in text
    positions = []
    for priority in priorities:
        action = questionnaire.questions_by_id[priority["question"]].improvement.action.fr[:30]
        assert action in text
        positions.append(text.index(action))
        # "+12,5 points pour « Réactivité », +1,4 au score global": French decimals, as the survey speaks
        assert f"+{one_decimal(priority['gain_points'], 'fr')} points pour" in text
        assert f"+{one_decimal(priority['gain_overall'], 'fr')} au score global" in text
    assert positions == sorted(positions)  # largest gain first


def test_the_board_speaks_english_gains_for_an_english_survey_even_below_the_threshold(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, lang="en", choice="worst")
    ask_team(browser, executive)
    priorities = browser.get(f"/r/{executive}/report.json?lang=en").get_json()["priorities"]
    text = board_text(browser, executive)
    assert priorities
    for priority in priorities:
        assert f"+{one_decimal(priority['gain_points'], 'en')} points on {priority['dimension_title']}" in text
        assert f"+{one_decimal(priority['gain_overall'], 'en')} overall" in text


def test_an_executive_without_priorities_is_told_so_on_the_board(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, choice="best")
    ask_team(browser, executive)
    assert "Nothing to add: your answers call for no improvement." in board_text(browser, executive)
    assert "overall" not in board_text(browser, executive).split("Top priorities")[-1]


def test_the_plan_rebuilt_from_both_opens_with_the_executive_priorities(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire, choice="worst")
    ask_team(browser, executive)
    seed_responses(app, team_engagement_id(app), "Team", all_answers(questionnaire, "staff", "worst"), 3)
    priorities = browser.get(f"/r/{executive}/report.json?lang=en").get_json()["priorities"]
    plan = browser.get(f"/r/{executive}/team.json").get_json()["plan"]
    assert [item["question"] for item in plan[: len(priorities)]] == [p["question"] for p in priorities]
    assert [item["priority"] for item in plan[: len(priorities)]] == list(range(1, len(priorities) + 1))
    assert all(item["priority"] is None for item in plan[len(priorities) :])
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    actions = [questionnaire.questions_by_id[p["question"]].improvement.action.en for p in priorities]
    plan_section = page[page.index('id="plan-title"') :]
    assert [plan_section.index(a) for a in actions] == sorted(plan_section.index(a) for a in actions)
    assert plan_section.index(actions[-1]) < min(
        plan_section.index(questionnaire.questions_by_id[item["question"]].improvement.action.en)
        for item in plan[len(priorities) :]
    )
