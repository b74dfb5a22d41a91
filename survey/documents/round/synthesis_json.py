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
            improvement_item(item)
            | {"respondents": item.respondents, "answered": item.answered, "share": rounded(item.share, 4)}
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
        found["verdict"] = item.change.verdict
    return found


def improvement_item(item) -> dict:
    """An answer's improvement item as data: the fields a round's recommendation and a team plan item share."""
    return {
        "question": item.question_id,
        "dimension": item.dimension_id,
        "action": item.improvement.action.model_dump(),
        "owner": item.improvement.owner,
        "effort": item.improvement.effort,
        "horizon_days": item.improvement.horizon_days,
        "risk": item.risk,
        "quick_win": item.quick_win,
    }


def heatmap(value: Heatmap | None) -> list[dict]:
    """One entry per group shown, then "all" (all respondents): practice id (and "overall") -> mean, and
    -> level id (the heatmap's colour, the same on every document)."""
    if value is None:
        return []
    rows = [
        {"group": str(group.key), "name": xml_text(group.label), "responses": group.responses}
        | heat_scores([row.cells[index] for row in value.rows], value)
        for index, group in enumerate(value.groups)
    ]
    everyone = heat_scores([row.everyone for row in value.rows], value)
    return [*rows, {"group": "all", "name": None, "responses": None, **everyone}]


def heat_scores(cells: list, value: Heatmap) -> dict:
    """A heatmap column: each practice's mean, and the level whose colour the report gives it."""
    keys = [row.dimension_id for row in value.rows]
    return {
        "scores": {key: rounded(cell.value) for key, cell in zip(keys, cells, strict=True)},
        "levels": {key: cell.level_id for key, cell in zip(keys, cells, strict=True)},
    }


def change(item: ScoreChange) -> dict:
    return {
        "previous": rounded(item.previous),
        "current": rounded(item.current),
        "change": rounded(item.change),
        "noise": rounded(item.noise),
        "clear": item.clear,
        "verdict": item.verdict,  # "clear rise", "clear fall", "no clear change": the report's words
    }


def group_progress(row: GroupProgress) -> dict:
    """A group's overall score in both rounds (previous, current, change, noise, clear, verdict), and each
    practice's."""
    return {
        "group": str(row.key),
        "name": xml_text(row.label),
        "previous_responses": row.previous_responses,
        "current_responses": row.current_responses,
        "respondents_changed": row.respondents_changed,
        **change(row.overall),
        "dimensions": {item.key: change(item) for item in row.changes[1:]},
    }
