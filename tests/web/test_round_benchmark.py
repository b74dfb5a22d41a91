"""The consultant's round report against the benchmark: web page and PDF, the cell the consultant picks, k=10."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from survey.store.benchmark import contribute, read_cell
from tests.web.consultant import all_answers, create_engagement, login, make_consultant, seed_responses

GROUPS = [("Executive committee", "executive"), ("Marketing", "staff")]


@pytest.fixture()
def consultant(app, browser):
    make_consultant(app, "ada@example.com")
    login(browser, "ada@example.com")
    return browser


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
