"""The OpenAPI schema of a round's synthesis (documents/round/synthesis_json.py), part of the Scores object.

Groups are keys: a role group's id as text, "other" for the merged small groups, "all" for all
respondents. A group under the anonymity threshold appears in none of these.
"""

from __future__ import annotations

from survey.api.schema_parts import INTEGER, NUMBER, SCORE, TEXT, nullable, obj
from survey.domain.rounds.group_progress import VERDICTS

BOOLEAN = {"type": "boolean"}
# The report's words for a change; null where a score is missing in one of the rounds.
VERDICT = {"anyOf": [{"type": "string", "enum": list(VERDICTS)}, {"type": "null"}]}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def mapping(values: dict) -> dict:
    return {"type": "object", "additionalProperties": values}


def synthesis_properties() -> dict:
    """summary, gaps, heatmap, progress, recommendations: what the round report shows, as data."""
    finding = obj(
        {
            "kind": {
                "type": "string",
                "enum": ["weakest_practice", "strongest_practice", "widest_gap", "least_agreement", "largest_change"],
            },
            "dimension": TEXT,
            "figure": NUMBER,
        }
    )
    finding["properties"] |= {"high_group": TEXT, "low_group": TEXT, "previous": SCORE, "current": SCORE}
    finding["properties"]["clear"] = BOOLEAN
    finding["properties"]["verdict"] = VERDICT
    shares = obj({"question": TEXT, "shares": mapping(mapping(INTEGER))})
    question_gap = obj({"id": TEXT, "high": NUMBER, "low": NUMBER, "difference": NUMBER})
    gap = obj(
        {
            "rank": INTEGER,
            "dimension": TEXT,
            "high_group": TEXT,
            "low_group": TEXT,
            "high": NUMBER,
            "low": NUMBER,
            "difference": NUMBER,
            "highlighted": BOOLEAN,
            "questions": array(question_gap),
            "answers": array(shares),
        }
    )
    heat_row = obj(
        {
            "group": TEXT,
            "name": nullable(TEXT),
            "responses": nullable(INTEGER),
            "scores": mapping(SCORE),
            "levels": mapping(nullable(TEXT)),
        }
    )
    change = {
        "previous": SCORE,
        "current": SCORE,
        "change": SCORE,
        "noise": SCORE,
        "clear": BOOLEAN,
        "verdict": VERDICT,
    }
    progress = obj(
        {
            "group": TEXT,
            "name": nullable(TEXT),
            "previous_responses": INTEGER,
            "current_responses": INTEGER,
            "respondents_changed": BOOLEAN,
            **change,
            "dimensions": mapping(obj(change)),
        }
    )
    recommendation = obj(
        {
            "question": TEXT,
            "dimension": TEXT,
            "action": mapping(TEXT),
            "owner": TEXT,
            "effort": {"type": "string", "enum": ["low", "medium", "high"]},
            "horizon_days": INTEGER,
            "risk": {"type": "string", "enum": ["high", "medium"]},
            "quick_win": BOOLEAN,
            "respondents": INTEGER,
            "answered": INTEGER,
            "share": NUMBER,
        }
    )
    return {
        "summary": array(finding),
        "gaps": array(gap),
        "heatmap": array(heat_row),
        "progress": array(progress),
        "recommendations": array(recommendation),
    }
