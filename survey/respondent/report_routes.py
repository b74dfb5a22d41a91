"""The respondent's report: the web page, the PDF scorecard, the findings and the answer sheet as JSON."""

from __future__ import annotations

import hashlib
from datetime import date

from flask import current_app, g, jsonify, render_template, url_for
from markupsafe import Markup

from survey.documents.fragments import FragmentCache
from survey.documents.respondent.report import (
    build_view,
    cached_scorecard_pdf,
    pdf_filename,
    report_document,
    response_document_key,
    series_name,
    sheet_of,
)
from survey.documents.respondent.versions import version_history
from survey.domain.questionnaire.model import CANDIDATE
from survey.extensions import get_questionnaire
from survey.respondent import bp
from survey.respondent.benchmark_routes import benchmark_panel, benchmark_printable, benchmark_section
from survey.respondent.context import current_response
from survey.respondent.space_routes import space_panel
from survey.store.models import utcnow
from survey.store.spaces import response_versions
from survey.store.team_surveys import can_ask_team, team_survey_of
from survey.web.downloads import download_headers
from survey.web.i18n.locale import current_language

REPORT_BODY = "report/_page_body.html"


@bp.get("/r/<token>/report")
def report():
    response = current_response()
    ask_team = can_ask_team(response)
    team = team_survey_of(response) if ask_team else None
    return render_template(
        "report/report.html",
        body=report_body(response),
        ask_team=ask_team,
        team=team,
        space=space_panel(response),
        benchmark=benchmark_section(response),
    )


@bp.get("/r/<token>/report.pdf")
def report_pdf():
    response = current_response()
    day = report_day(response)
    lang = current_language()
    benchmark, benchmark_key = benchmark_printable(benchmark_panel(response, page=False))
    key = response_document_key(response, lang, day)
    if benchmark_key:  # the key stays 64 characters, as the cache's column wants
        key = hashlib.sha256(f"{key}\n{benchmark_key}".encode()).hexdigest()
    # a candidate's interview sheet points to the web report, where the rest of the kit is
    link = url_for("respondent.report", _external=True) if response.profile == CANDIDATE else None
    content = cached_scorecard_pdf(key, lambda: sheet_of(response), lang, day, response.id, link, benchmark)
    headers = download_headers(pdf_filename(response.organisation, day))
    return current_app.response_class(content, mimetype="application/pdf", headers=headers)


@bp.get("/r/<token>/report.json")
def report_json():
    """What the report says, as data: the same findings the page and the PDF show, in the page's language."""
    response = current_response()
    sheet = sheet_of(response)
    lang = current_language()
    view = build_view(get_questionnaire(), sheet, lang, report_day(response), series_name(sheet, lang))
    document = report_document(view)
    if response.profile == "candidate":
        history = version_history(get_questionnaire(), response, response_versions(response.id), lang)
        document["versions"] = [
            {key: value for key, value in version.items() if key != "day"} for version in history["versions"]
        ]
    return jsonify(document)


@bp.get("/r/<token>/answers.json")
def answers_json():
    """The answer sheet, in exactly the format `flask score` reads."""
    return jsonify(sheet_of(current_response()).as_dict())


def report_day(response) -> date:
    """A report is dated the day it was submitted (today while it is not)."""
    return (response.submitted_at or utcnow()).date()


def report_body(response) -> Markup:
    """The report's body: built and rendered once per answers, language and day, then kept (see fragments.py).
    The key also holds the token (the body links to the response's PDF) and whether it is submitted."""
    lang = current_language()
    day = report_day(response)
    key = (response_document_key(response, lang, day), g.response_token, response.is_submitted)

    def render() -> str:
        sheet = sheet_of(response)
        view = build_view(get_questionnaire(), sheet, lang, day, series_name(sheet, lang))
        radar = Markup(view.svg())  # noqa: S704 - radar_svg escapes every text it draws
        return render_template(
            REPORT_BODY, view=view, report=view.report, data=view.data, figure=view.figure(), radar_svg=radar
        )

    return current_app.extensions.setdefault("report_bodies", FragmentCache()).get_or_render(key, render)
