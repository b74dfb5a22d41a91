"""API views: parse, check ownership, call the domain, answer JSON. Every error is {"error": message}."""

from __future__ import annotations

from flask import jsonify, request, url_for

from survey.api import bp, serializers
from survey.api.auth import api_consultant, token_required
from survey.api.openapi import openapi_document
from survey.documents.respondent.findings_text import findings_data
from survey.documents.round.exports import round_json
from survey.documents.round.report import round_synthesis
from survey.documents.round.synthesis_json import synthesis_json
from survey.domain.findings.report import build_report
from survey.domain.questionnaire.answersheet import AnswerSheetError, load_sheets, parse_sheet
from survey.domain.questionnaire.languages import LANGUAGES
from survey.extensions import get_questionnaire
from survey.store.fieldwork.progress import round_progress
from survey.store.round_data import exported_round
from survey.web.access import owned_engagement, owned_round


def error(message: str, status: int):
    return jsonify(error=message), status


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(get_questionnaire(), url_for("api.openapi", _external=True).rsplit("/", 1)[0]))


@bp.post("/score")
def score():
    """An answer sheet in, its scores (as `flask score` prints them) and findings out, texts in ?lang=."""
    questionnaire = get_questionnaire()
    try:
        text = request.get_data(as_text=False).decode("utf-8")
    except UnicodeDecodeError:
        return error("the body must be UTF-8 JSON", 400)
    try:
        sheets, is_list = load_sheets(text)
    except AnswerSheetError as problem:
        return error(str(problem), 400)
    if is_list:
        return error("send one answer sheet (a JSON object), not a list", 422)
    try:
        sheet = parse_sheet(questionnaire, sheets[0])
    except AnswerSheetError as problem:
        return error(str(problem), 422)
    lang = request.args.get("lang", "en")
    if lang not in LANGUAGES:
        return error(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}", 422)
    report = build_report(
        sheet.scored_on(questionnaire), sheet.profile, sheet.answers, sheet.importance, sheet.comments, sheet.quick
    )
    return jsonify(findings_data(report, lang))


@bp.get("/engagements")
@token_required
def engagements():
    return jsonify(engagements=[serializers.engagement_summary(e) for e in api_consultant().engagements])


@bp.get("/engagements/<int:engagement_id>")
@token_required
def engagement(engagement_id: int):
    return jsonify(serializers.engagement_detail(owned_engagement(api_consultant().id, engagement_id)))


@bp.get("/engagements/<int:engagement_id>/rounds")
@token_required
def rounds(engagement_id: int):
    engagement = owned_engagement(api_consultant().id, engagement_id)
    return jsonify(rounds=[serializers.round_summary(r) for r in engagement.rounds])


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>")
@token_required
def round_(engagement_id: int, number: int):
    _, found = owned_round(api_consultant().id, engagement_id, number)
    return jsonify(serializers.round_detail(found, round_progress(found)))


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/scores")
@token_required
def scores(engagement_id: int, number: int):
    """Aggregated scores, with the same anonymity rules as the report."""
    engagement, found = owned_round(api_consultant().id, engagement_id, number)
    result, synthesis = round_synthesis(get_questionnaire(), engagement, found)
    return jsonify({**serializers.aggregate(number, result), **synthesis_json(synthesis)})


@bp.get("/engagements/<int:engagement_id>/rounds/<int:number>/responses")
@token_required
def responses(engagement_id: int, number: int):
    _, found = owned_round(api_consultant().id, engagement_id, number)
    questionnaire = get_questionnaire()
    return jsonify({"round": number, **round_json(questionnaire, exported_round(questionnaire, found))})
