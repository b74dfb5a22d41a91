"""The report page and the PDF scorecard, through the test client."""

from __future__ import annotations

import html
import io
import re

import pytest
from pypdf import PdfReader

from survey.documents.respondent import report as reports
from tests.web.journey import answer_everything, start

HOSTILE = '<img src="http://127.0.0.1:9/x.png"> & <script>alert(1)</script>'


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def normalised(text: str) -> str:
    """PDF text extraction may break lines anywhere: compare without white space."""
    return re.sub(r"\s+", "", text)


@pytest.fixture()
def candidate_token(browser, questionnaire):
    token = start(browser, "candidate", HOSTILE, "fr")
    answer_everything(browser, questionnaire, token, "candidate")
    browser.post(f"/r/{token}/submit")
    return token


def test_report_page_shows_scores_findings_and_chart_data(browser, questionnaire, candidate_token):
    page = browser.get(f"/r/{candidate_token}/report").get_data(as_text=True)
    assert 'id="radar-chart"' in page and 'id="radar-data" type="application/json"' in page.replace(
        '<script type="application/json" id="radar-data">', '<script id="radar-data" type="application/json">'
    )
    assert "<svg" in page.split('id="radar-chart"', 1)[1].split("</div>", 1)[0]  # drawn without any script
    assert "<script>alert(1)</script>" not in page  # the organisation name is escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = html.unescape(page)
    for dimension in questionnaire.dimensions:
        assert dimension.title.fr in text
    assert "Votre kit d’entretien" in text
    assert "Comment est-ce calculé" in text


def test_candidate_report_asks_about_every_question_answered_dont_know(browser, questionnaire):
    token = start(browser, "candidate", "Initech")
    answer_everything(browser, questionnaire, token, "candidate")
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    questions_part = page.split("Your interview kit", 1)[1].split("Practice by practice", 1)[0]
    # answer_everything answers every fifth question "don't know": each becomes a question to ask
    sheet = browser.get(f"/r/{token}/answers.json").json
    dont_know = [q for q, value in sheet["answers"].items() if value == "dont_know"]
    assert dont_know
    for question_id in dont_know:
        assert questionnaire.questions_by_id[question_id].interview.en in questions_part


def test_executive_report_has_an_improvement_plan_not_a_verdict(browser, questionnaire):
    token = start(browser, "executive", "Globex")
    answer_everything(browser, questionnaire, token, "executive")
    page = html.unescape(browser.get(f"/r/{token}/report").get_data(as_text=True))
    assert "Your improvement plan" in page
    assert "Verdict" not in page and "Your interview kit" not in page


def test_report_loads_plotly_only_on_request_never_as_a_blocking_script(browser, candidate_token):
    page = browser.get(f"/r/{candidate_token}/report").get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*\bsrc=[^>]*>", page)
    assert scripts and not [tag for tag in scripts if "plotly" in tag]
    assert all(" defer" in tag or " async" in tag for tag in scripts)
    button = re.search(r'<button[^>]*id="radar-interactive"[^>]*>', page).group(0)
    plotly_url = re.search(r'data-script="([^"]+)"', button).group(1)
    response = browser.client.get(plotly_url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    assert response.cache_control.max_age >= 365 * 24 * 3600
    assert len(response.data) < 1_400_000  # 4.8 MB uncompressed


def test_plotly_only_on_pages_with_a_chart(browser):
    token = start(browser, "executive")
    assert "plotly" not in browser.get(f"/r/{token}/q/validation").get_data(as_text=True)
    assert "plotly" not in browser.get("/").get_data(as_text=True)


def test_pdf_is_an_attachment_with_every_dimension_and_the_organisation(browser, questionnaire, candidate_token):
    response = browser.get(f"/r/{candidate_token}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and re.search(
        r"scorecard-img-src-http-.*-\d{4}-\d\d-\d\d\.pdf", disposition
    )
    text = normalised(pdf_text(response.data))
    for dimension in questionnaire.dimensions:
        assert normalised(dimension.title.fr) in text
    # markup in the organisation name comes out as literal text
    assert normalised("<script>alert(1)</script>") in text


def test_pdf_is_tagged_and_titled_in_the_response_language(browser, candidate_token):
    content = browser.get(f"/r/{candidate_token}/report.pdf").data
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "fr"
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    descriptors = [font["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in fonts]
    assert descriptors and all("/FontFile2" in d or "/FontFile3" in d for d in descriptors)  # embedded
    assert reader.metadata.title == f"Fiche\u202f: {HOSTILE}"  # French: a narrow no-break space before ":"


def test_comment_markup_is_literal_in_the_pdf(browser, questionnaire):
    token = start(browser, "executive", "Umbrella")
    answer_everything(browser, questionnaire, token, "executive")
    question_ids = [q.id for q in questionnaire.dimension("voice").applicable_questions("executive")]
    browser.get(f"/r/{token}/q/voice")
    data = {q: "dont_know" for q in question_ids}
    browser.post(f"/r/{token}/q/voice", {**data, "comment": "<b>bold</b> <a href='x'>link</a>", "action": "next"})
    text = normalised(pdf_text(browser.get(f"/r/{token}/report.pdf").data))
    assert normalised("<b>bold</b> <a href='x'>link</a>") in text


def test_answer_advice_is_on_the_web_report_not_in_the_pdf(browser, questionnaire):
    """The PDF keeps each practice's next step; the advice on each answer stays on the web page. Advice is
    for the organisation: an executive's report has it, a candidate's does not."""
    token = start(browser, "executive", "Globex", "fr")
    answer_everything(browser, questionnaire, token, "executive")
    advice = "Conseils tirés de vos réponses"
    page = browser.get(f"/r/{token}/report").get_data(as_text=True)
    assert advice in page
    assert normalised(advice) not in normalised(pdf_text(browser.get(f"/r/{token}/report.pdf").data))


def test_cached_pdf_is_not_rendered_again(browser, questionnaire, candidate_token, monkeypatch):
    calls = []
    real = reports.render_scorecard_pdf
    monkeypatch.setattr(reports, "render_scorecard_pdf", lambda view: calls.append(view) or real(view))
    first = browser.get(f"/r/{candidate_token}/report.pdf").data
    second = browser.get(f"/r/{candidate_token}/report.pdf").data
    assert first == second and len(calls) == 1
    browser.get(f"/r/{candidate_token}/report.pdf?lang=en")  # another language is another document
    assert len(calls) == 2
    # a changed answer renders a new document
    question = questionnaire.dimension("budget").applicable_questions("candidate")[0]
    browser.get(f"/r/{candidate_token}/q/budget")
    browser.post(f"/r/{candidate_token}/q/budget", {question.id: question.choices[0].value, "action": "back"})
    browser.get(f"/r/{candidate_token}/report.pdf")
    assert len(calls) == 3


def test_erasing_a_response_erases_its_cached_pdf(app, browser, candidate_token):
    from survey.extensions import db
    from survey.store.models import RenderedDocument

    browser.get(f"/r/{candidate_token}/report.pdf")
    browser.get(f"/r/{candidate_token}/delete")
    browser.post(f"/r/{candidate_token}/delete")
    with app.app_context():
        assert db.session.query(RenderedDocument).count() == 0


def overall_score(page: str) -> str:
    return re.search(r'<span class="big">([^<]+)</span>', page).group(1)


def test_report_page_is_built_once_and_follows_a_changed_answer(browser, questionnaire, candidate_token, monkeypatch):
    import survey.respondent.report_routes as routes

    calls = []
    real = routes.build_view
    monkeypatch.setattr(routes, "build_view", lambda *args: calls.append(args) or real(*args))
    first = browser.get(f"/r/{candidate_token}/report").get_data(as_text=True)
    second = browser.get(f"/r/{candidate_token}/report").get_data(as_text=True)
    assert first == second and len(calls) == 1
    english = browser.get(f"/r/{candidate_token}/report?lang=en").get_data(as_text=True)
    assert len(calls) == 2 and "How is this calculated" in english
    # every answer of a dimension moved to its lowest choice: the score shown changes at once
    dimension = questionnaire.dimension("budget")
    lowest = {q.id: min(q.choices, key=lambda c: c.score).value for q in dimension.applicable_questions("candidate")}
    browser.get(f"/r/{candidate_token}/q/budget")
    browser.post(f"/r/{candidate_token}/q/budget", {**lowest, "action": "back"})
    changed = browser.get(f"/r/{candidate_token}/report?lang=en").get_data(as_text=True)
    assert len(calls) == 3 and overall_score(changed) != overall_score(english)
