"""Exports of a round, one row per exported response: CSV (UTF-8 with a BOM, so that Excel reads the
accents right, and pandas too), the same CSV with the choice labels in the engagement's language, and
JSON. Pure code: which rows leave, and in which form, is domain.anonymity's decision (see export_rows).

Headers are stable ids whatever the language: `group`, `profile`, `submitted_on`, one column per
question id, `score_<dimension id>` and `score_overall`. Comments are not exported: next to a group,
they could name their author.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from survey.domain.plain_text import xml_text
from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
from survey.domain.rounds.aggregate import OVERALL
from survey.domain.rounds.export_rows import ExportedResponse

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to a spreadsheet


@dataclass(frozen=True)
class CsvLabels:
    """What the CSV writes for people: "other groups" and, for the labelled CSV, the choices in `lang`."""

    other_groups: str
    lang: str | None = None  # None: choice codes (value, dont_know)
    dont_know: str = ""


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (nor holds a character XML forbids: the
    spreadsheet is XML inside)."""
    text = xml_text(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def score_keys(questionnaire: Questionnaire) -> list[str]:
    return [*(d.id for d in questionnaire.dimensions), OVERALL]


def round_csv(questionnaire: Questionnaire, responses: Iterable[ExportedResponse], labels: CsvLabels) -> str:
    """One row per response: group, profile, submitted_on (a day), the answers, then the scores (0-100, one
    decimal, with a point: machine-readable whatever the language); empty where there is none."""
    question_ids = list(questionnaire.questions_by_id)
    keys = score_keys(questionnaire)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["group", "profile", "submitted_on", *question_ids, *(f"score_{key}" for key in keys)])
    for response in responses:
        writer.writerow(
            [
                spreadsheet_safe(response.group or labels.other_groups),
                response.profile or "",
                response.submitted_on.isoformat(),
                *(answer_cell(questionnaire, q, response.answers.get(q, ""), labels) for q in question_ids),
                *(_decimal(response.scores.get(key)) for key in keys),
            ]
        )
    return out.getvalue()


def answer_cell(questionnaire: Questionnaire, question_id: str, value: str, labels: CsvLabels) -> str:
    """The choice's code, or its label in the labels' language."""
    if labels.lang is None or not value:
        return value
    if value == DONT_KNOW:
        return labels.dont_know
    choice = questionnaire.questions_by_id[question_id].choices_by_value.get(value)
    return spreadsheet_safe(choice.label.get(labels.lang)) if choice else value


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def round_json(questionnaire: Questionnaire, responses: Iterable[ExportedResponse]) -> dict:
    """The JSON export (and the API's): "group" and "profile" are null for rows merged into "other groups"."""
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "questions": list(questionnaire.questions_by_id),
        "responses": [
            {
                "group": xml_text(response.group),
                "profile": response.profile,
                "submitted_on": response.submitted_on.isoformat(),
                "answers": response.answers,
                "scores": {key: round(value, 2) for key, value in response.scores.items()},
            }
            for response in responses
        ],
    }
