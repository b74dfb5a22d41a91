"""The OpenAPI 3 document of /api/v1, built from the questionnaire so that its ids and choices are listed."""

from __future__ import annotations

from survey.api.benchmark import benchmark_openapi
from survey.api.openapi_findings import findings_schemas
from survey.api.openapi_synthesis import synthesis_properties
from survey.api.openapi_team import team_data_schema
from survey.api.schema_parts import INTEGER, NUMBER, SCORE, TEXT, TIME, enum, nullable, obj, ref
from survey.domain.questionnaire.languages import LANGUAGES
from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
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
    round_summary = {"number": INTEGER, "opened_at": TIME, "closed_at": TIME, "deadline": TIME}
    group = {"id": INTEGER, "name": TEXT, "profile": TEXT}
    participation = {**group, "invited": INTEGER, "started": INTEGER, "submitted": INTEGER, "target": INTEGER}
    participation |= {"invite_url": nullable(TEXT)}
    return {
        "Error": obj({"error": TEXT}),
        "AnswerSheet": answer_sheet_schema(questionnaire),
        **findings_schemas(questionnaire),
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
        "TeamData": team_data_schema(),
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
                            "profile": nullable(TEXT),
                            "submitted_on": {"type": "string", "format": "date"},
                            "answers": {"type": "object", "additionalProperties": TEXT},
                            "scores": {"type": "object", "additionalProperties": {"type": "number"}},
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
            'are merged into "other groups" (null names), exactly as in the reports. A team survey '
            "gives its data at GET /r/{token}/team.json, keyed by the owner's private link (schema TeamData).",
        },
        "servers": [{"url": server_url}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas(questionnaire),
        },
        "paths": {
            "/score": {
                "post": {
                    "summary": "Score one answer sheet and say what it means (no token needed)",
                    "description": "The scores, each practice's confidence, and the findings the report pages show: "
                    "for a candidate the verdict, red flags, interview questions and points to negotiate; for an "
                    "executive or a team member the improvement plan. Texts are in `lang`. The respondent's own "
                    "report, GET /r/{token}/report.json, returns the same findings (schema Report); a candidate's "
                    "comparison of employers, GET /r/{space token}/compare.json, is schema Comparison.",
                    "security": [],
                    "parameters": [
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "Language of the texts",
                            "schema": {**enum(*LANGUAGES), "default": "en"},
                        }
                    ],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AnswerSheet")}}},
                    "responses": {
                        "200": json_response("The scores and findings", ref("Findings")),
                        "400": ERROR,
                        "422": ERROR,
                    },
                }
            },
            "/benchmark": benchmark_openapi(questionnaire.profile_ids),
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
