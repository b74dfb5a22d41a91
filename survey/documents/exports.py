"""Exports of a round, one row per submitted response: CSV (UTF-8 with a BOM, so that Excel reads
the accents right, and pandas too) and JSON. Pure code: the rows come from
round_data.exported_round (domain.export_rows decides which may leave).

The report's anonymity rules hold here too: a group under the threshold is exported under the
"other groups" label, and a round with fewer respondents than the threshold exports no row.
Comments are not exported: next to a group and a time, they could name their author.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from survey.domain.export_rows import ExportedResponse
from survey.domain.questionnaire import Questionnaire

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to a spreadsheet


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def round_csv(questionnaire: Questionnaire, responses: Iterable[ExportedResponse], other_groups: str) -> str:
    """group, profile, submitted_at (UTC), then one column per question id (choice value, dont_know or empty)."""
    question_ids = list(questionnaire.questions_by_id)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["group", "profile", "submitted_at", *question_ids])
    for response in responses:
        writer.writerow(
            [
                spreadsheet_safe(response.group or other_groups),
                response.profile,
                response.submitted_at.strftime("%Y-%m-%d %H:%M:%S"),  # UTC; a format spreadsheets read as a date
                *(response.answers.get(q, "") for q in question_ids),
            ]
        )
    return out.getvalue()


def round_json(questionnaire: Questionnaire, responses: Iterable[ExportedResponse]) -> dict:
    """The JSON export; "group" is null for the groups merged into "other groups"."""
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "questions": list(questionnaire.questions_by_id),
        "responses": [
            {
                "group": response.group,
                "profile": response.profile,
                "submitted_at": response.submitted_at.isoformat(timespec="seconds") + "Z",
                "answers": response.answers,
            }
            for response in responses
        ],
    }
