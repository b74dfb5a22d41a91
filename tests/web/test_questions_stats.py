"""`flask --app app questions stats`: the questionnaire's reliability on the database's submitted responses."""

from __future__ import annotations

import json

from survey.extensions import db
from survey.store.models import Answer, Response, utcnow


def seed(app, questionnaire, sheets):
    """Submitted executive responses: each sheet maps question id -> index of the choice (or "dont_know")."""
    with app.app_context():
        for n, sheet in enumerate(sheets):
            response = Response(
                token_hash=f"{n:064d}",
                profile="executive",
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                submitted_at=utcnow(),
            )
            for question_id, pick in sheet.items():
                question = questionnaire.questions_by_id[question_id]
                value = pick if pick == "dont_know" else question.choices[pick].value
                response.answers[question_id] = Answer(question_id=question_id, value=value)
            db.session.add(response)
        db.session.commit()


def test_stats_prints_alpha_per_practice_and_flags_a_question_against_the_others(app, questionnaire):
    practice = questionnaire.dimensions[0]
    ids = [q.id for q in practice.applicable_questions("executive")][:4]
    top = [len(questionnaire.questions_by_id[i].choices) - 1 for i in ids]
    # the first three questions rise together, the fourth goes against them; one don't-know on the second
    levels = [0, 1, 2, 3, 3, 0]
    sheets = []
    for n, level in enumerate(levels):
        sheet = {i: min(level, t) for i, t in zip(ids[:3], top[:3], strict=True)}
        sheet[ids[3]] = max(top[3] - level, 0)
        if n == 5:
            sheet[ids[1]] = "dont_know"
        sheets.append(sheet)
    seed(app, questionnaire, sheets)
    runner = app.test_cli_runner()

    result = runner.invoke(args=["questions", "stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["responses"] == 6
    first = data["practices"][0]
    assert first["practice"] == practice.id and first["alpha"] is not None
    by_id = {q["question"]: q for q in first["questions"]}
    assert by_id[ids[1]]["responses"] == 5  # the don't-know is left out
    assert by_id[ids[0]]["responses"] == 6
    assert by_id[ids[3]]["review"] is True and by_id[ids[0]]["review"] is False
    assert first["low_alpha"] is (first["alpha"] < 0.6)

    text = runner.invoke(args=["questions", "stats"]).output
    assert f"{practice.id}: alpha" in text
    assert "review this question" in text.split(ids[3])[1].splitlines()[0]


def test_stats_with_a_bad_argument_is_one_line_and_exit_2(app):
    runner = app.test_cli_runner()
    for args in (["--profile", "ceo"], ["--bogus"]):
        result = runner.invoke(args=["questions", "stats", *args])
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
