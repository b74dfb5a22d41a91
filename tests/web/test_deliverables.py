"""The round's deck (.pptx) and workbook (.xlsx), opened as their readers would open them, and the comments
the consultant chooses for them. Both databases."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pypdf import PdfReader

from tests.conftest import Browser
from tests.web.consultant import all_answers, create_engagement, login, make_consultant, seed_responses

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+1", "@SUM(1)", "-2"]
EXECUTIVES_SAY = ["Validation rapide, merci Paul Martin.", "Le budget manque.", "Nous écoutons peu."]
GROUPS = [("Comité exécutif", "executive"), (HOSTILE[0], "staff"), ("Juridique", "staff")]


@pytest.fixture()
def round_one(app, consultant, questionnaire):
    """A French engagement: 3 executives at their best (100), 3 of a hostile-named group at their worst (0),
    1 lawyer (a group under the threshold) at their best; comments from each, some of them hostile."""
    engagement_id = create_engagement(consultant, "Globex", GROUPS, language="fr")
    best = all_answers(questionnaire, "executive", "best")
    for text in EXECUTIVES_SAY:
        seed_responses(app, engagement_id, GROUPS[0][0], best, 1, comment=text)
    for text in HOSTILE[1:]:
        seed_responses(app, engagement_id, GROUPS[1][0], all_answers(questionnaire, "staff", "worst"), 1, comment=text)
    seed_responses(
        app, engagement_id, GROUPS[2][0], all_answers(questionnaire, "staff", "best"), 1, comment="Moi, la juriste"
    )
    return engagement_id


def deck(consultant, engagement_id, number=1):
    response = consultant.get(f"/engagements/{engagement_id}/rounds/{number}/report.pptx")
    assert response.status_code == 200
    assert response.mimetype.endswith("presentationml.presentation")
    return Presentation(io.BytesIO(response.data))


def workbook(consultant, engagement_id, number=1):
    response = consultant.get(f"/engagements/{engagement_id}/rounds/{number}/report.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data))


def slide_texts(presentation) -> list[str]:
    texts = []
    for slide in presentation.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        texts.append("\n".join(parts))
    return texts


def slide_texts_of(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def radar(presentation):
    charts = [
        s.chart
        for slide in presentation.slides
        for s in slide.shapes
        if s.has_chart and s.chart.chart_type == XL_CHART_TYPE.RADAR
    ]
    assert len(charts) == 1
    return charts[0]


def test_the_radar_is_a_native_chart_of_the_reports_figures_in_the_engagements_language(
    consultant, round_one, questionnaire
):
    chart = radar(deck(consultant, round_one))
    assert chart.chart_type == XL_CHART_TYPE.RADAR
    assert list(chart.plots[0].categories) == [d.title.get("fr") for d in questionnaire.dimensions]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert list(series) == ["Comité exécutif", HOSTILE[0], "Tous les répondants"]  # no series for the lawyer
    count = len(questionnaire.dimensions)
    assert series["Comité exécutif"] == [100.0] * count
    assert series[HOSTILE[0]] == [0.0] * count
    assert series["Tous les répondants"] == [round(400 / 7, 1)] * count  # the web report's 57.1


def test_the_deck_hides_what_the_anonymity_rule_hides(consultant, round_one):
    presentation = deck(consultant, round_one)
    texts = slide_texts(presentation)
    tables = [shape.table for slide in presentation.slides for shape in slide.shapes if shape.has_table]
    heat = tables[0]  # a row per practice, a column per group shown
    header = [cell.text for cell in heat.rows[0].cells]
    assert header[1:] == ["Comité exécutif", HOSTILE[0], "Tous les répondants"]
    assert all("Moi, la juriste" not in text for text in texts)  # a small group's comment, left out by default
    assert any("Validation rapide" in text for text in texts)
    notes = [slide.notes_slide.notes_text_frame.text for slide in presentation.slides]
    assert all(note.strip() for note in notes)  # every slide has its figures in its notes
    footers = [shape.text_frame.text for slide in presentation.slides for shape in slide.slide_layout.shapes]
    assert footers.count("Confidentiel — Globex") == len(presentation.slides)  # the running footer of each slide
    assert "57,1" in "\n".join(notes)
    gap = next(  # a slide per highlighted gap, its chart of answers, what was answered in its notes
        slide
        for slide in presentation.slides
        if any(s.has_chart and s.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED for s in slide.shapes)
    )
    gaps = "\n".join([slide_texts_of(gap), gap.notes_slide.notes_text_frame.text])
    assert "Comité exécutif\u202f: «\u202f" in gaps and "3 sur 3" in gaps  # what the executives answered, counted
    assert "Juridique" not in gaps


def test_excluded_comments_are_absent_and_redacted_ones_redacted_everywhere(consultant, round_one):
    page = consultant.get(f"/engagements/{round_one}/rounds/1/comments").get_data(as_text=True)
    assert "Moi, la juriste" in page and "Juridique" not in page.split("<h1")[1]  # shown, never with its group
    ids = dict(re.findall(r'id="comment-(\d+)".*?<blockquote>([^<]*)</blockquote>', page, re.S))
    by_text = {text: int(comment_id) for comment_id, text in ids.items()}
    redact = by_text["Validation rapide, merci Paul Martin."]
    exclude = by_text["@SUM(1)"]
    base = f"/engagements/{round_one}/rounds/1/comments"
    assert (
        consultant.post(
            f"{base}/{redact}", {"decision": "include", "text": "Validation rapide, merci […]."}
        ).status_code
        == 302
    )
    consultant.get(base)
    assert consultant.post(f"{base}/{exclude}", {"decision": "exclude", "text": "@SUM(1)"}).status_code == 302
    consultant.get(base)
    texts = "\n".join(slide_texts(deck(consultant, round_one)))
    assert "Validation rapide, merci […]." in texts and "Paul Martin" not in texts
    assert "@SUM(1)" not in texts
    sheet = workbook(consultant, round_one)["Commentaires"]
    comments = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "Validation rapide, merci […]." in comments and "@SUM(1)" not in comments
    pdf = consultant.get(f"/engagements/{round_one}/rounds/1/report.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Paul Martin" not in text and "merci […]" in text
    page = consultant.get(base).get_data(as_text=True)
    assert "Validation rapide, merci Paul Martin." in page  # the original is kept


def test_the_workbook_writes_numbers_as_numbers_and_people_s_text_as_text(consultant, round_one, questionnaire):
    base = f"/engagements/{round_one}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    book = workbook(consultant, round_one)
    scores = book["Scores"]
    rows = list(scores.iter_rows(min_row=3, max_row=scores.max_row))
    rows = rows[: [row[0].value for row in rows].index(None)]  # the table; the colour key follows a blank row
    assert [row[0].value for row in rows] == ["Comité exécutif", HOSTILE[0], "Tous les répondants"]
    hostile = rows[1][0]
    assert hostile.data_type == "s" and hostile.value == HOSTILE[0]
    assert rows[0][2].data_type == "n" and rows[0][2].value == 100.0
    assert rows[2][2].value == pytest.approx(400 / 7)
    assert scores.freeze_panes == "A3" and scores.auto_filter.ref
    comments = [cell for row in book["Commentaires"].iter_rows(min_row=3) for cell in row[1:]]
    for text in HOSTILE[1:]:
        cell = next(c for c in comments if c.value == text)
        assert cell.data_type == "s"
    assert not any(c.data_type == "f" for sheet in book for row in sheet.iter_rows() for c in row)
    horizons = [row[0] for row in book["Recommandations"].iter_rows(min_row=3, values_only=True)]
    assert set(horizons) <= {30, 90, 180}
    assert page


def test_the_responses_sheet_follows_the_csv_anonymity_rule(app, consultant, round_one, questionnaire):
    sheet = workbook(consultant, round_one)["Réponses"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 6  # the lawyer's row stays home, as in the CSV: a group of one, too small even merged
    groups = sorted({row[0] for row in rows})
    assert "Juridique" not in groups
    csv_text = consultant.get(f"/engagements/{round_one}/rounds/1/responses.csv").get_data(as_text=True)
    assert "Juridique" not in csv_text
    assert all(hasattr(row[2], "year") for row in rows)  # date cells
    assert [row[0] for row in rows].count(HOSTILE[0]) == 3  # a group's name, as text
    cells = list(sheet.iter_rows(min_row=3))
    assert all(row[0].data_type == "s" for row in cells) and not any(c.data_type == "f" for row in cells for c in row)
    assert rows[-1][3] is not None  # the last response's first answer, like the first one's
    seed_responses(app, round_one, GROUPS[0][0], all_answers(questionnaire, "executive", "worst"), 1)
    assert len(list(workbook(consultant, round_one)["Réponses"].iter_rows(min_row=3))) == 7  # a new build


def test_another_consultant_gets_404_on_both_downloads_and_the_comments(app, consultant, round_one):
    from tests.conftest import Browser

    make_consultant(app, "eve@example.com")
    other = Browser(app.test_client())
    login(other, "eve@example.com")
    for suffix in ("report.pptx", "report.xlsx", "comments"):
        assert other.get(f"/engagements/{round_one}/rounds/1/{suffix}").status_code == 404
    page = consultant.get(f"/engagements/{round_one}/rounds/1/comments").get_data(as_text=True)
    comment_id = re.search(r'id="comment-(\d+)"', page).group(1)
    other.get("/engagements")
    response = other.post(
        f"/engagements/{round_one}/rounds/1/comments/{comment_id}", {"decision": "exclude", "text": ""}
    )
    assert response.status_code == 404


def test_a_comment_choice_needs_the_csrf_token(app, consultant, round_one):
    page = consultant.get(f"/engagements/{round_one}/rounds/1/comments").get_data(as_text=True)
    comment_id = re.search(r'id="comment-(\d+)"', page).group(1)
    response = consultant.client.post(
        f"/engagements/{round_one}/rounds/1/comments/{comment_id}", data={"decision": "exclude"}
    )
    assert response.status_code == 400


def test_a_small_group_s_comment_reaches_the_documents_once_the_consultant_includes_it(consultant, round_one):
    assert not any("Moi, la juriste" in text for text in slide_texts(deck(consultant, round_one)))
    base = f"/engagements/{round_one}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    comment_id = re.search(r'id="comment-(\d+)"[^>]*>\s*<input[^>]*>\s*<blockquote>Moi, la juriste<', page).group(1)
    assert (
        consultant.post(f"{base}/{comment_id}", {"decision": "include", "text": "Moi, la juriste"}).status_code == 302
    )
    assert any("Moi, la juriste" in text for text in slide_texts(deck(consultant, round_one)))


def test_the_firm_s_name_and_logo_go_on_the_deck_the_workbook_and_the_pdf(consultant, round_one):
    from tests.web.test_consultant_engagements import image_bytes

    consultant.get("/account/firm")
    response = consultant.post(
        "/account/firm",
        {"firm_name": "Conseil & Associés", "logo": (io.BytesIO(image_bytes("PNG", (90, 30))), "f.png")},
    )
    assert response.status_code == 302
    assert consultant.get("/account/firm/logo").mimetype == "image/png"
    presentation = deck(consultant, round_one)
    title = presentation.slides[0]
    assert "Conseil & Associés" in slide_texts(presentation)[0]
    assert [shape.shape_type for shape in title.shapes].count(13) == 1  # a picture: the firm's (no client logo)
    book = workbook(consultant, round_one)
    assert book.properties.creator == "Conseil & Associés"
    assert book["Scores"]["A1"].value == "Confidentiel — Globex"
    cover = book.worksheets[0]
    assert cover["A4"].value == "Conseil & Associés" and len(cover._images) == 1  # the firm's logo (no client's)
    pdf = PdfReader(io.BytesIO(consultant.get(f"/engagements/{round_one}/rounds/1/report.pdf").data))
    assert any(image.image.size == (90, 30) for page in pdf.pages for image in page.images)
    assert "Conseil & Associés" in pdf.pages[0].extract_text()


def test_a_firm_logo_is_checked_like_a_client_logo(consultant):
    consultant.get("/account/firm")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = consultant.post("/account/firm", {"firm_name": "X", "logo": (io.BytesIO(svg), "logo.png")})
    assert response.status_code == 422 and "PNG or JPEG" in response.get_data(as_text=True)
    assert consultant.get("/account/firm/logo").status_code == 404


def test_a_comment_rewritten_after_its_redaction_goes_back_to_review(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Globex", GROUPS[:1], language="fr")
    best = all_answers(questionnaire, "executive", "best")
    (_, token), *_ = seed_responses(app, engagement_id, GROUPS[0][0], best, 1, comment=EXECUTIVES_SAY[0])
    for text in EXECUTIVES_SAY[1:]:
        seed_responses(app, engagement_id, GROUPS[0][0], best, 1, comment=text)
    base = f"/engagements/{engagement_id}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    comment_id = re.search(r'id="comment-(\d+)"[^>]*>\s*<input[^>]*>\s*<blockquote>Validation rapide', page).group(1)
    redacted = {"decision": "include", "text": "Validation rapide, merci […]."}
    assert consultant.post(f"{base}/{comment_id}", redacted).status_code == 302
    assert "Paul Martin" not in "\n".join(slide_texts(deck(consultant, engagement_id)))

    respondent = Browser(app.test_client())  # the author rewrites the comment, round still open
    dimension = questionnaire.dimension("autonomy")
    respondent.get(f"/r/{token}/q/autonomy")
    answers = {q.id: best[q.id] for q in dimension.applicable_questions("executive")}
    rewritten = "Validation rapide, merci Paul Martin et Julie Durand."
    edit = respondent.post(f"/r/{token}/q/autonomy", {**answers, "comment": rewritten, "action": "next"})
    assert edit.status_code == 302

    texts = "\n".join(slide_texts(deck(consultant, engagement_id)))
    assert "Paul Martin" not in texts and "Validation rapide" not in texts  # neither the new words nor the old edit
    sheet = workbook(consultant, engagement_id)["Commentaires"]
    comments = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert not any("Validation rapide" in str(text) for text in comments) and "Le budget manque." in comments
    pdf = consultant.get(f"/engagements/{engagement_id}/rounds/1/report.pdf").data
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Paul Martin" not in pdf_text and "Validation rapide" not in pdf_text and "Le budget manque" in pdf_text

    page = consultant.get(base).get_data(as_text=True)
    assert f"<blockquote>{rewritten}</blockquote>" in page
    assert "To review: edited by the respondent since your choice" in page
    assert "1 comment was rewritten by its author since your choice" in page
    assert "2 comments in the documents" in page
    french = consultant.get(f"{base}?lang=fr").get_data(as_text=True)
    assert "À revoir\u202f: modifié par le répondant depuis votre choix" in french
    consultant.get(f"{base}?lang=en")

    stale = {**redacted, "seen": "0" * 32}  # a choice made on the page as it was before the rewrite
    assert consultant.post(f"{base}/{comment_id}", stale).status_code == 302
    assert "the respondent has just rewritten this comment" in consultant.get(base).get_data(as_text=True)
    assert "Validation rapide" not in "\n".join(slide_texts(deck(consultant, engagement_id)))
    seen = re.search(rf'id="comment-{comment_id}".*?name="seen" value="(\w+)"', page, re.S).group(1)
    again = {"decision": "include", "text": "Validation rapide, merci […] et […].", "seen": seen}
    assert consultant.post(f"{base}/{comment_id}", again).status_code == 302
    texts = "\n".join(slide_texts(deck(consultant, engagement_id)))
    assert "Validation rapide, merci […] et […]." in texts and "Paul Martin" not in texts
    assert "To review" not in consultant.get(base).get_data(as_text=True)


def test_the_deck_and_the_workbook_download_with_the_pdf_s_name(consultant, round_one):
    day = consultant.get(f"/engagements/{round_one}/rounds/1/report.pdf").headers["Content-Disposition"]
    stem = re.search(r'filename="(globex-round-1-\d{4}-\d{2}-\d{2})\.pdf"', day).group(1)
    for suffix in ("pptx", "xlsx"):
        response = consultant.get(f"/engagements/{round_one}/rounds/1/report.{suffix}")
        assert response.headers["Content-Disposition"] == f'attachment; filename="{stem}.{suffix}"'


@pytest.fixture()
def noisy_progress(app, consultant, questionnaire):
    """Round 1: a hostile-named group of 4 split 2 best, 2 worst (50); round 2: 2 best, 1 worst (66.7), a move of
    16.7 points well inside its noise (standard deviations of about 50 on 3 and 4 people)."""
    engagement_id = create_engagement(consultant, "Initech", GROUPS, language="fr")
    best, worst = all_answers(questionnaire, "staff", "best"), all_answers(questionnaire, "staff", "worst")
    seed_responses(app, engagement_id, GROUPS[1][0], best, 2)
    seed_responses(app, engagement_id, GROUPS[1][0], worst, 2)
    consultant.get(f"/engagements/{engagement_id}")
    consultant.post(f"/engagements/{engagement_id}/rounds")
    seed_responses(app, engagement_id, GROUPS[1][0], best, 2, number=2)
    seed_responses(app, engagement_id, GROUPS[1][0], worst, 1, number=2)
    return engagement_id


def test_a_move_inside_the_noise_is_no_rise_on_the_deck_nor_in_the_workbook(consultant, noisy_progress):
    presentation = deck(consultant, noisy_progress, 2)
    progress = [s for s in presentation.slides if s.shapes.title.text_frame.text.startswith("Progrès depuis")]
    table = next(shape.table for shape in progress[0].shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Pratique", "Vague 1", "Vague 2", "Évolution", "Bruit", "Verdict"]
    assert rows[-1][0] == "Global" and rows[-1][3] == "+16,7" and rows[-1][4].startswith("±")
    assert {row[5] for row in rows[1:]} == {"pas de changement net"}  # never a rise, whatever the sign
    groups = [s for s in presentation.slides if s.shapes.title.text_frame.text.startswith("Évolution par groupe")]
    cells = [c.text for shape in groups[0].shapes if shape.has_table for row in shape.table.rows for c in row.cells]
    assert cells[1] == HOSTILE[0] and all(c.endswith("· pas de changement net") for c in cells[3::2])
    sheet = workbook(consultant, noisy_progress, 2)["Évolution"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    overall = next(row for row in rows if row[:2] == ("Tous les répondants", "Global"))
    assert overall[4] == pytest.approx(50 / 3) and overall[5] > overall[4] and overall[6] == "pas de changement net"
    assert {row[6] for row in rows if row[0] == HOSTILE[0]} == {"pas de changement net"}


def test_the_heatmap_colours_follow_the_level_bands_with_a_legend_in_the_deck_and_the_workbook(
    consultant, round_one, questionnaire
):
    """100 is the top level's colour, 0 the bottom's, 57.1 the level it falls in, as on the web page."""
    presentation = deck(consultant, round_one)
    heat = next(s for s in presentation.slides if s.shapes.title.text_frame.text.startswith("Carte de chaleur"))
    table = next(shape.table for shape in heat.shapes if shape.has_table)
    first_practice = list(table.rows)[1]  # a row per practice, a column per group then all respondents (issue 25)
    fills = [str(cell.fill.fore_color.rgb) for cell in list(first_practice.cells)[1:]]
    assert fills == ["EEF7EA", "7F1D1D", "EAB04A"]  # .heat-4, .heat-0 and .heat-2 (57.1: Structuré) of the web page
    texts = [shape.text_frame.text for shape in heat.shapes if shape.has_text_frame]
    assert all(f"{level.name.fr} (à partir de {level.min:g})" in texts for level in questionnaire.levels)
    sheet = workbook(consultant, round_one)["Scores"]
    rules = [rule for formatting in sheet.conditional_formatting for rule in formatting.rules]
    thresholds = sorted((rule.formula[0], str(rule.dxf.fill.fgColor.rgb)[-6:]) for rule in rules)
    assert [t[1] for t in thresholds] == ["7F1D1D", "B4471F", "EAB04A", "B5D9A7", "EEF7EA"]
    assert [f"{level.min:g})" for level in questionnaire.levels] == [t[0].rsplit(">=", 1)[1] for t in thresholds]
    legend = [row[0] for row in sheet.iter_rows(min_row=7, values_only=True) if row[0]]
    assert legend[0] == "Légende des couleurs" and legend[1] == f"{questionnaire.levels[0].name.fr} (à partir de 0)"
