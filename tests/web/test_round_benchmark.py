"""The consultant's round report against the benchmark: web page and PDF, the cell the consultant picks, k=10."""

from __future__ import annotations

import io

from pypdf import PdfReader

from survey.store.benchmark import contribute, read_cell
from tests.web.consultant import all_answers, create_engagement, seed_responses

GROUPS = [("Executive committee", "executive"), ("Marketing", "staff")]


def pool(app, n: int, sector: str, size: str = "50-249", base: int = 30) -> None:
    with app.app_context():
        for i in range(n):
            contribute({"overall": base + i, "strategy": base + 2 * i}, "executive", sector, size)


def round_with_scores(app, consultant, questionnaire) -> int:
    engagement_id = create_engagement(consultant, "Globex", GROUPS)
    for name, profile in GROUPS:
        seed_responses(app, engagement_id, name, all_answers(questionnaire, profile, "best"), 3)
    return engagement_id


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def test_the_round_report_compares_the_round_with_the_cell_the_consultant_picks(app, consultant, questionnaire):
    pool(app, 12, "retail")
    pool(app, 9, "health")
    engagement_id = round_with_scores(app, consultant, questionnaire)
    url = f"/engagements/{engagement_id}/rounds/1/report"

    page = consultant.get(url + "?sector=retail").get_data(as_text=True)
    assert "Compared with the benchmark" in page
    assert "This round (all respondents) against the median of 12 organisations in retail." in page
    with app.app_context():
        overall = read_cell("retail").dimensions["overall"]
    row = page.split('id="round-benchmark-title"')[1].split('<th scope="row">Overall</th>')[1].split("</tr>")[0]
    assert row == f"<td>100</td><td>{overall.p50}</td><td>{overall.p25}–{overall.p75}</td>"
    assert "sector=retail" in page.split(">PDF</a>")[0].rsplit("<a ", 1)[1]  # the PDF keeps the pick

    below = consultant.get(url + "?sector=health").get_data(as_text=True)
    assert "9 so far in health, shown from 10." in below and "against the median" not in below
    whole = consultant.get(url).get_data(as_text=True)
    assert "against the median of 21 organisations in every sector." in whole

    text = pdf_text(consultant.get(f"/engagements/{engagement_id}/rounds/1/report.pdf?sector=retail"))
    assert "This round (all respondents) against the median of 12 organisations in retail." in text
    assert f"Overall 100 {overall.p50} {overall.p25}–{overall.p75}" in text
    assert 'name="sector"' not in text
    text = pdf_text(consultant.get(f"/engagements/{engagement_id}/rounds/1/report.pdf?sector=health"))
    assert "9 so far in health, shown from 10." in text


def test_the_round_benchmark_speaks_french(app, consultant, questionnaire):
    pool(app, 10, "retail")
    engagement_id = round_with_scores(app, consultant, questionnaire)
    page = consultant.get(f"/engagements/{engagement_id}/rounds/1/report?lang=fr&sector=retail").get_data(as_text=True)
    assert "Comparé au référentiel" in page
    assert "Ce tour (tous les répondants) face à la médiane de 10 organisations (la distribution)." in page


# The deck and the workbook -----------------------------------------------------------------------------------


def deliverable(consultant, engagement_id: int, kind: str, query: str = ""):
    from openpyxl import load_workbook
    from pptx import Presentation

    response = consultant.get(f"/engagements/{engagement_id}/rounds/1/report.{kind}{query}")
    assert response.status_code == 200
    return (Presentation if kind == "pptx" else load_workbook)(io.BytesIO(response.data))


def benchmark_slides(presentation) -> list:
    return [s for s in presentation.slides if s.shapes.title and s.shapes.title.text == "Compared with the benchmark"]


def test_the_deck_has_one_readable_benchmark_slide_and_the_workbook_one_sheet(app, consultant, questionnaire):
    from tests.web.test_deck_readable import check_readable

    pool(app, 12, "retail")
    pool(app, 9, "health")
    engagement_id = round_with_scores(app, consultant, questionnaire)
    report = consultant.get(f"/engagements/{engagement_id}/rounds/1/report?sector=retail").get_data(as_text=True)
    assert "report.pptx?sector=retail" in report and "report.xlsx?sector=retail" in report
    with app.app_context():
        cell = read_cell("retail")

    presentation = deliverable(consultant, engagement_id, "pptx", "?sector=retail")
    check_readable(presentation)
    (slide,) = benchmark_slides(presentation)
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "This round (all respondents) against the median of 12 organisations in retail." in texts
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    last = [cell_.text for cell_ in table.rows[len(table.rows) - 1].cells]
    overall = cell.dimensions["overall"]
    assert last == ["Overall", "100", str(overall.p50), f"{overall.p25}–{overall.p75}"]

    below = deliverable(consultant, engagement_id, "pptx", "?sector=health")
    (slide,) = benchmark_slides(below)
    assert not any(shape.has_table for shape in slide.shapes)
    assert "9 so far in health, shown from 10." in [s.text_frame.text for s in slide.shapes if s.has_text_frame]

    book = deliverable(consultant, engagement_id, "xlsx", "?sector=retail")
    assert book.sheetnames.count("Benchmark") == 1
    rows = list(book["Benchmark"].iter_rows(values_only=True))
    assert ("Overall", 100, overall.p50, overall.p25, overall.p75) in rows
    assert any(
        row[0] == "This round (all respondents) against the median of 12 organisations in retail." for row in rows
    )
    rows = list(
        deliverable(consultant, engagement_id, "xlsx", "?sector=health")["Benchmark"].iter_rows(values_only=True)
    )
    assert any(row[0] == "9 so far in health, shown from 10." for row in rows)
    assert not any(row[0] == "Overall" for row in rows)


def test_the_deck_and_workbook_benchmark_speak_the_engagements_french(app, consultant, questionnaire):
    pool(app, 10, "retail")
    engagement_id = create_engagement(consultant, "Globex", GROUPS, language="fr")
    for name, profile in GROUPS:
        seed_responses(app, engagement_id, name, all_answers(questionnaire, profile, "best"), 3)
    presentation = deliverable(consultant, engagement_id, "pptx", "?sector=retail")
    (slide,) = [s for s in presentation.slides if s.shapes.title and s.shapes.title.text == "Comparé au référentiel"]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "Ce tour (tous les répondants) face à la médiane de 10 organisations (la distribution)." in texts
    assert "Référentiel" in deliverable(consultant, engagement_id, "xlsx", "?sector=retail").sheetnames


def test_a_large_rounds_deck_and_workbook_built_in_the_background_keep_the_benchmark_picked(
    app, consultant, questionnaire, monkeypatch
):
    """Above JOBS_MIN_RESPONSES the job worker builds the files: they show the cell picked on the report page,
    as the files built in the request do, and another cell is another file."""
    from tests.web.test_background_builds import run_worker

    monkeypatch.setitem(app.config, "JOBS_MIN_RESPONSES", 1)
    pool(app, 12, "retail")
    pool(app, 9, "health")
    engagement_id = round_with_scores(app, consultant, questionnaire)
    base = f"/engagements/{engagement_id}/rounds/1/report"
    for query in ("?sector=retail", "?sector=health"):
        for kind in ("pptx", "xlsx"):
            assert consultant.get(f"{base}.{kind}{query}").status_code == 202  # the progress page
    assert run_worker(app) == 4
    with app.app_context():
        overall = read_cell("retail").dimensions["overall"]

    (slide,) = benchmark_slides(deliverable(consultant, engagement_id, "pptx", "?sector=retail"))
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    assert [c.text for c in table.rows[len(table.rows) - 1].cells] == [
        "Overall",
        "100",
        str(overall.p50),
        f"{overall.p25}–{overall.p75}",
    ]
    (slide,) = benchmark_slides(deliverable(consultant, engagement_id, "pptx", "?sector=health"))
    assert "9 so far in health, shown from 10." in [s.text_frame.text for s in slide.shapes if s.has_text_frame]

    rows = list(
        deliverable(consultant, engagement_id, "xlsx", "?sector=retail")["Benchmark"].iter_rows(values_only=True)
    )
    assert ("Overall", 100, overall.p50, overall.p25, overall.p75) in rows
    rows = list(
        deliverable(consultant, engagement_id, "xlsx", "?sector=health")["Benchmark"].iter_rows(values_only=True)
    )
    assert any(row[0] == "9 so far in health, shown from 10." for row in rows)
