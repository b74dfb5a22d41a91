"""The round's synthesis as JSON (the API's scores and the round's JSON export): what the report shows.

Groups are named by key (a role group's id as text, or "other" for the merged small groups), as in the
rest of the scores; only groups the report shows appear. Scores are rounded to two decimals.
"""

from __future__ import annotations

from survey.domain.plain_text import xml_text
from survey.domain.rounds.group_progress import GroupProgress, ScoreChange
from survey.domain.rounds.synthesis import Finding, Heatmap, Synthesis


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def synthesis_json(synthesis: Synthesis) -> dict:
    """summary, gaps (with answer shares), heatmap, progress and recommendations."""
    return {
        "summary": [finding(item) for item in synthesis.summary],
        "gaps": [
            {
                "rank": item.rank,
                "dimension": item.gap.dimension_id,
                "high_group": str(item.gap.high.key),
                "low_group": str(item.gap.low.key),
                "high": rounded(item.gap.high.dimensions[item.gap.dimension_id]),
                "low": rounded(item.gap.low.dimensions[item.gap.dimension_id]),
                "difference": rounded(item.gap.difference),
                "highlighted": item.gap.highlighted,
                "questions": [
                    {
                        "id": question.question_id,
                        "high": rounded(question.high),
                        "low": rounded(question.low),
                        "difference": rounded(question.difference),
                    }
                    for question in item.gap.questions
                ],
                "answers": [
                    {"question": answers.question_id, "shares": {str(k): v for k, v in answers.shares().items()}}
                    for answers in item.questions
                ],
            }
            for item in synthesis.gaps
        ],
        "heatmap": heatmap(synthesis.heatmap),
        "progress": [group_progress(row) for row in synthesis.progress],
        "recommendations": [
            {
                "question": item.question_id,
                "dimension": item.dimension_id,
                "action": item.improvement.action.model_dump(),
                "owner": item.improvement.owner,
                "effort": item.improvement.effort,
                "horizon_days": item.improvement.horizon_days,
                "risk": item.risk,
                "quick_win": item.quick_win,
                "respondents": item.respondents,
                "answered": item.answered,
                "share": rounded(item.share, 4),
            }
            for item in synthesis.recommendations
        ],
    }


def finding(item: Finding) -> dict:
    found = {"kind": item.kind, "dimension": item.dimension_id, "figure": rounded(item.figure)}
    if item.gap is not None:
        found |= {"high_group": str(item.gap.high.key), "low_group": str(item.gap.low.key)}
    if item.change is not None:
        found |= {"previous": rounded(item.change.previous), "current": rounded(item.change.current)}
        found["clear"] = item.change.clear
    return found


def heatmap(value: Heatmap | None) -> list[dict]:
    """One entry per group shown, then "all" (all respondents): practice id (and "overall") -> mean."""
    if value is None:
        return []
    rows = [
        {"group": str(group.key), "name": xml_text(group.label), "responses": group.responses}
        | {"scores": {row.dimension_id: rounded(row.cells[index].value) for row in value.rows}}
        for index, group in enumerate(value.groups)
    ]
    everyone = {row.dimension_id: rounded(row.everyone.value) for row in value.rows}
    return [*rows, {"group": "all", "name": None, "responses": None, "scores": everyone}]


def change(item: ScoreChange) -> dict:
    return {
        "previous": rounded(item.previous),
        "current": rounded(item.current),
        "change": rounded(item.change),
        "noise": rounded(item.noise),
        "clear": item.clear,
    }


def group_progress(row: GroupProgress) -> dict:
    """A group's overall score in both rounds (previous, current, change, clear), and each practice's."""
    return {
        "group": str(row.key),
        "name": xml_text(row.label),
        "previous_responses": row.previous_responses,
        "current_responses": row.current_responses,
        "respondents_changed": row.respondents_changed,
        **change(row.overall),
        "dimensions": {item.key: change(item) for item in row.changes[1:]},
    }
