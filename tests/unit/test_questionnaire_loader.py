"""Loading questions.yaml: every kind of mistake is reported with file, line, path and problem."""

from __future__ import annotations

import pytest
import yaml

from survey.domain.questionnaire_loader import QuestionnaireError, load_questionnaire, parse_questionnaire
from tests.conftest import MINI_PATH

MINI_TEXT = MINI_PATH.read_text(encoding="utf-8")


def mutated(change) -> str:
    """The mini questionnaire with `change(data)` applied, dumped back to YAML."""
    data = yaml.safe_load(MINI_TEXT)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def problems_of(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text, "q.yaml")
    return str(caught.value).splitlines()


def test_mini_questionnaire_loads_into_typed_objects(mini):
    assert [d.id for d in mini.dimensions] == ["validation", "listening"]
    layers = mini.questions_by_id["v_layers"]
    assert layers.max_score == 4
    assert layers.text_for("candidate").en == "How many sign-offs at this employer?"
    assert layers.text_for("executive").en == "How many sign-offs?"
    assert mini.questions_by_id["v_delay"].weight == 3


def test_questionnaire_objects_are_immutable(mini):
    with pytest.raises(Exception):
        mini.dimensions[0].questions[0].weight = 5


def test_duplicate_question_id_is_named_with_its_dimension():
    def change(data):
        data["dimensions"][1]["questions"][0]["id"] = "v_layers"

    [line] = problems_of(mutated(change))
    assert line.startswith("q.yaml:")
    assert "dimensions[listening].questions[v_layers]" in line
    assert "duplicate question id 'v_layers'" in line


def test_missing_translation_names_the_language():
    def change(data):
        del data["dimensions"][0]["questions"][1]["text"]["fr"]

    [line] = problems_of(mutated(change))
    assert "dimensions[validation].questions[v_delay].text.fr" in line
    assert "missing required key 'fr'" in line


def test_choice_without_score_is_reported():
    def change(data):
        del data["dimensions"][0]["questions"][0]["choices"][2]["score"]

    [line] = problems_of(mutated(change))
    assert "questions[v_layers].choices[one].score" in line
    assert "missing required key 'score'" in line


def test_thresholds_out_of_order():
    def change(data):
        data["levels"][2]["min"] = 40

    [line] = problems_of(mutated(change))
    assert "levels[high].min" in line and "increasing order" in line


def test_first_level_must_start_at_zero():
    def change(data):
        data["levels"][0]["min"] = 5

    assert any("first level must start at 0" in line for line in problems_of(mutated(change)))


def test_unknown_key_is_refused():
    def change(data):
        data["dimensions"][0]["questions"][0]["colour"] = "red"

    [line] = problems_of(mutated(change))
    assert "unknown key 'colour'" in line and "questions[v_layers]" in line


def test_yaml_syntax_error_gives_the_line():
    text = MINI_TEXT.replace("id: mini", "id: [mini", 1)
    [line] = problems_of(text)
    assert line.startswith("q.yaml:")
    assert "YAML syntax error" in line


def test_line_numbers_point_at_the_culprit():
    text = MINI_TEXT.replace("id: v_delay\n        weight: 3", "id: v_delay\n        weight: -3")
    [line] = problems_of(text)
    expected = MINI_TEXT.splitlines().index("        weight: 3") + 1
    assert line.startswith(f"q.yaml:{expected}:")


def test_every_problem_is_listed_not_just_the_first():
    def change(data):
        data["dimensions"][0]["questions"][0]["choices"][0]["value"] = "dont_know"
        data["dimensions"][1]["recommendations"].pop()
        data["dimensions"][1]["questions"][0]["profiles"] = ["intern"]

    lines = problems_of(mutated(change))
    assert len(lines) == 3
    assert any("'dont_know' is reserved" in line for line in lines)
    assert any("no recommendation for level mid" in line for line in lines)
    assert any("unknown profile 'intern'" in line for line in lines)


def test_duplicate_yaml_keys_are_refused():
    text = MINI_TEXT.replace('version: "test-1"', 'version: "test-1"\nversion: "test-2"')
    [line] = problems_of(text)
    assert "duplicate key 'version'" in line


def test_unquoted_yes_no_gets_a_hint():
    text = MINI_TEXT.replace('label: {en: "No", fr: "Non"}', "label: {en: No, fr: Non}")
    lines = problems_of(text)
    assert any("put the text in quotes" in line for line in lines)


def test_all_zero_scores_are_refused():
    def change(data):
        for choice in data["dimensions"][1]["questions"][1]["choices"]:
            choice["score"] = 0

    [line] = problems_of(mutated(change))
    assert "at least one choice needs a score above 0" in line


def test_missing_file_is_one_clear_problem(tmp_path):
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(caught.value) and "cannot read file" in str(caught.value)


def test_french_texts_get_a_narrow_no_break_space_before_double_marks(questionnaire):
    from survey.domain.languages import french_typography

    assert french_typography("Qui valide ? « Personne » : alors ; vite !") == (
        "Qui valide\u202f? «\u202fPersonne\u202f»\u202f: alors\u202f; vite\u202f!"
    )
    texts = [q.text.fr for d in questionnaire.dimensions for q in d.questions]
    assert all(" ?" not in text and " :" not in text for text in texts)
    assert any("\u202f?" in text for text in texts)
