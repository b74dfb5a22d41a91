"""The OpenAPI schemas of a candidate's comparison of employers (GET /r/{space token}/compare.json) and of the
versions of a candidate's answers (report.json's `versions`); see survey/documents/respondent/comparison.py."""

from __future__ import annotations

from survey.api.schema_parts import INTEGER, SCORE, TEXT, nullable, obj

VERDICTS = ("strong_fit", "good_fit", "ask_before_you_sign", "serious_concerns", "not_enough_information")


def comparison_schemas(dimension_ids: tuple[str, ...]) -> dict:
    verdict_id = {"type": "string", "enum": list(VERDICTS)}
    dimension = {"type": "string", "enum": list(dimension_ids)}
    scored = obj({"organisation": TEXT, "score": SCORE})
    organisation = obj(
        {
            "organisation": TEXT,
            "version": {**INTEGER, "description": "The version of its answers compared: the latest"},
            "quick": {"type": "boolean", "description": "Assessed with the 10-minute version"},
            "verdict": obj({"id": nullable(verdict_id), "title": TEXT}),
            "first_reason": nullable(TEXT),
            "overall": SCORE,
            "dimensions": {"type": "object", "additionalProperties": SCORE},
            "interview_questions": {
                "type": "array",
                "items": obj({"question": TEXT, "text": TEXT, "dimension_title": TEXT}),
            },
        }
    )
    comparison = obj(
        {
            "language": TEXT,
            "organisations": {"type": "array", "minItems": 2, "maxItems": 4, "items": organisation},
            "differences": {
                "type": "array",
                "description": "Practices scored for two employers or more, the widest spread (weighted by the "
                "importance ratings) first",
                "items": obj({"dimension": dimension, "title": TEXT, "best": scored, "worst": scored, "spread": SCORE}),
            },
            "importance": {
                "type": "object",
                "description": "The ratings (1 to 5) every employer is weighed by",
                "additionalProperties": INTEGER,
            },
        }
    )
    comparison["description"] = (
        "GET /r/{space token}/compare.json, from the private link of a candidate's comparison space (a "
        "response's own link gives 404): 2 to 4 submitted employers, each at its latest version, in the "
        "reader's language (?lang=)."
    )
    version = obj(
        {
            "number": INTEGER,
            "date": {"type": "string", "format": "date"},
            "verdict": nullable(verdict_id),
            "verdict_title": nullable(TEXT),
            "overall": SCORE,
            "submitted": {"type": "boolean"},
        }
    )
    return {"Comparison": comparison, "ReportVersion": version}


def versions_property() -> dict:
    return {
        "type": "array",
        "description": "Candidates only: every version of the answers, the first first, the latest (this report) last",
        "items": {"$ref": "#/components/schemas/ReportVersion"},
    }
