"""The shipped questionnaire meets the content rules the product promises."""

from __future__ import annotations

DIMENSIONS = [
    "validation",
    "autonomy",
    "staffing",
    "budget",
    "listening",
    "reactivity",
    "engagement",
    "voice",
    "leadership",
]


def test_nine_dimensions_in_order(questionnaire):
    assert [d.id for d in questionnaire.dimensions] == DIMENSIONS


def test_profiles(questionnaire):
    assert {"candidate", "executive", "staff"} <= set(questionnaire.profile_ids)


def test_at_least_four_questions_per_dimension_for_candidates_and_executives(questionnaire):
    for dimension in questionnaire.dimensions:
        for profile in ("candidate", "executive"):
            assert len(dimension.applicable_questions(profile)) >= 4, (dimension.id, profile)


def test_choices_are_anchored_scales(questionnaire):
    for question in questionnaire.questions_by_id.values():
        assert len(question.choices) >= 4, question.id
        assert len({c.score for c in question.choices}) >= 2, question.id


def test_levels_and_recommendations(questionnaire):
    assert len(questionnaire.levels) >= 4
    assert questionnaire.levels[0].min == 0
    for dimension in questionnaire.dimensions:
        for level in questionnaire.levels[:-1]:
            assert dimension.recommendation_for(level.id) is not None, (dimension.id, level.id)
        assert len(dimension.interview_questions) >= 2


def test_candidates_get_outside_wording(questionnaire):
    """Candidates look at an employer from outside: most questions have their own wording."""
    common = [q for q in questionnaire.questions_by_id.values() if q.applies_to("candidate")]
    worded = [q for q in common if "candidate" in q.text_by_profile]
    assert len(worded) >= len(common) * 0.8
