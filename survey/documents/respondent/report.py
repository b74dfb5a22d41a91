"""Report assembly and the PDF scorecard: one place builds what both the web page and the PDF show.

The PDF is rendered once per (answers, language, questionnaire version, templates) and kept in
the database, so every app instance serves the same cached bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale, gettext

from survey.documents.charts.radar import RadarAxes, RadarSeries, radar_axes, radar_figure
from survey.documents.charts.radar_svg import radar_html, radar_svg
from survey.documents.fragments import LockedLRU
from survey.documents.pdf.cache import cached_pdf
from survey.documents.pdf.renderer import render_pdf
from survey.documents.respondent.findings_text import findings_data
from survey.domain.findings.report import Report, build_report
from survey.domain.questionnaire.answersheet import AnswerSheet
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import level_for
from survey.extensions import get_questionnaire
from survey.store.models import Response, ResponseReads

PDF_TEMPLATE = "report/scorecard_pdf.html"
PDF_STYLESHEET = "css/report.css"
LINKED_PDFS_KEPT = 64  # candidates' PDFs kept in memory per instance (about 40 KB each)


@dataclass(frozen=True)
class ReportView:
    """A report with what is needed to show it: the sheet it comes from, its language and date."""

    report: Report
    sheet: AnswerSheet
    lang: str
    day: date
    axes: RadarAxes
    series: tuple[RadarSeries, ...]
    data: dict  # the findings in words (findings_text.findings_data): what the page, the PDF and report.json say
    report_url: str | None = None  # the web report's address, printed in the PDF where it points to it
    benchmark: dict | None = None  # the benchmark's figures the report page shows (benchmark_printable), for the PDF

    @property
    def ten_minute_questions(self) -> int | None:
        """How many questions the 10-minute version asked, for the report's mark; None for the full one."""
        if not self.sheet.quick:
            return None
        return len(self.report.questionnaire.applicable_question_ids(self.sheet.profile))

    def figure(self) -> dict:
        level_of = _level_namer(self.report.questionnaire, self.lang)
        return radar_figure(self.axes, list(self.series), self.lang, level_of)

    def svg(self) -> str:
        return radar_svg(self.axes, list(self.series), self.lang)

    def radar_html(self, width_mm: float = 150) -> str:
        """The radar for the PDF: SVG shapes under HTML labels, which WeasyPrint lays out far faster."""
        return radar_html(self.axes, list(self.series), self.lang, width_mm)


def sheet_of(response: Response) -> AnswerSheet:
    """A stored response as an answer sheet (the same shape as answers.json)."""
    stored = response.stored()
    return AnswerSheet(
        profile=response.profile,
        answers=stored.answers,
        organisation=response.organisation,
        importance=stored.importance,
        comments=stored.comments,
        quick=response.quick_version,
    )


def series_name(sheet: AnswerSheet, lang: str) -> str:
    """How the chart names the organisation when the respondent gave no name."""
    if sheet.organisation:
        return sheet.organisation
    with force_locale(lang):
        return gettext("This employer") if sheet.profile == "candidate" else gettext("Your organisation")


def build_view(
    questionnaire: Questionnaire,
    sheet: AnswerSheet,
    lang: str,
    day: date,
    series_name: str,
    report_url: str | None = None,
) -> ReportView:
    questionnaire = sheet.scored_on(questionnaire)
    report = build_report(questionnaire, sheet.profile, sheet.answers, sheet.importance, sheet.comments, sheet.quick)
    scores = tuple(finding.score.score for finding in report.findings)
    low_confidence = tuple(finding.low_confidence for finding in report.findings)
    return ReportView(
        report=report,
        sheet=sheet,
        lang=lang,
        day=day,
        axes=radar_axes(questionnaire, lang),
        series=(RadarSeries(series_name, scores, low_confidence),),
        data=findings_data(report, lang),
        report_url=report_url,
    )


def report_document(view: ReportView) -> dict:
    """report.json and `flask report --json`: who and when, then the findings exactly as the pages show them."""
    questionnaire = view.report.questionnaire
    return {
        "organisation": view.sheet.organisation,
        "language": view.lang,
        "date": view.day.isoformat(),
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "quick": view.sheet.quick,  # the candidate's 10-minute version
        **view.data,
    }


def _level_namer(questionnaire: Questionnaire, lang: str):
    def level_name(score: float | None) -> str:
        level = level_for(questionnaire.levels, score)
        return level.name.get(lang) if level else ""

    return level_name


def file_slug(name: str | None) -> str:
    """`Acmé Co.` -> `acme-co`: ASCII only, so every browser keeps a file name made of it."""
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def pdf_filename(organisation: str | None, day: date) -> str:
    """`scorecard-acme-corp-2026-11-25.pdf`."""
    slug = file_slug(organisation)
    return f"scorecard-{slug + '-' if slug else ''}{day.isoformat()}.pdf"


def scorecard_html(view: ReportView) -> str:
    with force_locale(view.lang):
        return render_template(PDF_TEMPLATE, view=view, report=view.report, data=view.data, lang=view.lang)


def render_scorecard_pdf(view: ReportView) -> bytes:
    return render_pdf(scorecard_html(view), current_app.static_folder, (PDF_STYLESHEET,))


@cache
def templates_digest(template_folder: str, static_folder: str, translations_folder: str) -> str:
    """Changes when a report template, its stylesheet or a translation changes: a deploy invalidates the cache."""
    digest = hashlib.sha256()
    sources = (
        (template_folder, "report/*.html"),
        (static_folder, PDF_STYLESHEET),
        (translations_folder, "*/LC_MESSAGES/*.po"),
    )
    for folder, pattern in sources:
        for path in sorted(Path(folder).glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def cache_key(sheet: AnswerSheet, lang: str, day: date, questionnaire: Questionnaire) -> str:
    """Everything the PDF depends on; computed from the sheet alone, so a cache hit builds no report."""
    payload = {
        "sheet": sheet.as_dict(),
        "lang": lang,
        "day": day.isoformat(),
        "questionnaire": [questionnaire.id, questionnaire.version],
        "templates": templates_digest(
            current_app.template_folder, current_app.static_folder, current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
        ),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def response_document_key(response: ResponseReads, lang: str, day: date) -> str:
    """cache_key() of a stored response, remembered per (response, last update, language, day): every saved
    answer, comment or rating moves updated_at, so the answers are read again only once they may have changed."""
    memo = current_app.extensions.setdefault("document_keys", LockedLRU(size=4096))  # 64-character values
    version = (response.id, response.updated_at, lang, day)
    found = memo.get(version)
    if found is None:
        found = cache_key(sheet_of(response), lang, day, get_questionnaire())
        memo.put(version, found)
    return found


def cached_scorecard_pdf(
    key: str,
    load_sheet: Callable[[], AnswerSheet],
    lang: str,
    day: date,
    response_id: int | None = None,
    report_url: str | None = None,
    benchmark: dict | None = None,
) -> bytes:
    """The PDF stored under `key` (see cache_key) in the shared cache; on a miss, rendered from the sheet
    `load_sheet()` reads, and stored. A PDF that prints `report_url` (a candidate's, whose interview sheet
    points to the web report) holds a private link: it is never stored in the database, which keeps only
    hashes of those links; each instance keeps it in memory instead. `benchmark` (the page's benchmark figures)
    must be part of `key` (see benchmark_key): the pool changes while the answers do not."""

    def render() -> bytes:
        sheet = load_sheet()
        view = build_view(get_questionnaire(), sheet, lang, day, series_name(sheet, lang), report_url)
        return render_scorecard_pdf(replace(view, benchmark=benchmark))

    if report_url is None:
        return cached_pdf(key, render, lang, response_id=response_id)
    memo = current_app.extensions.setdefault("linked_scorecards", LockedLRU(size=LINKED_PDFS_KEPT))
    linked_key = hashlib.sha256(f"{key}\n{report_url}".encode()).hexdigest()
    content = memo.get(linked_key)
    if content is None:
        content = render()
        memo.put(linked_key, content)
    return content
