"""Loading questions.yaml: every kind of mistake is reported with file, line, path and problem."""

from __future__ import annotations

import pytest
import yaml

from survey.domain.questionnaire.loader import QuestionnaireError, load_questionnaire, parse_questionnaire
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


# --- what each answer means (issue 15): risks, actions, interview kit, 10-minute version -------------


def test_mini_questionnaire_carries_risks_actions_and_owners(mini):
    layers = mini.questions_by_id["v_layers"]
    assert [c.risk for c in layers.choices] == ["high", "medium", "none", "none"]
    assert layers.has_high_risk and layers.quick
    assert layers.improvement.owner == "lead" and layers.improvement.horizon_days == 90
    assert mini.owner(layers.improvement.owner).name.fr == "Direction"
    assert mini.questions_by_id["v_budget_line"].negotiate is None
    assert mini.quick_question_ids == ("v_layers", "l_feedback")
    assert mini.applicable_question_ids("candidate", quick_only=True) == ["v_layers", "l_feedback"]
    assert mini.dimension("validation").for_candidate.fr == "Vous relancerez les valideurs."


def test_choice_without_risk_is_reported():
    def change(data):
        del data["dimensions"][0]["questions"][1]["choices"][2]["risk"]

    [line] = problems_of(mutated(change))
    assert "dimensions[validation].questions[v_delay].choices[minutes]" in line
    assert "missing required key 'risk'" in line


def test_unknown_risk_effort_and_horizon_are_refused():
    def change(data):
        question = data["dimensions"][0]["questions"][0]
        question["choices"][0]["risk"] = "severe"
        question["improvement"]["effort"] = "huge"
        question["improvement"]["horizon_days"] = 60

    lines = problems_of(mutated(change))
    assert len(lines) == 3
    assert any("choices[three].risk" in line and "'high', 'medium' or 'none'" in line for line in lines)
    assert any("improvement.effort" in line and "'low', 'medium' or 'high'" in line for line in lines)
    assert any("improvement.horizon_days" in line and "30, 90 or 180" in line for line in lines)


def test_unknown_owner_is_named():
    def change(data):
        data["dimensions"][1]["questions"][0]["improvement"]["owner"] = "marketing"

    [line] = problems_of(mutated(change))
    assert "dimensions[listening].questions[l_monitoring].improvement.owner" in line
    assert "unknown owner 'marketing'" in line


def test_duplicate_owner_id_is_refused():
    def change(data):
        data["owners"][1]["id"] = "lead"

    lines = problems_of(mutated(change))
    assert any(line.endswith("owners[lead]: duplicate owner id 'lead'") for line in lines)
    assert sum("unknown owner 'cm'" in line for line in lines) == 2  # the listening actions lost their owner


def test_unknown_key_in_an_improvement_is_refused():
    def change(data):
        data["dimensions"][0]["questions"][0]["improvement"]["budget"] = 1000

    [line] = problems_of(mutated(change))
    assert "improvement.budget" in line and "unknown key 'budget'" in line


def test_question_without_why_interview_or_improvement_is_refused():
    def change(data):
        question = data["dimensions"][0]["questions"][0]
        del question["why"], question["interview"], question["improvement"]

    lines = problems_of(mutated(change))
    assert len(lines) == 3
    for key in ("why", "interview", "improvement"):
        assert any(f"missing required key '{key}'" in line for line in lines)


def test_candidate_question_with_a_high_risk_needs_a_point_to_negotiate():
    def change(data):
        del data["dimensions"][0]["questions"][1]["negotiate"]

    [line] = problems_of(mutated(change))
    assert "questions[v_delay].negotiate" in line
    assert "candidates answer this question and it has a high-risk choice" in line


def test_candidate_question_needs_what_to_listen_for_in_both_languages():
    def change(data):
        del data["dimensions"][0]["questions"][1]["listen_for"]
        data["dimensions"][1]["questions"][0]["listen_for"]["warning"]["fr"] = "By chance."
        data["dimensions"][1]["questions"][0]["listen_for"]["warning"]["en"] = "By chance."

    lines = problems_of(mutated(change))
    assert len(lines) == 2
    assert "questions[v_delay].listen_for" in lines[0] and "candidates answer this question" in lines[0]
    assert "questions[l_monitoring].listen_for.warning" in lines[1] and "translate it" in lines[1]
    # v_budget_line is asked of insiders only: it needs none (and has none in mini.yaml)


def test_top_choice_must_carry_no_risk_and_better_answers_no_more_risk():
    def change(data):
        choices = data["dimensions"][1]["questions"][0]["choices"]
        choices[2]["risk"] = "medium"  # top choice
        choices[1]["risk"] = "high"  # "sometimes" riskier than "never"? equal: fine
        choices[0]["risk"] = "medium"  # now "never" is less risky than "sometimes"

    lines = problems_of(mutated(change))
    assert len(lines) == 2
    assert any("choices[always].risk" in line and "top choice must have risk 'none'" in line for line in lines)
    assert any("choices[sometimes].risk" in line and "worse choice 'never'" in line for line in lines)


def test_quick_flag_must_be_a_boolean():
    def change(data):
        data["dimensions"][1]["questions"][0]["quick"] = "yes"

    [line] = problems_of(mutated(change))
    assert "questions[l_monitoring].quick" in line


def test_quick_questions_one_or_two_per_dimension_and_only_candidate_ones():
    def change(data):
        for question in data["dimensions"][0]["questions"]:
            question["quick"] = True  # three, one of them for executives and staff only
        data["dimensions"][1]["questions"][1]["quick"] = False  # none left in listening

    lines = problems_of(mutated(change))
    assert len(lines) == 3
    assert any("questions[v_budget_line].quick" in line and "candidates answer" in line for line in lines)
    assert any("dimensions[validation].questions" in line and "3 quick questions" in line for line in lines)
    assert any("dimensions[listening].questions" in line and "0 quick questions" in line for line in lines)


def test_at_most_twenty_quick_questions_in_all():
    def change(data):
        template = data["dimensions"][1]
        for n in range(11):
            dimension = yaml.safe_load(yaml.safe_dump(template))
            dimension["id"] = f"extra_{n}"
            for question in dimension["questions"]:
                question["id"] = f"{question['id']}_{n}"
                question["quick"] = True
            data["dimensions"].append(dimension)

    [line] = problems_of(mutated(change))  # 2 + 11 x 2: each dimension within its limit, the total not
    assert line.endswith(": dimensions: 24 quick questions: the 10-minute version allows 20")


def test_untranslated_finding_text_is_reported():
    def change(data):
        question = data["dimensions"][0]["questions"][1]
        question["interview"]["fr"] = question["interview"]["en"]

    [line] = problems_of(mutated(change))
    assert "questions[v_delay].interview" in line and "translate it" in line


def test_fixed_red_flag_sentences_are_no_longer_accepted():
    def change(data):
        data["dimensions"][0]["red_flags"] = [{"en": "Nobody knows.", "fr": "Personne ne sait."}]

    [line] = problems_of(mutated(change))
    assert "unknown key 'red_flags'" in line


def test_french_texts_get_a_narrow_no_break_space_before_double_marks(questionnaire):
    from survey.domain.questionnaire.languages import french_typography

    assert french_typography("Qui valide ? « Personne » : alors ; vite !") == (
        "Qui valide\u202f? «\u202fPersonne\u202f»\u202f: alors\u202f; vite\u202f!"
    )
    texts = [q.text.fr for d in questionnaire.dimensions for q in d.questions]
    assert all(" ?" not in text and " :" not in text for text in texts)
    assert any("\u202f?" in text for text in texts)
