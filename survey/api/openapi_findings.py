"""The OpenAPI schemas of a respondent's findings: what /score and report.json say beyond the scores."""

from __future__ import annotations

from survey.api.openapi_comparison import comparison_schemas, versions_property
from survey.api.schema_parts import INTEGER, NUMBER, SCORE, TEXT, enum, nullable, obj
from survey.domain.questionnaire.model import Questionnaire


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
