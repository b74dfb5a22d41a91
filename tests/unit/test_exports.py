"""Round exports: which rows leave (the anonymity rule), their scores, CSV and JSON shapes, safe cells."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from survey.documents.round.exports import CsvLabels, round_csv, round_json, spreadsheet_safe
from survey.domain.rounds.anonymity import groups_with_shown_comments, row_policy
from survey.domain.rounds.export_rows import exported_responses

BOARD, COMMS, LEGAL, HR = 10, 20, 30, 40
NAMES = {BOARD: "Board", COMMS: "Communication", LEGAL: "Légal", HR: "HR"}
PROFILES = {BOARD: "executive", COMMS: "staff", LEGAL: "staff", HR: "staff"}


def response(response_id, group, answers, when=datetime(2026, 3, 1, 9, 30, 5)):
    """A response's row as the store reads it: its answers gathered by the database into one object."""
    return (response_id, group, PROFILES[group], when, dict(answers))


# Four groups of different sizes whose members disagree: the board is sure approval is quick, the
# community team that it takes days; legal (2 people) and HR (1) are under the threshold of 3.
BEST = {
    "v_layers": "none",
    "v_delay": "minutes",
    "v_budget_line": "yes",
    "l_monitoring": "always",
    "l_feedback": "often",
}
WORST = {"v_layers": "three", "v_delay": "days", "v_budget_line": "no", "l_monitoring": "never", "l_feedback": "never"}
MIXED = {"v_layers": "one", "v_delay": "dont_know", "l_monitoring": "sometimes"}
ROWS = [
    response(1, BOARD, BEST),
    response(2, BOARD, BEST),
    response(3, BOARD, MIXED),
    response(4, BOARD, BEST),
    response(5, COMMS, WORST),
    response(6, COMMS, WORST),
    response(7, COMMS, MIXED),
    response(8, LEGAL, MIXED, datetime(2026, 3, 2, 17, 4, 59)),
    response(9, LEGAL, WORST),
    response(10, HR, BEST),
]
PEOPLE = {BOARD: 4, COMMS: 3, LEGAL: 2, HR: 1}


def exported(mini, people=PEOPLE, rows=ROWS, profiles=PROFILES):
    return list(exported_responses(mini, rows, NAMES, row_policy(mini, people, profiles)))


def test_named_groups_keep_their_name_and_profile_small_groups_merge_without_either(mini):
    responses = exported(mini)
    assert [r.group for r in responses] == ["Board"] * 4 + ["Communication"] * 3 + [None] * 3
    assert [r.profile for r in responses[-3:]] == [None, None, None]  # nothing tells legal from HR
    assert responses[0].profile == "executive"


def test_rows_of_a_small_group_never_leave_while_the_merge_is_under_the_threshold(mini):
    rows = [row for row in ROWS if row[1] != HR]
    responses = exported(mini, {BOARD: 4, COMMS: 3, LEGAL: 2}, rows)
    assert [r.group for r in responses] == ["Board"] * 4 + ["Communication"] * 3
    assert all(r.answers != WORST or r.group for r in responses)  # legal's "worst" answers stay home


def test_the_threshold_counts_people_not_responses(mini):
    # Comms' three responses came from two browsers: two people, so its rows must not leave under its name.
    responses = exported(mini, {BOARD: 4, COMMS: 2, LEGAL: 2, HR: 1})
    assert "Communication" not in {r.group for r in responses}
    assert [r.group for r in responses].count(None) == 6  # comms, legal and HR merged: 5 people


def test_fewer_people_than_the_threshold_in_all_export_nothing(mini):
    assert exported(mini, {BOARD: 2}, ROWS[:2]) == []


def test_merged_rows_keep_only_the_questions_every_merged_profile_is_asked(mini):
    # A candidate is not asked about the budget line: answering it would give an executive away.
    profiles = {**PROFILES, HR: "candidate"}
    responses = exported(mini, profiles=profiles)
    merged = [r for r in responses if r.group is None]
    assert all("v_budget_line" not in r.answers for r in merged)
    assert "v_budget_line" in responses[0].answers


def test_each_row_carries_its_scores_and_only_its_day(mini):
    responses = exported(mini)
    assert responses[0].scores == {"validation": 100.0, "listening": 100.0, "overall": 100.0}
    assert responses[4].scores["overall"] == 0.0
    assert responses[2].scores["validation"] == 50.0  # one layer (2/4); "don't know" left out of the mean
    assert str(responses[7].submitted_on) == "2026-03-02"


def test_csv_has_stable_id_headers_codes_scores_and_no_time(mini):
    text = round_csv(mini, exported(mini), CsvLabels(other_groups="Autres groupes"))
    assert text.startswith("\ufeffgroup,profile,submitted_on,")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "group",
        "profile",
        "submitted_on",
        *mini.questions_by_id,
        "score_validation",
        "score_listening",
        "score_overall",
    ]
    assert rows[3][:5] == ["Board", "executive", "2026-03-01", "one", "dont_know"]
    assert rows[3][-3:] == ["50.0", "50.0", "50.0"]
    assert rows[8][:3] == ["Autres groupes", "", "2026-03-02"] and len(rows) == 11
    assert "09:30" not in text and "17:04" not in text


def test_labelled_csv_shows_choices_in_the_engagement_language_under_the_same_headers(mini):
    labels = CsvLabels(other_groups="Autres groupes", lang="fr", dont_know="Je ne sais pas")
    rows = list(csv.reader(io.StringIO(round_csv(mini, exported(mini), labels).lstrip("\ufeff"))))
    coded = list(csv.reader(io.StringIO(round_csv(mini, exported(mini), labels.__class__("x")).lstrip("\ufeff"))))
    assert rows[0] == coded[0]
    assert rows[3][3:5] == ["Une", "Je ne sais pas"]
    assert rows[5][3:6] == ["Trois ou plus", "Des jours", "Non"]


def test_json_keeps_null_group_and_profile_for_merged_rows_with_scores(mini):
    data = round_json(mini, exported(mini))
    assert data["responses"][9]["group"] is None and data["responses"][9]["profile"] is None
    assert data["responses"][0]["submitted_on"] == "2026-03-01"
    assert data["responses"][0]["scores"]["overall"] == 100.0
    assert "submitted_at" not in data["responses"][0]


def test_comments_show_only_for_groups_with_enough_people():
    assert groups_with_shown_comments(PEOPLE) == {BOARD, COMMS}
    assert groups_with_shown_comments({BOARD: 2, LEGAL: 1}) == set()


def test_formulas_are_defused():
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("Board") == "Board"
