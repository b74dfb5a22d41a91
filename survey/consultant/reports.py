"""A round's aggregated report (web page and PDF) and its exports (CSV, JSON). Owner only."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import current_app, g, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.consultant.benchmark_close import round_benchmark, round_portfolio
from survey.consultant.builds import built_or_progress, is_large
from survey.documents.pdf.cache import cached_round_pdf, round_pdf_key
from survey.documents.round.exports import CsvLabels, round_csv, round_json
from survey.documents.round.report import (
    aggregated_radar_series,
    build_round_report,
    logo_data_url,
    progress_radar_series,
    radar,
    round_day,
    round_filename,
    round_synthesis,
)
from survey.documents.round.synthesis_json import synthesis_json
from survey.domain.rounds.aggregate_types import consensus
from survey.extensions import get_questionnaire
from survey.store.benchmark import round_reliability
from survey.store.round_data import exported_round, responses_version
from survey.web.access import owned_round
from survey.web.downloads import download_headers
from survey.web.i18n.locale import current_language, requested_language


def report_context(engagement, round_) -> dict:
    questionnaire = get_questionnaire()
    report = build_round_report(questionnaire, engagement, round_)
    lang = current_language()
    return {
        "engagement": engagement,
        "report": report,
        "consensus": consensus,
        "document_day": round_day(round_),
        "radar_chart": radar(questionnaire, aggregated_radar_series(questionnaire, report.aggregate), lang),
        "progress_chart": radar(questionnaire, progress_radar_series(questionnaire, report), lang),
        "reliability": round_reliability(questionnaire, round_),
        "benchmark": round_benchmark(report, request.args),
        "portfolio": round_portfolio(report, current_user),
    }


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report")
@login_required
def report(engagement_id: int, number: int):
    """In the engagement's language by default (what the client will read); ?lang= shows another."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    if not requested_language():
        g.page_language = engagement.language
    return render_template("consultant/report.html", **report_context(engagement, round_))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report.pdf")
@login_required
def report_pdf(engagement_id: int, number: int):
    """The client's document: in the engagement's language, whatever the consultant's browser speaks."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    with force_locale(engagement.language):
        context = report_context(engagement, round_)
        html = render_template(
            "consultant/report_pdf.html",
            logo_url=logo_data_url(engagement.logo),
            firm_logo_url=logo_data_url(current_user.firm_logo),
            **context,
        )
    name = round_filename(engagement, round_, ".pdf")
    if is_large(responses_version(round_.id)[0]):
        key, payload = round_pdf_key(html, current_app.static_folder), {"html": html, "lang": engagement.language}
        return built_or_progress(key, "pdf", engagement, round_, payload, "application/pdf", name, inline=True)
    pdf = cached_round_pdf(html, current_app.static_folder, round_.id, engagement.language)
    return HttpResponse(pdf, mimetype="application/pdf", headers=download_headers(name, inline=True))


def csv_download(engagement_id: int, number: int, with_labels: bool) -> HttpResponse:
    """A round's CSV; its labels ("Other groups", and the choices with_labels) in the engagement's language."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    questionnaire = get_questionnaire()
    with force_locale(engagement.language):
        labels = CsvLabels(
            other_groups=_("Other groups"),
            lang=engagement.language if with_labels else None,
            dont_know=_("Don't know"),
        )
    body = round_csv(questionnaire, exported_round(questionnaire, round_), labels)
    name = round_filename(engagement, round_, "-responses-labels.csv" if with_labels else "-responses.csv")
    return HttpResponse(body.encode("utf-8"), mimetype="text/csv", headers=download_headers(name))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses.csv")
@login_required
def export_csv(engagement_id: int, number: int):
    return csv_download(engagement_id, number, with_labels=False)


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses-labels.csv")
@login_required
def export_labelled_csv(engagement_id: int, number: int):
    return csv_download(engagement_id, number, with_labels=True)


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses.json")
@login_required
def export_json(engagement_id: int, number: int):
    """The responses, and the synthesis the report shows (summary, gaps, heatmap, progress, recommendations)."""
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    questionnaire = get_questionnaire()
    synthesis = synthesis_json(round_synthesis(questionnaire, engagement, round_)[1])
    responses = round_json(questionnaire, exported_round(questionnaire, round_))
    response = jsonify({"round": number, **responses, **synthesis})
    response.headers.update(download_headers(round_filename(engagement, round_, "-responses.json")))
    return response
