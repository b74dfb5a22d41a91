"""The command line: questions check/dump and score; bad input is one line and exit code 2."""

from __future__ import annotations

import json

import pytest

from survey import create_app
from tests.conftest import MINI_PATH


@pytest.fixture()
def cli_app(tmp_path):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.db'}"})


@pytest.fixture()
def run(cli_app):
    runner = cli_app.test_cli_runner()

    def invoke(*args, stdin=None):
        return runner.invoke(args=list(args), input=stdin)

    return invoke


def write_json(tmp_path, data, name="sheet.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_check_accepts_the_shipped_questionnaire(run):
    result = run("questions", "check")
    assert result.exit_code == 0, result.output
    assert "OK (9 dimensions" in result.output


def test_check_lists_every_problem_and_exits_1(run, tmp_path):
    broken = MINI_PATH.read_text(encoding="utf-8").replace("id: l_feedback", "id: v_layers")
    broken = broken.replace("min: 80", "min: 20")
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = run("questions", "check", str(path))
    assert result.exit_code == 1
    assert "duplicate question id 'v_layers'" in result.stderr
    assert "increasing order" in result.stderr
    assert "2 problem(s) found" in result.stderr
    assert "Traceback" not in result.output


def test_dump_prints_the_normalized_questionnaire(run, questionnaire):
    result = run("questions", "dump")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["id"] == questionnaire.id and data["version"] == questionnaire.version
    assert [p["id"] for p in data["profiles"]] == ["candidate", "executive", "staff"]
    assert data["levels"][0]["min"] == 0 and set(data["levels"][0]["name"]) == {"en", "fr"}
    dimension = data["dimensions"][0]
    assert set(dimension) >= {
        "id",
        "weight",
        "title",
        "description",
        "questions",
        "recommendations",
        "interview_questions",
        "for_candidate",
    }
    assert "red_flags" not in dimension
    assert {o["id"] for o in data["owners"]} >= {"leadership", "community_manager"}
    question = dimension["questions"][0]
    assert set(question) >= {"id", "weight", "profiles", "text", "choices", "why", "interview", "improvement", "quick"}
    assert set(question["improvement"]) == {"action", "owner", "effort", "horizon_days"}
    assert set(question["choices"][0]) == {"value", "score", "risk", "label"}


def sheet_for(questionnaire, profile="executive"):
    answers = {}
    for i, question_id in enumerate(questionnaire.applicable_question_ids(profile)):
        question = questionnaire.questions_by_id[question_id]
        answers[question_id] = "dont_know" if i % 5 == 0 else question.choices[-1].value
    return {"profile": profile, "organisation": "ACME", "answers": answers}


def test_score_prints_overall_and_dimensions(run, tmp_path, questionnaire):
    result = run("score", write_json(tmp_path, sheet_for(questionnaire)))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["score"] == 100.0
    assert data["overall"]["level"] == questionnaire.levels[-1].id
    assert [d["id"] for d in data["dimensions"]] == [d.id for d in questionnaire.dimensions]
    assert set(data["dimensions"][0]) == {"id", "score", "level", "answered", "applicable"}


def test_score_accepts_a_list_of_sheets(run, tmp_path, questionnaire):
    sheets = [sheet_for(questionnaire, "candidate"), {"profile": "staff", "answers": {}}]
    result = run("score", write_json(tmp_path, sheets))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 2 and data[1]["overall"] == {"score": None, "level": None}


def test_score_reads_stdin(run, questionnaire):
    result = run("score", "-", stdin=json.dumps(sheet_for(questionnaire)))
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("sheet", "culprit"),
    [
        ({"profile": "intern", "answers": {}}, 'unknown profile "intern"'),
        ({"profile": "executive", "answers": {"nope": "x"}}, "unknown question id 'nope'"),
        ("{not json", "malformed JSON at line 1"),
        ([{"profile": "executive", "answers": {}}, 3], "sheet 1: an answer sheet must be a JSON object"),
        ({"profile": "executive", "answers": [], "x": 1}, "unknown key 'x'"),
    ],
)
def test_score_bad_input_is_one_line_exit_2(run, tmp_path, sheet, culprit):
    result = run("score", write_json(tmp_path, sheet))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert culprit in lines[0] and "sheet.json" in lines[0]


def test_score_unknown_choice_and_wrong_profile(run, tmp_path, questionnaire):
    question = next(q for q in questionnaire.questions_by_id.values() if q.applies_to("executive"))
    result = run("score", write_json(tmp_path, {"profile": "executive", "answers": {question.id: "maybe"}}))
    assert result.exit_code == 2
    assert f"unknown choice \"maybe\" for question '{question.id}'" in result.stderr
    insider = next((q for q in questionnaire.questions_by_id.values() if not q.applies_to("candidate")), None)
    if insider is not None:
        sheet = {"profile": "candidate", "answers": {insider.id: insider.choices[0].value}}
        result = run("score", write_json(tmp_path, sheet))
        assert result.exit_code == 2
        assert "does not apply to profile 'candidate'" in result.stderr


def test_score_missing_file_is_one_line(run, tmp_path):
    result = run("score", str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {tmp_path / 'missing.json'}: no such file"


def test_app_refuses_to_start_on_invalid_questionnaire(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINI_PATH.read_text(encoding="utf-8").replace("min: 50", "min: 90"), encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        create_app({"QUESTIONNAIRE_PATH": str(path), "TESTING": True})
    assert "increasing order" in str(caught.value) and "bad.yaml" in str(caught.value)


def candidate_sheet(questionnaire):
    """Worst answer on the first question of each practice, "don't know" on the second, best elsewhere."""
    answers = {}
    for dimension in questionnaire.dimensions:
        for index, question in enumerate(dimension.applicable_questions("candidate")):
            ordered = sorted(question.choices, key=lambda c: c.score)
            answers[question.id] = [ordered[0].value, "dont_know"][index] if index < 2 else ordered[-1].value
    importance = {d.id: 1 + i % 5 for i, d in enumerate(questionnaire.dimensions)}
    return {"profile": "candidate", "organisation": "Initech", "answers": answers, "importance": importance}


def test_report_writes_the_findings_as_json(run, tmp_path, questionnaire):
    sheet = candidate_sheet(questionnaire)
    out = tmp_path / "report.json"
    result = run("report", write_json(tmp_path, sheet), "--json", str(out), "--lang", "fr")
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["organisation"] == "Initech" and report["language"] == "fr"
    assert set(report) >= {"verdict", "red_flags", "interview_questions", "negotiate", "plan", "dimensions"}
    assert set(report["verdict"]) == {"id", "title", "reasons", "basis"} and report["verdict"]["reasons"]
    assert report["verdict"]["basis"] is None  # the full questionnaire: no "confirm at interview" mark
    worst = {q: v for q, v in sheet["answers"].items() if v != "dont_know"}
    for flag in report["red_flags"]:
        assert worst[flag["question"]] == flag["choice"] and flag["text"].startswith("Vous avez répondu «\u202f")
    dont_know = {q for q, v in sheet["answers"].items() if v == "dont_know"}
    assert dont_know <= {item["question"] for item in report["interview_questions"]}
    for dimension in report["dimensions"]:
        assert {"answered", "applicable", "confidence"} <= set(dimension)


def test_report_json_to_stdout_and_nothing_asked_is_one_line(run, tmp_path, questionnaire):
    path = write_json(tmp_path, candidate_sheet(questionnaire))
    result = run("report", path, "--json", "-")
    assert result.exit_code == 0 and json.loads(result.output)["profile"] == "candidate"
    result = run("report", path)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "--json" in result.output


def test_score_of_a_ten_minute_sheet_counts_only_its_questions(run, tmp_path, questionnaire):
    answers = {qid: questionnaire.questions_by_id[qid].choices[-1].value for qid in questionnaire.quick_question_ids}
    result = run("score", write_json(tmp_path, {"profile": "candidate", "quick": True, "answers": answers}))
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["overall"]["score"] == 100
    assert sum(d["applicable"] for d in scored["dimensions"]) == len(questionnaire.quick_question_ids)


@pytest.mark.parametrize(
    ("sheet", "culprit"),
    [
        ({"profile": "candidate", "quick": "yes", "answers": {}}, "'quick' must be true or false"),
        ({"profile": "executive", "quick": True, "answers": {}}, "is for profile 'candidate' only"),
        (
            {"profile": "candidate", "quick": True, "answers": {"validation_delay": "minutes"}},
            "question 'validation_delay' is not in the 10-minute version",
        ),
    ],
)
def test_bad_ten_minute_sheet_is_one_line_exit_2(run, tmp_path, sheet, culprit):
    result = run("score", write_json(tmp_path, sheet))
    assert result.exit_code == 2
    assert culprit in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_report_json_ranks_the_priorities_by_their_gain_on_the_overall_score(run, tmp_path, questionnaire):
    answers = {}
    for index, question_id in enumerate(questionnaire.applicable_question_ids("executive")):
        choices = questionnaire.questions_by_id[question_id].choices
        answers[question_id] = choices[index % len(choices)].value
    result = run("report", write_json(tmp_path, {"profile": "executive", "answers": answers}), "--json", "-")
    report = json.loads(result.output)
    priorities = report["priorities"]
    assert len(priorities) == 3 and {p["question"] for p in priorities} <= {i["question"] for i in report["plan"]}
    gains = [p["gain_overall"] for p in priorities]
    assert gains == sorted(gains, reverse=True) and gains[-1] > 0
    assert all(p["gain_points"] >= p["gain_overall"] for p in priorities)  # one practice among nine
    assert {d["confidence"] for d in report["dimensions"]} <= {"low", "sufficient"}
