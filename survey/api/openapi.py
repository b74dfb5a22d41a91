"""The OpenAPI 3 document of /api/v1, built from the questionnaire so that its ids and choices are listed."""

from __future__ import annotations

from survey.api.openapi_synthesis import synthesis_properties
from survey.api.schema_parts import INTEGER, NUMBER, SCORE, TEXT, TIME, nullable, obj, ref
from survey.domain.questionnaire import DONT_KNOW, Questionnaire
from survey.store.engagements import MAX_ID


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR = json_response("An error, explained", ref("Error"))
AUTH_ERRORS = {"401": ERROR, "404": ERROR}


def path_parameter(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    }


ENGAGEMENT = path_parameter("engagement_id", "An engagement of the token's consultant")
ROUND = path_parameter("number", "A round number: 1, 2...")


def get(summary: str, schema_name: str, *parameters: dict) -> dict:
    return {
        "get": {
            "summary": summary,
            "security": [{"bearer": []}],
            "parameters": list(parameters),
            "responses": {"200": json_response(summary, ref(schema_name)), **AUTH_ERRORS},
        }
    }


def answer_sheet_schema(questionnaire: Questionnaire) -> dict:
    """One shape per profile: each profile answers its own questions (see answersheet.py)."""
    return {"oneOf": [profile_sheet_schema(questionnaire, profile) for profile in questionnaire.profile_ids]}


def profile_sheet_schema(questionnaire: Questionnaire, profile: str) -> dict:
    dimension_ids = [d.id for d in questionnaire.dimensions]
    questions = [q for d in questionnaire.dimensions for q in d.applicable_questions(profile)]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["profile"],
        "properties": {
            "profile": {"type": "string", "enum": [profile]},
            "organisation": nullable(TEXT),
            "answers": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    q.id: {"type": "string", "enum": [c.value for c in q.choices] + [DONT_KNOW]} for q in questions
                },
            },
            "importance": {
                "type": "object",
                "additionalProperties": False,
                "properties": {d: {"type": "integer", "minimum": 1, "maximum": 5} for d in dimension_ids},
            },
            "comments": {
                "type": "object",
                "additionalProperties": False,
                "properties": {d: {"type": "string", "maxLength": 2000} for d in dimension_ids},
            },
        },
    }


def schemas(questionnaire: Questionnaire) -> dict:
    spread = nullable(
        obj({"n": INTEGER, "mean": NUMBER, "min": NUMBER, "max": NUMBER, "stdev": NUMBER, "consensus": nullable(TEXT)})
    )
    dimension_scores = {"type": "object", "additionalProperties": SCORE}
    engagement = {"id": INTEGER, "client_name": TEXT, "language": TEXT, "created_at": TIME}
    round_summary = {"number": INTEGER, "opened_at": TIME, "closed_at": TIME}
    group = {"id": INTEGER, "name": TEXT, "profile": TEXT}
    participation = {**group, "started": INTEGER, "submitted": INTEGER, "invite_url": nullable(TEXT)}
    dimension_card = {"id": TEXT, "score": SCORE, "level": nullable(TEXT), "answered": INTEGER, "applicable": INTEGER}
    return {
        "Error": obj({"error": TEXT}),
        "AnswerSheet": answer_sheet_schema(questionnaire),
        "ScoreCard": obj(
            {
                "overall": obj({"score": SCORE, "level": nullable(TEXT)}),
                "dimensions": {
                    "type": "array",
                    "items": obj(dimension_card),
                },
            }
        ),
        "EngagementList": obj({"engagements": {"type": "array", "items": obj({**engagement, "rounds": INTEGER})}}),
        "Engagement": obj(
            {
                **engagement,
                "has_logo": {"type": "boolean"},
                "groups": {"type": "array", "items": obj(group)},
                "rounds": {"type": "array", "items": obj(round_summary)},
            }
        ),
        "RoundList": obj({"rounds": {"type": "array", "items": obj(round_summary)}}),
        "Round": obj({**round_summary, "groups": {"type": "array", "items": obj(participation)}}),
        "Scores": obj(
            {
                "round": INTEGER,
                "respondents": INTEGER,
                "threshold": INTEGER,
                "has_results": {"type": "boolean"},
                "overall": spread,
                "dimensions": {"type": "object", "additionalProperties": spread},
                "groups": {
                    "type": "array",
                    "items": obj(
                        {
                            "key": TEXT,
                            "name": nullable(TEXT),
                            "members": {"type": "array", "items": TEXT},
                            "responses": INTEGER,
                            "overall": SCORE,
                            "dimensions": dimension_scores,
                        }
                    ),
                },
                "merged_groups": {"type": "array", "items": TEXT},
                "merged_shown": {"type": "boolean"},
                **synthesis_properties(),
            }
        ),
        "Responses": obj(
            {
                "round": INTEGER,
                "questionnaire": obj({"id": TEXT, "version": TEXT}),
                "questions": {"type": "array", "items": TEXT},
                "responses": {
                    "type": "array",
                    "items": obj(
                        {
                            "group": nullable(TEXT),
                            "profile": TEXT,
                            "submitted_at": TIME,
                            "answers": {"type": "object", "additionalProperties": TEXT},
                        }
                    ),
                },
            }
        ),
    }


def openapi_document(questionnaire: Questionnaire, server_url: str) -> dict:
    """The whole document; `server_url` is the API's base (…/api/v1)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Readiness Scorecard API",
            "version": "1",
            "description": "Score answer sheets; read a consultant's engagements, rounds, aggregated scores and "
            "responses with an API token (created on the dashboard). Groups under the anonymity threshold "
            'are merged into "other groups" (null names), exactly as in the reports.',
        },
        "servers": [{"url": server_url}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas(questionnaire),
        },
        "paths": {
            "/score": {
                "post": {
                    "summary": "Score one answer sheet (no token needed)",
                    "security": [],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AnswerSheet")}}},
                    "responses": {
                        "200": json_response("The scores", ref("ScoreCard")),
                        "400": ERROR,
                        "422": ERROR,
                    },
                }
            },
            "/engagements": get("The token owner's engagements", "EngagementList"),
            "/engagements/{engagement_id}": get("One engagement", "Engagement", ENGAGEMENT),
            "/engagements/{engagement_id}/rounds": get("Its rounds", "RoundList", ENGAGEMENT),
            "/engagements/{engagement_id}/rounds/{number}": get(
                "One round: participation and invite links", "Round", ENGAGEMENT, ROUND
            ),
            "/engagements/{engagement_id}/rounds/{number}/scores": get(
                "Aggregated scores and the round's synthesis: summary, gaps with answer shares, heatmap, "
                "progress per group, recommendations",
                "Scores",
                ENGAGEMENT,
                ROUND,
            ),
            "/engagements/{engagement_id}/rounds/{number}/responses": get(
                "Submitted responses, one per respondent", "Responses", ENGAGEMENT, ROUND
            ),
        },
    }
