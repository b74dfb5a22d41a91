"""Scoring rules, checked on hand-computed cases and as properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.domain.questionnaire.model import DONT_KNOW
from survey.domain.questionnaire.scoring import level_for, question_score, score_answers, shown_decimal


def test_question_score_is_share_of_the_best_choice(mini):
    layers = mini.questions_by_id["v_layers"]
    assert question_score(layers, "none") == 100
    assert question_score(layers, "one") == 50
    assert question_score(layers, "two") == 25
    assert question_score(layers, "three") == 0
    assert question_score(layers, DONT_KNOW) is None
    assert question_score(layers, None) is None


def test_hand_computed_sheet(mini):
    answers = {"v_layers": "one", "v_delay": "minutes", "v_budget_line": "dont_know", "l_monitoring": "sometimes"}
    card = score_answers(mini, "executive", answers)
    validation = card.dimension("validation")
    # (50 * 1 + 100 * 3) / 4 = 87.5: v_delay weighs 3, "don't know" is left out
    assert validation.score == pytest.approx(87.5)
    assert (validation.answered, validation.applicable) == (2, 3)
    assert validation.dont_know == ("v_budget_line",)
    assert validation.level == "high"
    listening = card.dimension("listening")
    assert listening.score == pytest.approx(50)
    assert listening.level == "mid"
    # overall: validation weight 1, listening weight 2 -> (87.5 + 2 * 50) / 3 = 62.5
    assert card.score == pytest.approx(62.5)
    assert card.level == "mid"
    assert card.as_dict() == {
        "overall": {"score": 62.5, "level": "mid"},
        "dimensions": [
            {"id": "validation", "score": 87.5, "level": "high", "answered": 2, "applicable": 3},
            {"id": "listening", "score": 50.0, "level": "mid", "answered": 1, "applicable": 2},
        ],
    }


def test_candidate_does_not_get_insider_questions(mini):
    card = score_answers(mini, "candidate", {})
    assert card.dimension("validation").applicable == 2


def test_no_answer_at_all_gives_null_scores(mini):
    card = score_answers(mini, "staff", {"v_layers": DONT_KNOW})
    assert card.score is None and card.level is None
    assert card.dimension("validation").score is None
    assert card.as_dict()["overall"] == {"score": None, "level": None}


def test_overall_ignores_dimensions_without_score(mini):
    card = score_answers(mini, "staff", {"l_feedback": "often"})
    assert card.dimension("validation").score is None
    assert card.score == 100


def test_rounding_for_display_but_level_from_exact_value(mini):
    # 49.96 rounds to 50.0 on screen, but the level is still the one below 50
    level = level_for(mini.levels, 49.96)
    assert level.id == "low"
    assert level_for(mini.levels, 50).id == "mid"
    assert level_for(mini.levels, None) is None


def test_display_rounds_to_one_decimal(mini):
    # v_layers "two" = 25, v_delay "hours" = 50 x3 -> 43.75 -> shown 43.8
    card = score_answers(mini, "candidate", {"v_layers": "two", "v_delay": "hours"})
    assert card.as_dict()["dimensions"][0]["score"] == 43.8


def answer_sheets(questionnaire, profile):
    """Hypothesis strategy: any mix of choices, don't know and gaps for one profile."""
    questions = [q for d in questionnaire.dimensions for q in d.applicable_questions(profile)]
    return st.fixed_dictionaries(
        {},
        optional={q.id: st.sampled_from([c.value for c in q.choices] + [DONT_KNOW]) for q in questions},
    )


@pytest.mark.parametrize("profile", ["candidate", "executive", "staff"])
def test_scores_stay_within_0_and_100(questionnaire, profile):
    @settings(max_examples=60, deadline=None)
    @given(answer_sheets(questionnaire, profile))
    def check(answers):
        card = score_answers(questionnaire, profile, answers)
        for dim in card.dimensions:
            assert dim.score is None or 0 <= dim.score <= 100
            assert dim.answered <= dim.applicable
        assert card.score is None or 0 <= card.score <= 100

    check()


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_raising_one_answer_never_lowers_its_dimension(questionnaire, data):
    profile = data.draw(st.sampled_from(["candidate", "executive", "staff"]))
    answers = data.draw(answer_sheets(questionnaire, profile))
    question_id = data.draw(st.sampled_from(questionnaire.applicable_question_ids(profile)))
    question = questionnaire.questions_by_id[question_id]
    low, high = sorted(
        data.draw(st.lists(st.sampled_from(question.choices), min_size=2, max_size=2)), key=lambda c: c.score
    )
    dimension_id = questionnaire.dimension_of_question[question_id].id
    before = score_answers(questionnaire, profile, {**answers, question_id: low.value}).dimension(dimension_id)
    after = score_answers(questionnaire, profile, {**answers, question_id: high.value}).dimension(dimension_id)
    assert after.score >= before.score - 1e-9


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_dont_know_is_not_zero(questionnaire, data):
    """Answering "don't know" must not pull a dimension down like the worst choice does."""
    profile = data.draw(st.sampled_from(["candidate", "executive", "staff"]))
    answers = data.draw(answer_sheets(questionnaire, profile))
    question_id = data.draw(st.sampled_from(questionnaire.applicable_question_ids(profile)))
    question = questionnaire.questions_by_id[question_id]
    worst = min(question.choices, key=lambda c: c.score).value
    dimension_id = questionnaire.dimension_of_question[question_id].id
    with_dont_know = score_answers(questionnaire, profile, {**answers, question_id: DONT_KNOW})
    with_worst = score_answers(questionnaire, profile, {**answers, question_id: worst})
    dk = with_dont_know.dimension(dimension_id)
    wz = with_worst.dimension(dimension_id)
    assert question_id in dk.dont_know
    assert dk.answered == wz.answered - 1
    if dk.score is not None:
        assert dk.score >= wz.score
        others = [v for v in answers if v != question_id and questionnaire.dimension_of_question[v].id == dimension_id]
        if any(
            answers[v] != DONT_KNOW and questionnaire.questions_by_id[v].choices_by_value[answers[v]].score > 0
            for v in others
        ):
            assert dk.score > wz.score


def test_ten_minute_version_is_scored_alike_on_its_own_questions(mini):
    """Same rules, each practice scored on the quick questions it asked (v_layers; l_feedback)."""
    short = mini.ten_minute_version
    assert [d.id for d in short.dimensions] == ["validation", "listening"]
    assert short.applicable_question_ids("candidate") == ["v_layers", "l_feedback"]
    card = score_answers(short, "candidate", {"v_layers": "one", "l_feedback": "often"})
    assert card.dimension("validation").score == pytest.approx(50)
    assert (card.dimension("validation").answered, card.dimension("validation").applicable) == (1, 1)
    assert card.dimension("listening").score == pytest.approx(100)
    # overall: validation weight 1, listening weight 2, as in the full version -> (50 + 2 * 100) / 3
    assert card.score == pytest.approx(250 / 3)
    assert mini.ten_minute_version is short  # built once
    assert mini.questions_by_id["v_delay"] and "v_delay" not in short.questions_by_id


@pytest.mark.parametrize(
    ("value", "shown"),
    [(11.25, "11.3"), (11.250000000000002, "11.3"), (11.249999999999998, "11.3"), (57.142857, "57.1"), (0.05, "0.1")],
)
def test_a_score_shows_rounded_half_up_as_excel_shows_it(value, shown):
    """The web page, the PDF and the deck round as the workbook's reader (Excel) does: an exact 11.25 is 11.3."""
    assert str(shown_decimal(value)) == shown
