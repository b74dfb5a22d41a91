"""The schema of a team survey's data, GET /r/{token}/team.json (documents/round/team.py: team_json).

Outside /api/v1: the owner's private link is its only key, so it takes no bearer token; the schema is in
the API's document (components.schemas.TeamData) so that one document describes every JSON the app serves.
"""

from __future__ import annotations

from survey.api.schema_parts import INTEGER, SCORE, TEXT, TIME, nullable, obj

SCORES = {"type": "object", "additionalProperties": SCORE, "description": "Practice id -> score (0-100)"}
SOURCE = {"type": "string", "enum": ["you", "team", "both"]}


def team_data_schema() -> dict:
    """Counts always; team_scores only from the anonymity threshold (absent below it), gaps and plan empty."""
    team_round = obj(
        {
            "number": INTEGER,
            "opened_at": {"type": "string", "format": "date-time"},
            "closed_at": TIME,
            "responses": INTEGER,
            "shown": {"type": "boolean"},
            "team_scores": SCORES,
        },
        ["number", "opened_at", "closed_at", "responses", "shown"],
    )
    gap = obj(
        {
            "dimension": TEXT,
            "self": SCORE,
            "team": SCORE,
            "difference": {**SCORE, "description": "self - team, in points"},
            "questions": {
                "type": "array",
                "items": obj(
                    {
                        "question": TEXT,
                        "self_choice": nullable(TEXT),
                        "team_shares": {
                            "type": "object",
                            "additionalProperties": INTEGER,
                            "description": "Choice value (or dont_know) -> team respondents who gave it",
                        },
                    }
                ),
            },
        }
    )
    plan_item = obj(
        {
            "question": TEXT,
            "dimension": TEXT,
            "action": {"type": "object", "additionalProperties": TEXT, "description": "Language -> text"},
            "owner": TEXT,
            "effort": TEXT,
            "horizon_days": INTEGER,
            "risk": TEXT,
            "quick_win": {"type": "boolean"},
            "from": SOURCE,
            "team_respondents": INTEGER,
            "team_answered": INTEGER,
            "priority": nullable(
                {
                    **INTEGER,
                    "description": "1 to 3: the owner's priorities (what would raise their score most), which "
                    "open the plan; null for the other items",
                }
            ),
        }
    )
    return {
        **obj(
            {
                "team": obj(
                    {
                        "responses": INTEGER,
                        "shown": {"type": "boolean"},
                        "threshold": INTEGER,
                        "target": nullable(INTEGER),
                    }
                ),
                "self": SCORES,
                "team_scores": SCORES,
                "gaps": {"type": "array", "items": gap},
                "plan": {"type": "array", "items": plan_item},
                "rounds": {"type": "array", "items": team_round},
            },
            ["team", "self", "gaps", "plan", "rounds"],
        ),
        "description": "GET /r/{token}/team.json: an executive's (or staff member's) view against their team's, "
        "from the owner's private link only. Below the anonymity threshold only the counts: no team_scores, "
        "gaps and plan empty. No row-level data, ever.",
    }
