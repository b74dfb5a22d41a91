"""What the reports say, drawn from the answers: the candidate's verdict, red flags and interview kit, the
executive's plan, confidence markers, on the page, in the PDF and as report.json (both databases)."""

from __future__ import annotations

import html
import io
import json
import re

from pypdf import PdfReader

from tests.web.journey import answer_everything, start


def pdf_pages(content: bytes) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def section(page: str, start_id: str, end_marker: str) -> str:
    return page.split(f'id="{start_id}"', 1)[1].split(end_marker, 1)[0]


def high_risk_answers(questionnaire, answers):
    for question_id, value in answers.items():
        choice = questionnaire.questions_by_id[question_id].choices_by_value.get(value)
        if choice is not None and choice.risk == "high":
            yield questionnaire.questions_by_id[question_id], choice


def test_candidate_report_opens_with_the_verdict_then_red_flags_quoting_the_answers(browser, questionnaire):
    token = start(browser, "candidate", "Initech")
    answers = answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    assert page.index('id="verdict-title"') < page.index('id="radar-chart"')
    flags = section(page, "red-flags-title", "</section>")
    risky = list(high_risk_answers(questionnaire, answers))
    assert risky, "the walk gives some high-risk answers"
    for question, choice in risky:
        assert f"You answered “{choice.label.en}”. {question.why.en}" in flags
    assert flags.count("<li>") == len(risky)
    data = browser.get(f"/r/{token}/report.json").json
    assert page.count(data["verdict"]["title"]) >= 1 and 2 <= len(data["verdict"]["reasons"]) <= 3
    for reason in data["verdict"]["reasons"]:
        assert reason in section(page, "verdict-title", "</section>")
    for advice in ("Next step:", "Advice from your answers", "build on them", "Your improvement plan"):
        assert advice not in page  # nothing addressed to the employer


def test_interview_kit_comes_from_dont_know_answers_and_the_pdf_ends_with_a_sheet(browser, questionnaire):
    token = start(browser, "candidate", "Initech", "fr")
    answers = answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    data = browser.get(f"/r/{token}/report.json").json
    assert data["language"] == "fr" and data["plan"] == []
    kit = [item for item in data["interview_questions"] if item["in_kit"]]
    assert 5 <= len(kit) <= 7 and [item["rank"] for item in kit] == list(range(1, len(kit) + 1))
    asked = {item["question"] for item in data["interview_questions"] if item["source"] == "dont_know"}
    assert asked == {q for q, value in answers.items() if value == "dont_know"}
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    for item in data["interview_questions"]:
        assert item["text"] in section(page, "kit-title", "</section>")
    assert "autres questions" in page  # the rest behind "more questions"
    pages = pdf_pages(browser.get(f"/r/{token}/report.pdf").data)
    assert squeezed(data["verdict"]["title"]) in pages[0]  # on the cover
    assert squeezed(data["verdict"]["reasons"][0]) in pages[0]
    # the sheet runs over the last pages: 3 cm of notes per question
    first = next(i for i, page in enumerate(pages) if squeezed("Fiche d’entretien").lower() in page.lower())
    sheet = "".join(pages[first:])
    assert first >= len(pages) - 3 and squeezed("Questions à poser") in sheet
    for number, item in enumerate(kit, start=1):
        assert squeezed(f"{number}. {item['text']}") in sheet
    for point in data["negotiate"][:10]:  # what fits on the page; the rest is in the report
        assert squeezed(point["text"]) in sheet


def test_executive_plan_follows_the_answers_and_holds_the_weakest_practice(browser, questionnaire):
    token = start(browser, "executive", "Globex")
    answers = answer_everything(browser, questionnaire, token, "executive")
    browser.post(f"/r/{token}/submit")
    data = browser.get(f"/r/{token}/report.json").json
    assert data["verdict"] is None and data["red_flags"] == []
    planned = {item["question"] for item in data["plan"]}
    assert {question.id for question, _ in high_risk_answers(questionnaire, answers)} <= planned
    scored = [d for d in data["dimensions"] if d["score"] is not None and d["score"] < 100]
    weakest = min(scored, key=lambda d: d["score"])
    assert weakest["id"] in {item["dimension"] for item in data["plan"]}
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    plan = section(page, "plan-title", "</section>")
    for item in data["plan"]:
        assert item["action"] in plan and item["owner_name"] in plan
    headings = [f"Within {days} days" for days in sorted({item["horizon_days"] for item in data["plan"]})]
    positions = [plan.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Your fit with this employer" not in page and 'id="verdict-title"' not in page


def test_low_confidence_is_marked_on_the_page_the_radar_and_the_pdf(browser, questionnaire):
    token = start(browser, "staff", "Hooli")
    answer_everything(browser, questionnaire, token, "staff")
    voice = [q.id for q in questionnaire.dimension("voice").applicable_questions("staff")]
    browser.get(f"/r/{token}/q/voice")
    best = questionnaire.questions_by_id[voice[0]].choices[-1].value
    form = {**dict.fromkeys(voice, "dont_know"), voice[0]: best, "action": "next"}
    assert browser.post(f"/r/{token}/q/voice", form).status_code == 302
    data = browser.get(f"/r/{token}/report.json").json
    low = [d for d in data["dimensions"] if d["confidence"] == "low"]
    assert [d["id"] for d in low] == ["voice"] and low[0]["answered"] == 1 and low[0]["applicable"] == len(voice)
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    card = page.split('id="dim-voice"', 1)[1].split("</article>", 1)[0]
    assert "Low confidence" in card
    figure = json.loads(page.split('id="radar-data">', 1)[1].split("</script>", 1)[0])
    symbols = figure["data"][0]["marker"]["symbol"]
    voice_index = [d["id"] for d in data["dimensions"]].index("voice")
    assert symbols[voice_index].endswith("-open") and sum(s.endswith("-open") for s in symbols[:-1]) == 1
    text = "".join(pdf_pages(browser.get(f"/r/{token}/report.pdf").data))
    assert squeezed("Low confidence") in text and squeezed("A hollow marker means low confidence") in text


def test_report_json_is_private_like_the_report(browser):
    assert browser.get("/r/not-a-token/report.json").status_code == 404
