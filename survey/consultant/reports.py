"""A round's aggregated report (web page and PDF) and its exports (CSV, JSON). Owner only."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import current_app, jsonify, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from survey.consultant import bp
from survey.documents.document_cache import cached_round_pdf
from survey.documents.exports import round_csv, round_json
from survey.documents.round_report import (
    aggregated_radar_series,
    build_round_report,
    logo_data_url,
    progress_radar_series,
    radar,
    round_synthesis,
)
from survey.documents.synthesis_json import synthesis_json
from survey.domain.aggregate_types import consensus
from survey.extensions import get_questionnaire
from survey.store.round_data import exported_round
from survey.web.access import owned_round
from survey.web.downloads import download_headers
from survey.web.locale import current_language


def report_context(engagement_id: int, number: int) -> dict:
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    questionnaire = get_questionnaire()
    report = build_round_report(questionnaire, engagement, round_)
    lang = current_language()
    return {
        "engagement": engagement,
        "report": report,
        "consensus": consensus,
        "radar_chart": radar(questionnaire, aggregated_radar_series(questionnaire, report.aggregate), lang),
        "progress_chart": radar(questionnaire, progress_radar_series(questionnaire, report), lang),
    }


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report")
@login_required
def report(engagement_id: int, number: int):
    return render_template("consultant/report.html", **report_context(engagement_id, number))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/report.pdf")
@login_required
def report_pdf(engagement_id: int, number: int):
    context = report_context(engagement_id, number)
    engagement = context["engagement"]
    html = render_template(
        "consultant/report_pdf.html",
        logo_url=logo_data_url(engagement.logo),
        firm_logo_url=logo_data_url(current_user.firm_logo),
        **context,
    )
    pdf = cached_round_pdf(html, current_app.static_folder, context["report"].round.id, current_language())
    name = f"readiness-round-{number}.pdf"
    return HttpResponse(pdf, mimetype="application/pdf", headers=download_headers(name, inline=True))


def round_export(engagement_id: int, number: int):
    _, round_ = owned_round(current_user.id, engagement_id, number)
    return get_questionnaire(), exported_round(round_)


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses.csv")
@login_required
def export_csv(engagement_id: int, number: int):
    questionnaire, responses = round_export(engagement_id, number)
    body = round_csv(questionnaire, responses, other_groups=_("Other groups"))
    name = f"responses-round-{number}.csv"
    return HttpResponse(body.encode("utf-8"), mimetype="text/csv", headers=download_headers(name))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses.json")
@login_required
def export_json(engagement_id: int, number: int):
    """The responses, and the synthesis the report shows (summary, gaps, heatmap, progress, recommendations)."""
    questionnaire, responses = round_export(engagement_id, number)
    engagement, round_ = owned_round(current_user.id, engagement_id, number)
    synthesis = synthesis_json(round_synthesis(questionnaire, engagement, round_)[1])
    response = jsonify({"round": number, **round_json(questionnaire, responses), **synthesis})
    response.headers.update(download_headers(f"responses-round-{number}.json"))
    return response
