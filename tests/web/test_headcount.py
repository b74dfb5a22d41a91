"""Headcount: how many people each group has at the client, optionally; participation then shows a response
rate (submitted / headcount) on the round page, the report, its PDF, the deck and the workbook."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from tests.web.consultant import all_answers, create_engagement, login, make_consultant, seed_responses
from tests.web.fieldwork import group_id, round_page


@pytest.fixture()
def engagement(app, browser, questionnaire):
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    engagement_id = create_engagement(browser, "Globex", language="fr")
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 4)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    return engagement_id


def save_headcounts(app, browser, engagement_id: int, **headcounts):
    browser.get(round_page(engagement_id))
    data = {"deadline": "", "reminder_days_before": "", "sender_name": ""}
    for name in ("Executive committee", "Community management", "Legal"):
        group = group_id(app, engagement_id, name)
        data[f"target_{group}"] = "3"
        data[f"headcount_{group}"] = headcounts.get(name.split()[0].lower(), "")
    return browser.post(f"{round_page(engagement_id)}/settings", data)


def test_without_headcounts_no_rate_is_shown(app, browser, engagement):
    assert "Response rate" not in browser.get(round_page(engagement) + "?lang=en").get_data(as_text=True)
    report = browser.get(f"/engagements/{engagement}/rounds/1/report?lang=en").get_data(as_text=True)
    assert "Response rate" not in report


def test_a_headcount_gives_a_response_rate_everywhere(app, browser, engagement):
    assert save_headcounts(app, browser, engagement, executive="8", community="12").status_code == 302
    page = browser.get(round_page(engagement) + "?lang=en").get_data(as_text=True)
    assert "Response rate" in page and "50% (4 of 8)" in page and "25% (3 of 12)" in page
    report = browser.get(f"/engagements/{engagement}/rounds/1/report").get_data(as_text=True)  # French
    table = report.split('class="score-table participation"')[1].split("</table>")[0]
    assert "Taux de réponse" in table and "50\u00a0%" in table and "25\u00a0%" in table
    pdf = browser.get(f"/engagements/{engagement}/rounds/1/report.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Taux de réponse" in text and re.search(r"50\s%", text) and re.search(r"25\s%", text)
    deck = Presentation(io.BytesIO(browser.get(f"/engagements/{engagement}/rounds/1/report.pptx").data))
    slide = next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == "Participation")
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert ["Executive committee", "4", "8", "50\u00a0%"] in cells and ["Legal", "0", "—", "—"] in cells
    book = load_workbook(io.BytesIO(browser.get(f"/engagements/{engagement}/rounds/1/report.xlsx").data))
    sheet = book["Participation"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Executive committee"][1:] == (4, 4, 8, 0.5) and rows["Legal"][3:] == (None, None)
    assert sheet.cell(3, 5).number_format == "0%"


def test_a_wrong_headcount_is_refused_and_the_next_round_keeps_it(app, browser, engagement):
    answer = save_headcounts(app, browser, engagement, executive="0")
    assert answer.status_code == 422
    assert save_headcounts(app, browser, engagement, executive="8").status_code == 302
    browser.get(f"/engagements/{engagement}/rounds")
    assert browser.post(f"/engagements/{engagement}/rounds").status_code == 302
    field = f'name="headcount_{group_id(app, engagement, "Executive committee")}"'
    page = browser.get(round_page(engagement, 2)).get_data(as_text=True)
    assert re.search(field + r'[^>]*value="8"', page)
