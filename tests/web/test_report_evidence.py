"""No verdict or plan beyond its evidence, in every format (issue 23, part C): the priorities computed by
the scoring in report.json, the API and its schema, the page and the PDF's board page; the 10-minute
version's verdict basis; the page's confidence words in the JSON; French numbers (both databases)."""

from __future__ import annotations

import html
import io
import re

from pypdf import PdfReader

from survey.domain.questionnaire.scoring import score_answers
from tests.web.journey import answer_everything, start


def mixed_executive_sheet(questionnaire):
    """Cycles through the choices (worst to best) with a "don't know" now and then: risks of every kind."""
    answers = {}
    for index, question_id in enumerate(questionnaire.applicable_question_ids("executive")):
        question = questionnaire.questions_by_id[question_id]
        answers[question_id] = "dont_know" if index % 7 == 6 else question.choices[index % len(question.choices)].value
    return {"profile": "executive", "organisation": "Globex", "answers": answers}


def expected_gain(questionnaire, answers, question_id):
    """What the scoring itself says moving this answer to its question's top choice brings."""
    question = questionnaire.questions_by_id[question_id]
    dimension = questionnaire.dimension_of_question[question_id].id
    top = max(question.choices, key=lambda choice: choice.score).value
    before = score_answers(questionnaire, "executive", answers)
    after = score_answers(questionnaire, "executive", {**answers, question_id: top})
    return (
        round(after.dimension(dimension).score - before.dimension(dimension).score, 1),
        round(after.score - before.score, 1),
    )


def test_api_priorities_are_the_plans_top_three_by_the_gain_the_scoring_computes(client, questionnaire):
    sheet = mixed_executive_sheet(questionnaire)
    found = client.post("/api/v1/score", json=sheet).json
    priorities = found["priorities"]
    assert len(priorities) == 3
    fields = {"question", "dimension", "action", "owner", "effort", "horizon_days", "gain_points", "gain_overall"}
    assert all(fields <= set(item) for item in priorities)
    planned = {item["question"]: item for item in found["plan"]}
    for item in priorities:
        assert item["question"] in planned and item["action"] == planned[item["question"]]["action"]
        assert (item["gain_points"], item["gain_overall"]) == expected_gain(
            questionnaire, sheet["answers"], item["question"]
        )
    every_gain = sorted((expected_gain(questionnaire, sheet["answers"], q)[1] for q in planned), reverse=True)
    assert [item["gain_overall"] for item in priorities] == every_gain[:3]  # ranked by gain_overall, the largest
    name = questionnaire.dimension(priorities[0]["dimension"]).title.en
    assert (
        priorities[0]["gain_text"]
        == f"+{priorities[0]['gain_points']:.1f} points on {name}, +{priorities[0]['gain_overall']:.1f} overall"
    )
    french = client.post("/api/v1/score?lang=fr", json=sheet).json["priorities"][0]["gain_text"]
    assert re.fullmatch(r"\+\d+,\d points pour «\u202f.+\u202f», \+\d+,\d au score global", french)  # Babel’s comma


def test_api_schema_describes_priorities_and_the_pages_confidence_words(client, questionnaire):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    findings = schemas["Findings"]["properties"]
    assert set(findings["priorities"]["items"]["properties"]) >= {"gain_points", "gain_overall", "horizon_days"}
    assert findings["dimensions"]["items"]["properties"]["confidence"]["enum"] == ["low", "sufficient"]
    found = client.post("/api/v1/score", json=mixed_executive_sheet(questionnaire)).json
    assert {d["confidence"] for d in found["dimensions"]} <= {"low", "sufficient"}


def quick_sheet(questionnaire):
    """The 10-minute version, best answers, but "don't know" to one of the two quick questions of Autonomy and
    Budget, both rated 5/5: each rests on a single answer."""
    short = questionnaire.ten_minute_version
    answers = {q: short.questions_by_id[q].choices[-1].value for q in short.applicable_question_ids("candidate")}
    unknown = [short.dimension("autonomy").questions[0], short.dimension("budget").questions[0]]
    answers |= {question.id: "dont_know" for question in unknown}
    importance = {d.id: 3 for d in questionnaire.dimensions} | {"autonomy": 5, "budget": 5}
    return {"profile": "candidate", "quick": True, "answers": answers, "importance": importance}, unknown


def test_ten_minute_verdict_is_capped_by_what_the_candidate_does_not_know_and_says_its_basis(client, questionnaire):
    sheet, unknown = quick_sheet(questionnaire)
    found = client.post("/api/v1/score", json=sheet).json
    verdict = found["verdict"]
    assert verdict["id"] == "ask_before_you_sign"  # "strong fit" on today's main
    assert verdict["basis"] == "From 18 questions: confirm at interview."
    for practice, question in zip(("Autonomy and trust", "Budget and resources"), unknown, strict=True):
        wording = question.text_for("candidate").en
        assert any(practice in reason and wording in reason for reason in verdict["reasons"])
    confidence = {d["id"]: d["confidence"] for d in found["dimensions"]}
    assert confidence["autonomy"] == confidence["budget"] == "low"  # one answer each
    kit = [item for item in found["interview_questions"] if item["in_kit"]]
    assert 5 <= len(kit) <= 7
    french = client.post("/api/v1/score?lang=fr", json=sheet).json["verdict"]
    assert french["basis"] == "Sur 18 questions\u202f: à confirmer en entretien."


def test_executive_page_opens_its_plan_with_the_priorities_and_states_each_action_once(browser, questionnaire):
    token = start(browser, "executive", "Globex", "fr")
    answer_everything(browser, questionnaire, token, "executive")
    browser.post(f"/r/{token}/submit")
    data = browser.get(f"/r/{token}/report.json").json
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    plan = page.split('id="plan-title"', 1)[1].split("</section>", 1)[0]
    assert data["priorities"] and plan.index("Priorités") < plan.index("Sous ")
    for item in data["priorities"]:
        assert item["gain_text"] in plan
    advice = page.split('id="dimensions-title"', 1)[1]
    for item in data["plan"]:
        assert plan.count(item["action"]) == 1  # the priorities are not repeated under their horizon
        tip = questionnaire.questions_by_id[item["question"]].tip
        assert tip is None or tip.fr not in advice  # nor in "advice from your answers"
    assert "×1,5" in page and "×1.5" not in page  # French numbers through Babel


def test_executive_pdf_has_a_board_page_with_the_priorities(browser, questionnaire):
    token = start(browser, "executive", "Globex")
    answer_everything(browser, questionnaire, token, "executive")
    browser.post(f"/r/{token}/submit")
    data = browser.get(f"/r/{token}/report.json").json
    pages = [
        re.sub(r"\s+", " ", page.extract_text())
        for page in PdfReader(io.BytesIO(browser.get(f"/r/{token}/report.pdf").data)).pages
    ]
    board = [page for page in pages if "FOR THE BOARD" in page.upper()]
    assert len(board) == 1
    for item in data["priorities"]:
        assert item["gain_text"] in board[0]


def page_fill(page) -> float:
    """How far down the page its text reaches, from 0 (top) to 1 (bottom), the running footer left out."""
    heights = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            heights.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    body = [y for y in heights if y > 60]  # the footer sits in the bottom margin
    return 1 - min(body) / height if body else 0.0


def note_boxes(page) -> int:
    """Rectangles at least 3 cm high: WeasyPrint draws in CSS pixels, 96 to the inch."""
    from pypdf.generic import ContentStream

    three_cm = 30 * 96 / 25.4
    ops = ContentStream(page.get_contents(), page.pdf).operations
    return sum(1 for args, op in ops if op == b"re" and float(args[3]) >= three_cm - 0.01) // 2  # fill and border


def test_candidate_interview_sheet_says_what_to_listen_for_with_room_for_notes(browser, questionnaire):
    token = start(browser, "candidate", "Initech", "fr")
    answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    data = browser.get(f"/r/{token}/report.json").json
    kit = [item for item in data["interview_questions"] if item["in_kit"]]
    assert 5 <= len(kit) <= 7
    reader = PdfReader(io.BytesIO(browser.get(f"/r/{token}/report.pdf").data))
    texts = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    start_page = next(i for i, text in enumerate(texts) if "Personnerencontrée" in text)
    sheet = "".join(texts[start_page:])
    assert "Initech" in sheet and "Dated’entretien" in sheet  # the header: organisation, date, interviewer
    for item in kit:
        assert re.sub(r"\s+", "", item["listen_for"]["good"]) in sheet
        assert re.sub(r"\s+", "", item["listen_for"]["warning"]) in sheet
    assert sum(note_boxes(page) for page in reader.pages[start_page:]) >= len(kit)
    if len(data["interview_questions"]) > len(kit):  # "more questions on the web report": its address
        assert f"http://survey.test/r/{token}/report" in "".join(texts)
    fills = [page_fill(page) for page in reader.pages]
    assert all(fill >= 0.5 for fill in fills[:-1]), fills  # no page more than half empty but the last


def test_executive_pdf_pages_are_never_half_empty_but_the_last(browser, questionnaire):
    token = start(browser, "executive", "Globex", "fr")
    answer_everything(browser, questionnaire, token, "executive")
    browser.post(f"/r/{token}/submit")
    reader = PdfReader(io.BytesIO(browser.get(f"/r/{token}/report.pdf").data))
    fills = [page_fill(page) for page in reader.pages]
    assert all(fill >= 0.5 for fill in fills[:-1]), fills
