"""Round exports: one row per response, small groups unnamed, spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from survey.documents.exports import round_csv, round_json, spreadsheet_safe
from survey.domain.export_rows import exported_responses

WHEN = datetime(2026, 3, 1, 9, 30, 5)
ROWS = [
    (1, 10, "executive", WHEN, "v_layers", "one"),
    (1, 10, "executive", WHEN, "v_delay", "dont_know"),
    (2, 10, "executive", WHEN, "v_layers", "none"),
    (3, 10, "executive", WHEN, "l_monitoring", "always"),
    (4, 20, "staff", WHEN, "v_layers", "two"),
]
NAMES = {10: "Board", 20: "Légal"}
SUBMITTED = {10: 3, 20: 1}


def test_rows_become_one_response_each_and_small_groups_lose_their_name():
    responses = list(exported_responses(ROWS, NAMES, SUBMITTED))
    assert [r.group for r in responses] == ["Board", "Board", "Board", None]
    assert responses[0].answers == {"v_layers": "one", "v_delay": "dont_know"}


def test_fewer_than_three_respondents_export_nothing():
    assert list(exported_responses(ROWS[:1], NAMES, {10: 2})) == []


def test_csv_columns_bom_and_accents(mini):
    text = round_csv(mini, exported_responses(ROWS, NAMES, SUBMITTED), other_groups="Autres groupes")
    assert text.startswith("\ufeffgroup,profile,submitted_at,")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["group", "profile", "submitted_at", *mini.questions_by_id]
    assert rows[1][:5] == ["Board", "executive", "2026-03-01 09:30:05", "one", "dont_know"]
    assert rows[4][0] == "Autres groupes" and len(rows) == 5


def test_json_keeps_null_for_small_groups(mini):
    data = round_json(mini, exported_responses(ROWS, NAMES, SUBMITTED))
    assert data["responses"][3]["group"] is None
    assert data["responses"][0]["submitted_at"] == "2026-03-01T09:30:05Z"


def test_formulas_are_defused():
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("Board") == "Board"
