"""A candidate's employers side by side, in the reader's language: the page, compare.json and the PDF.

Each employer's report is built by the same code as its own report (report.build_view), with the space's
importance ratings in place of its own, so that the verdicts weigh the practices alike; the domain lines
them up (survey/domain/findings/comparison.py), and this module puts words around it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date

from flask import current_app, render_template
from flask_babel import force_locale, gettext

from survey.documents.charts.radar import RadarSeries, radar_axes
from survey.documents.charts.radar_svg import radar_svg
from survey.documents.pdf.renderer import render_pdf
from survey.documents.respondent.findings_text import reason_text, verdict_titles
from survey.documents.respondent.report import build_view, series_name, sheet_of
from survey.domain.findings.comparison import Comparison, Employer, compare
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import rounded

COMPARISON_PDF_TEMPLATE = "report/comparison_pdf.html"
PDF_STYLESHEET = "css/report.css"


def space_importance(responses: Sequence, stored: Mapping[str, int] | None) -> dict[str, int]:
    """The ratings every employer is weighed by: the space's own once edited, else the first employer's."""
    if stored:
        return {key: int(value) for key, value in stored.items()}
    return dict(responses[0].importance()) if responses else {}


def build_comparison(
    questionnaire: Questionnaire,
    responses: Sequence,
    versions: Mapping[int, int],
    importance: Mapping[str, int],
    lang: str,
) -> tuple[Comparison, list[dict]]:
    """The comparison of `responses` (2 to 4), each at its latest version, and each employer's words."""
    employers, words, names = [], [], set()
    for response in responses:
        sheet = dataclasses.replace(sheet_of(response), importance=dict(importance))
        name = series_name(sheet, lang)
        while name in names:  # two employers of one name still tell apart in the legend
            name += " ·"
        names.add(name)
        view = build_view(questionnaire, sheet, lang, date.today(), name)
        employers.append(Employer(name, versions.get(response.id, 1), view.report))
        words.append({"data": view.data, "quick": sheet.quick})
    return compare(employers, importance), words


def comparison_data(comparison: Comparison, words: list[dict], lang: str) -> dict:
    """What the page and the PDF show, and compare.json returns (its keys are the JSON's)."""
    with force_locale(lang):
        titles = verdict_titles()
        organisations = []
        for employer, said in zip(comparison.employers, words, strict=True):
            data = said["data"]
            reason = employer.first_reason
            organisations.append(
                {
                    "organisation": employer.name,
                    "version": employer.version,
                    "quick": said["quick"],
                    "verdict": {"id": employer.verdict_id, "title": titles.get(employer.verdict_id, "")},
                    "first_reason": reason_text(reason, lang) if reason else None,
                    "overall": rounded(employer.report.card.score),
                    "dimensions": {d["id"]: d["score"] for d in data["dimensions"]},
                    "interview_questions": [
                        {"question": q["question"], "text": q["text"], "dimension_title": q["dimension_title"]}
                        for q in data["interview_questions"]
                        if q["in_kit"]
                    ],
                }
            )
        differences = [
            {
                "dimension": d.dimension.id,
                "title": d.dimension.title.get(lang),
                "best": {"organisation": d.best[0], "score": rounded(d.best[1])},
                "worst": {"organisation": d.worst[0], "score": rounded(d.worst[1])},
                "spread": rounded(d.spread),
            }
            for d in comparison.differences
        ]
    return {"language": lang, "organisations": organisations, "differences": differences}


def comparison_svg(questionnaire: Questionnaire, comparison: Comparison, lang: str) -> str:
    """The employers' radars overlaid: one series each, told apart by colour, marker and dash, with a legend."""
    series = [
        RadarSeries(
            employer.name,
            tuple(f.score.score for f in employer.report.findings),
            tuple(f.low_confidence for f in employer.report.findings),
        )
        for employer in comparison.employers
    ]
    return radar_svg(radar_axes(questionnaire, lang), series, lang)


def comparison_pdf(data: dict, svg: str, lang: str, day: date) -> bytes:
    """The comparison on paper, through the locked-down renderer (our static files only)."""
    with force_locale(lang):
        html = render_template(
            COMPARISON_PDF_TEMPLATE, data=data, svg=svg, lang=lang, day=day, title=gettext("Employers compared")
        )
    return render_pdf(html, current_app.static_folder, (PDF_STYLESHEET,))
