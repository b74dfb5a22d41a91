"""The round's synthesis through the pages, the API and the export, on hand-countable rounds and on the
demo's engagement (`flask --app app demo`), in English and French, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from survey.extensions import db
from survey.store.models import Engagement
from tests.web.consultant import all_answers, api_token_for, create_engagement, login, seed_responses

GROUPS = [("Executive committee", "executive"), ("Community management", "staff"), ("Legal", "staff")]
SYNTHESIS = ("summary", "gaps", "heatmap", "progress", "recommendations")


def group_ids(app, engagement_id: int) -> dict[str, str]:
    with app.app_context():
        return {group.name: str(group.id) for group in db.session.get(Engagement, engagement_id).groups}


def scores(client, app, engagement_id: int, number: int) -> dict:
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@example.com')}"}
    response = client.get(f"/api/v1/engagements/{engagement_id}/rounds/{number}/scores", headers=headers)
    assert response.status_code == 200
    return response.json


@pytest.fixture()
def known_round(app, consultant, questionnaire):
    """Executives: two at every question's best, one at its worst; community managers: three at the worst;
    Legal: one respondent (under the threshold), at the best."""
    engagement_id = create_engagement(consultant, "Globex", GROUPS)
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 2)
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "worst"), 1)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    seed_responses(app, engagement_id, "Legal", all_answers(questionnaire, "staff", "best"), 1)
    return engagement_id


def test_answer_shares_match_a_hand_count(app, client, consultant, known_round, questionnaire):
    ids = group_ids(app, known_round)
    result = scores(client, app, known_round, 1)
    best, worst = all_answers(questionnaire, "executive", "best"), all_answers(questionnaire, "executive", "worst")
    gap = result["gaps"][0]
    executives, community = ids["Executive committee"], ids["Community management"]
    assert (gap["rank"], gap["high_group"], gap["low_group"]) == (1, executives, community)
    assert gap["answers"], gap
    for answers in gap["answers"]:
        question = answers["question"]
        assert answers["shares"] == {
            executives: {best[question]: 2, worst[question]: 1},
            community: {worst[question]: 3},
        }
    assert sum(item["highlighted"] for item in result["gaps"]) == 3  # every practice is 66.7 apart: three stand out


def test_the_page_says_what_each_group_mostly_answered(app, consultant, known_round, questionnaire):
    page = consultant.get(f"/engagements/{known_round}/rounds/1/report").get_data(as_text=True)
    cards = [" ".join(card.split()) for card in re.findall(r'<article class="answer-gap">(.*?)</article>', page, re.S)]
    assert len(cards) == 3
    question = questionnaire.questions_by_id["validation_layers"]
    best = max(question.choices, key=lambda choice: choice.score).label.en
    worst = min(question.choices, key=lambda choice: choice.score).label.en
    validation = next(card for card in cards if "Content validation" in card)
    count = '<span class="answer-count">{} of 3</span>'
    assert f"<strong>Executive committee:</strong> “{best}” — {count.format(2)}" in validation
    assert f"<strong>Community management:</strong> “{worst}” — {count.format(3)}" in validation


def test_no_group_under_the_threshold_appears_in_the_synthesis(app, client, consultant, known_round):
    legal = group_ids(app, known_round)["Legal"]
    result = scores(client, app, known_round, 1)
    synthesis = repr({key: result[key] for key in SYNTHESIS})
    assert f"'{legal}'" not in synthesis and "Legal" not in synthesis
    page = consultant.get(f"/engagements/{known_round}/rounds/1/report").get_data(as_text=True)
    for section in ("summary-title", "scores-title", "gaps-title"):
        assert "Legal" not in page.split(f'id="{section}"')[1].split("</section>")[0]
    exported = consultant.get(f"/engagements/{known_round}/rounds/1/responses.json").json
    assert {key: exported[key] for key in SYNTHESIS} == {key: result[key] for key in SYNTHESIS}


def test_the_summary_states_the_figures_of_the_tables(app, client, consultant, known_round, questionnaire):
    consultant.get(f"/engagements/{known_round}")
    consultant.post(f"/engagements/{known_round}/rounds")
    best, worst = all_answers(questionnaire, "staff", "best"), all_answers(questionnaire, "staff", "worst")
    seed_responses(app, known_round, "Community management", best, 2, number=2)
    seed_responses(app, known_round, "Community management", worst, 1, number=2)
    executive = all_answers(questionnaire, "executive", "best")
    seed_responses(app, known_round, "Executive committee", executive, 3, number=2)
    result = scores(client, app, known_round, 2)
    weakest, widest, change = result["summary"]
    means = {key: spread["mean"] for key, spread in result["dimensions"].items()}
    assert weakest["kind"] == "weakest_practice"
    assert weakest["figure"] == means[weakest["dimension"]] == min(means.values())
    assert (widest["kind"], widest["figure"]) == ("widest_gap", result["gaps"][0]["difference"])
    everyone = result["progress"][0]
    assert everyone["group"] == "all" and change["kind"] == "largest_change"
    assert change["figure"] == everyone["dimensions"][change["dimension"]]["change"]
    page = consultant.get(f"/engagements/{known_round}/rounds/2/report").get_data(as_text=True)
    summary = page.split('id="summary-title"')[1].split("</section>")[0]
    practice = questionnaire.dimension(weakest["dimension"]).title.en
    assert f"The weakest practice is {practice}: {weakest['figure']:.1f} out of 100" in summary


def test_a_change_inside_the_noise_band_reads_no_clear_change(app, client, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Initech", GROUPS)
    best, worst = all_answers(questionnaire, "staff", "best"), all_answers(questionnaire, "staff", "worst")
    seed_responses(app, engagement_id, "Community management", best, 2)
    seed_responses(app, engagement_id, "Community management", worst, 2)
    consultant.get(f"/engagements/{engagement_id}")
    consultant.post(f"/engagements/{engagement_id}/rounds")
    seed_responses(app, engagement_id, "Community management", best, 2, number=2)
    seed_responses(app, engagement_id, "Community management", worst, 1, number=2)  # 50 -> 66.7, sd ~ 50
    progress = scores(client, app, engagement_id, 2)["progress"]
    group = progress[1]
    assert group["change"] == pytest.approx(16.67, abs=0.01) and abs(group["change"]) < group["noise"]
    assert group["clear"] is False and group["respondents_changed"] is False
    page = consultant.get(f"/engagements/{engagement_id}/rounds/2/report").get_data(as_text=True)
    table = page.split("Overall score by group")[1].split("</table>")[0]
    # the change and its noise band are shown, its verdict is "no clear change", and nothing colours it a rise
    noise = f"±{group['noise']:.1f}"
    assert f'<td class="steady">+16.7</td><td class="noise">{noise}</td>' in table
    assert '<td class="steady verdict">no clear change</td>' in table and 'class="up"' not in table
    assert group["verdict"] == "no clear change"


def test_the_report_speaks_french_with_french_numbers(app, consultant, known_round):
    page = consultant.get(f"/engagements/{known_round}/rounds/1/report?lang=fr").get_data(as_text=True)
    summary = page.split('id="summary-title"')[1].split("</section>")[0]
    assert "Synthèse" in page and "La pratique la plus faible est" in summary and "sur 100" in summary
    assert "66,7" in page and "2 sur 3" in page and "écarts" not in summary
    assert "Executive committee et Community management voient" in summary


def test_the_demo_fills_an_empty_database_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert re.search(r"sign in at http://127.0.0.1:5000/login as \S+@\S+, password \S{12,}", first.output)
    assert re.search(r"Candidate \(French\), private link: http://127.0.0.1:5000/r/[\w-]{32,}/report", first.output)
    assert re.search(r"Executive \(English\), private link: http://127.0.0.1:5000/r/[\w-]{32,}/report", first.output)
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 2 and again.output.count("\n") == 1 and "not empty" in again.output


def test_the_demo_engagement_is_varied_and_keeps_legal_anonymous(app, client, browser):
    from survey.store.models import Consultant

    output = app.test_cli_runner().invoke(args=["demo"]).output
    email, password = re.search(r"as (\S+), password (\S+)", output).groups()
    login(browser, email, password)
    with app.app_context():
        owner = db.session.query(Consultant).filter_by(email=email).one()
        engagement = owner.engagements[0]
        engagement_id, language = engagement.id, engagement.language
        names = {group.name: str(group.id) for group in engagement.groups}
    assert language == "fr" and len(names) == 4
    with app.app_context():
        from survey.store.accounts import create_api_token

        token = create_api_token(db.session.get(Consultant, owner.id), "test")
    headers = {"Authorization": f"Bearer {token}"}
    for number in (1, 2):
        result = client.get(f"/api/v1/engagements/{engagement_id}/rounds/{number}/scores", headers=headers).json
        groups = {group["name"]: group for group in result["groups"]}
        assert groups["Comité de direction"]["overall"] > groups["Community management"]["overall"] + 15
        assert "Juridique" in result["merged_groups"] and not result["merged_shown"]
        assert f"'{names['Juridique']}'" not in repr({key: result[key] for key in SYNTHESIS})
        spreads = [spread["stdev"] for spread in result["dimensions"].values()]
        assert min(spreads) > 5  # respondents disagree
    assert [row["group"] for row in result["progress"]][0] == "all" and len(result["progress"]) == 4
    changed = {row["name"]: row["respondents_changed"] for row in result["progress"][1:]}
    assert changed == {"Comité de direction": False, "Communication et marketing": True, "Community management": False}
    # The report opens in the engagement's French; the consultant may read it in English
    page = browser.get(f"/engagements/{engagement_id}/rounds/2/report?lang=en").get_data(as_text=True)
    progress = page.split("Overall score by group")[1].split("</table>")[0]
    assert progress.count("changed a lot: compare with care") == 1 and "6 → 3" in progress
    comments = re.findall(r"<li>([^<]+)</li>", page.split('id="comments-title"')[1])
    assert len(comments) >= 8 and len(set(comments)) == len(comments)


def test_recommendations_carry_the_improvement_items_and_their_share(
    app, client, consultant, known_round, questionnaire
):
    result = scores(client, app, known_round, 1)
    items = result["recommendations"]
    # 3 community managers and 1 executive answered every question at its worst (a high risk), 2 executives
    # at its best, Legal at its best: 4 of the 7 who answered each question.
    assert items and all((item["respondents"], item["answered"], item["share"]) == (4, 7, 0.5714) for item in items)
    first = items[0]
    improvement = questionnaire.questions_by_id[first["question"]].improvement
    assert (first["owner"], first["effort"], first["horizon_days"]) == (
        improvement.owner,
        improvement.effort,
        improvement.horizon_days,
    )
    assert first["action"] == improvement.action.model_dump() and first["risk"] == "high"
    assert [item["horizon_days"] for item in items] == sorted(item["horizon_days"] for item in items)
    page = consultant.get(f"/engagements/{known_round}/rounds/1/report").get_data(as_text=True)
    shown = page.split('id="recommendations-title"')[1].split("</section>")[0]
    assert improvement.action.en in shown and "4 of 7 respondents (57%)" in shown
    assert shown.count('<li class="recommendation') == 8 and "more items, less pressing" in shown
    assert (
        f"{len(items) - 8} more items, less pressing, are in the workbook (Excel), the JSON export and the API."
        in shown
    )
