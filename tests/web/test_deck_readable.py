# ruff: noqa: F811 (the fixtures `consultant` and `round_one` come from test_deliverables)
"""The deck as a client reads it from the back of the room: every slide opened with python-pptx, no body
text under 14 pt, no more than ~600 characters of it on a slide (the rest in the notes, which say so),
tables of at most 10 rows; a native bar chart for each highlighted perception gap; a roadmap without an
empty horizon; at most one comment slide per practice; the workbook's comments by practice, with their
group and how they were chosen. Both databases."""

from __future__ import annotations

import re

from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from tests.web.consultant import all_answers, seed_responses
from tests.web.test_deliverables import EXECUTIVES_SAY, GROUPS, HOSTILE, deck, round_one, workbook  # noqa: F401

MIN_SIZE = Pt(14)
MAX_BODY = 650  # "about 600": the fitted text plus a heading or a "more in the workbook" line
MAX_TABLE_ROWS = 11  # a header and ten rows


def is_title(shape) -> bool:
    return shape.is_placeholder and shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def body(slide) -> tuple[str, list]:
    """The slide's body text (titles aside) and the sizes of every run of it."""
    texts, sizes = [], []
    for shape in slide.shapes:
        if is_title(shape):
            continue
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
            sizes.extend(run.font.size for p in shape.text_frame.paragraphs for run in p.runs if run.text.strip())
        if shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    texts.append(cell.text)
                    sizes.extend(r.font.size for p in cell.text_frame.paragraphs for r in p.runs if r.text.strip())
        if shape.has_chart:
            chart = shape.chart
            sizes.append(chart.font.size)
            if chart.has_legend:
                sizes.append(chart.legend.font.size or chart.font.size)
    return "".join(texts), sizes


def check_readable(presentation) -> None:
    for number, slide in enumerate(presentation.slides, 1):
        text, sizes = body(slide)
        title = slide.shapes.title.text if slide.shapes.title else ""
        assert len(text) <= MAX_BODY, f"slide {number} ({title}): {len(text)} characters"
        assert all(size is not None and size >= MIN_SIZE for size in sizes), f"slide {number} ({title}): {sizes}"
        for shape in slide.shapes:
            if shape.has_table:
                assert len(shape.table.rows) <= MAX_TABLE_ROWS, f"slide {number} ({title})"


def test_every_slide_is_readable_and_the_heatmap_holds_on_one(consultant, round_one, questionnaire):
    presentation = deck(consultant, round_one)
    check_readable(presentation)
    titles = [slide.shapes.title.text for slide in presentation.slides]
    heatmaps = [t for t in titles if t.startswith("Carte de chaleur")]
    assert len(heatmaps) == 1
    slide = presentation.slides[titles.index(heatmaps[0])]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    practices = len(questionnaire.dimensions)
    assert len(table.rows) == 1 + practices + 1  # header, a row per practice, the overall score


def test_one_bar_chart_per_highlighted_gap_in_the_engagements_language(consultant, round_one, questionnaire):
    presentation = deck(consultant, round_one)
    charts = [
        (slide, shape.chart)
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    ]
    assert charts, "no gap chart"
    assert len(charts) <= 3  # the highlighted gaps are the widest few
    slide, chart = charts[0]
    title = slide.shapes.title.text
    assert "Comité exécutif 100,0" in title and f"{HOSTILE[0]} 0,0" in title  # both means
    assert [s.name for s in chart.plots[0].series] == ["Comité exécutif", HOSTILE[0]]
    categories = list(chart.plots[0].categories)
    french_labels = {c.label.get("fr") for q in questionnaire.questions_by_id.values() for c in q.choices}
    assert categories and set(categories) <= french_labels | {"Je ne sais pas", "Ne sait pas"}
    shares = [list(s.values) for s in chart.plots[0].series]
    assert all(abs(sum(v) - 1) < 1e-9 for v in shares)  # each group's answers, as shares of that group
    assert max(shares[0]) == 1 and max(shares[1]) == 1  # all the executives on one answer, all the others on another
    assert shares[0].index(1) != shares[1].index(1)
    notes = slide.notes_slide.notes_text_frame.text
    assert "Aussi" in notes  # the gap's other questions
    assert "Juridique" not in notes + title  # a group under the threshold never appears


def test_the_roadmap_leaves_out_an_empty_horizon(consultant, round_one):
    presentation = deck(consultant, round_one)
    slide = next(s for s in presentation.slides if s.shapes.title.text.startswith("Recommandations"))
    headings = [
        sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("Sous")
    ]
    notes = slide.notes_slide.notes_text_frame.text.splitlines()
    horizons = [line.split(":")[0] for line in notes if re.match(r"^\d+: \S", line)]  # those with actions
    assert [re.sub(r"\D", "", h) for h in headings] == horizons and horizons
    columns = [sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("•")]
    assert len(columns) == len(headings)  # every column shown has its actions


def test_comments_one_slide_per_practice_and_the_rest_in_the_notes_and_workbook(
    app, consultant, round_one, questionnaire
):
    long_ones = [
        f"Commentaire {n} : la validation prend trop de temps, il faut trois signatures "
        "et des jours d’attente pour une simple réponse à un client mécontent."
        for n in range(8)
    ]
    staff = all_answers(questionnaire, "staff", "worst")
    for text in long_ones:
        seed_responses(app, round_one, GROUPS[1][0], staff, 1, comment=text)
    presentation = deck(consultant, round_one)
    check_readable(presentation)
    titles = [s.shapes.title.text for s in presentation.slides]
    comment_titles = [t for t in titles if t.startswith("Commentaires")]
    assert len(comment_titles) == len(set(comment_titles)) <= len(questionnaire.dimensions)
    slide = presentation.slides[titles.index(comment_titles[0])]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Pas sur la diapositive" in notes and "dans le classeur" in notes
    sheet = workbook(consultant, round_one)["Commentaires"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("Pratique", "Commentaire", "Groupe", "État")
    comments = [row[1] for row in rows[1:]]
    assert set(long_ones) <= set(comments)  # every one of them, even those not on the slide
    practices = [row[0] for row in rows[1:]]
    assert practices == sorted(practices, key=practices.index)  # grouped: a practice's rows together
    assert all(
        row[2] == HOSTILE[0] and row[3] == "Inclus par défaut, non examiné" for row in rows[1:] if row[1] in long_ones
    )


def test_the_workbook_names_a_small_groups_comment_only_as_not_named(consultant, round_one):
    base = f"/engagements/{round_one}/rounds/1/comments"
    page = consultant.get(base).get_data(as_text=True)
    cards = {text: key for key, text in re.findall(r'id="comment-(\d+)".*?<blockquote>([^<]*)<', page, re.S)}
    lawyer = cards["Moi, la juriste"]
    consultant.post(f"{base}/choices", {"shown": [lawyer], "include": [lawyer], f"text-{lawyer}": "Moi, la juriste"})
    rows = list(workbook(consultant, round_one)["Commentaires"].iter_rows(min_row=3, values_only=True))
    row = next(r for r in rows if r[1] == "Moi, la juriste")
    assert row[2] == "non nommé (petit groupe)" and row[3] == "Choisi par le consultant"
    assert not any(r[2] == "Juridique" for r in rows)
    executives = [r for r in rows if r[1] in EXECUTIVES_SAY]
    assert executives and all(r[2] == "Comité exécutif" for r in executives)


def test_the_export_list_says_which_file_opens_in_excel(consultant, round_one):
    page = consultant.get(f"/engagements/{round_one}/rounds/1/report").get_data(as_text=True)
    assert (
        "Classeur (Excel), langue\u202f: Français" in page and "À ouvrir dans Excel\u202f: le classeur (.xlsx)" in page
    )
    csv = consultant.get(f"/engagements/{round_one}/rounds/1/responses.csv")
    assert csv.mimetype == "text/csv" and b"\r\n" in csv.data  # RFC 4180 line ends, for tools
