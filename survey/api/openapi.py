"""The OpenAPI 3 document of /api/v1, built from the questionnaire so that its ids and choices are listed."""

from __future__ import annotations

from survey.api.benchmark import benchmark_openapi
from survey.api.openapi_comparison import comparison_schemas, versions_property
from survey.api.openapi_synthesis import synthesis_properties
from survey.api.openapi_team import team_data_schema
from survey.api.schema_parts import INTEGER, NUMBER, SCORE, TEXT, TIME, nullable, obj, ref
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


def enum(*values) -> dict:
    return {"type": "string", "enum": list(values)}


def findings_schemas(questionnaire: Questionnaire) -> dict:
    """What /score and report.json say beyond the scores (documents/respondent/findings_text.py), ids and words."""
    dimension_ids = enum(*(d.id for d in questionnaire.dimensions))
    question_ids = enum(*questionnaire.questions_by_id)
    quoted = {
        "dimension": dimension_ids,
        "dimension_title": TEXT,
        "question": question_ids,
        "choice": TEXT,
        "question_text": TEXT,
        "answer": TEXT,
    }
    dimension = {
        "id": dimension_ids,
        "title": TEXT,
        "score": SCORE,
        "level": nullable(TEXT),
        "answered": INTEGER,
        "applicable": INTEGER,
        "dont_know": INTEGER,
        "confidence": {
            **enum("low", "sufficient"),
            "description": "low: one question scored, or fewer than half the applicable ones (the page's words)",
        },
    }
    verdicts = ("strong_fit", "good_fit", "ask_before_you_sign", "serious_concerns", "not_enough_information")
    interview_question = {
        "dimension": dimension_ids,
        "dimension_title": TEXT,
        "question": {**question_ids, "description": "The question it comes from (never one answered)"},
        "text": TEXT,
        "rank": {**INTEGER, "description": "1 = ask first"},
        "source": {
            **enum("dont_know", "unanswered", "risky_answer", "verify"),
            "description": "verify: an answer given, to check at interview when the kit would hold fewer than 5",
        },
        "in_kit": {"type": "boolean", "description": "Among the 5 to 7 questions of the kit; else 'more questions'"},
        "because": {**TEXT, "description": "Quotes a question of the same practice (and the answer given)"},
        "listen_for": nullable(obj({"good": TEXT, "warning": TEXT})),
    }
    priority = {
        "question": question_ids,
        "dimension": dimension_ids,
        "dimension_title": TEXT,
        "action": TEXT,
        "owner": TEXT,
        "owner_name": TEXT,
        "effort": enum("low", "medium", "high"),
        "horizon_days": {"type": "integer", "enum": [30, 90, 180]},
        "quick_win": {"type": "boolean"},
        "gain_points": {**NUMBER, "description": "What the practice's score gains when this answer moves to the top"},
        "gain_overall": {**NUMBER, "description": "What the overall score gains then; priorities are ranked by it"},
        "gain_text": TEXT,
        "because": TEXT,
    }
    plan_item = {
        **quoted,
        "action": TEXT,
        "owner": TEXT,
        "owner_name": TEXT,
        "effort": enum("low", "medium", "high"),
        "horizon_days": {"type": "integer", "enum": [30, 90, 180]},
        "risk": enum("high", "medium", "none"),
        "quick_win": {"type": "boolean"},
    }
    findings = {
        "profile": enum(*questionnaire.profile_ids),
        "overall": obj({"score": SCORE, "level": nullable(TEXT)}),
        "dimensions": {"type": "array", "items": obj(dimension)},
        "verdict": nullable(
            obj(
                {
                    "id": enum(*verdicts),
                    "title": TEXT,
                    "reasons": {"type": "array", "items": TEXT},
                    "basis": {**nullable(TEXT), "description": "The 10-minute version: how many questions"},
                }
            )
        ),
        "red_flags": {"type": "array", "items": obj({**quoted, "text": TEXT})},
        "interview_questions": {"type": "array", "items": obj(interview_question)},
        "negotiate": {"type": "array", "items": obj({**quoted, "text": TEXT})},
        "for_you": {"type": "array", "items": obj({"dimension": dimension_ids, "title": TEXT, "text": TEXT})},
        "plan": {"type": "array", "items": obj(plan_item)},
        "priorities": {
            "type": "array",
            "items": obj(priority),
            "description": "The plan's top 3 items, ranked by gain_overall (executives and staff)",
            "maxItems": 3,
        },
    }
    report = {
        "organisation": nullable(TEXT),
        "language": TEXT,
        "date": {"type": "string", "format": "date"},
        "questionnaire": obj({"id": TEXT, "version": TEXT}),
        "quick": {"type": "boolean", "description": "The candidate's 10-minute version"},
        **findings,
    }
    report_schema = obj(report)
    report_schema["properties"]["versions"] = versions_property()  # not required: candidates only
    return {
        "Findings": obj(findings),
        "Report": report_schema,
        **comparison_schemas(tuple(d.id for d in questionnaire.dimensions)),
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
