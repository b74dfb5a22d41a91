"""The shipped questionnaire meets the content rules the product promises."""

from __future__ import annotations

from pathlib import Path

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


# --- what each answer means (issue 15) ------------------------------------------------------------------

# The fixed sentences the reports used to state as facts about every weak organisation.
OLD_RED_FLAGS = [
    "Personne ne sait dire combien de temps prend la validation",
    "Nobody can say how long it takes for a post to be approved",
    "Les commentaires critiques sont systématiquement supprimés",
    "Critical comments are systematically deleted",
    "Le succès se mesure uniquement en abonnés et en ventes rapides",
]


def finding_texts(questionnaire):
    """(where, text) for every text a finding can quote, in both languages."""
    for dimension in questionnaire.dimensions:
        yield f"{dimension.id}.for_candidate", dimension.for_candidate
        for i, extra in enumerate(dimension.interview_questions):
            yield f"{dimension.id}.interview_questions[{i}]", extra
        for question in dimension.questions:
            yield f"{question.id}.why", question.why
            yield f"{question.id}.interview", question.interview
            yield f"{question.id}.improvement.action", question.improvement.action
            if question.negotiate is not None:
                yield f"{question.id}.negotiate", question.negotiate


def test_every_choice_has_an_honest_risk(questionnaire):
    """Worst answers are a high risk (at most a few medium), the best carry none, and risk never rises with score."""
    worst_high = 0
    order = {"none": 0, "medium": 1, "high": 2}
    for question in questionnaire.questions_by_id.values():
        by_score = sorted(question.choices, key=lambda c: c.score)
        assert by_score[-1].risk == "none", question.id
        assert by_score[0].risk in ("high", "medium"), question.id
        worst_high += by_score[0].risk == "high"
        risks = [order[c.risk] for c in by_score]
        assert risks == sorted(risks, reverse=True), question.id
    assert worst_high >= 0.9 * len(questionnaire.questions_by_id)


def test_every_question_has_an_improvement_owned_by_a_known_role(questionnaire):
    owners = {owner.id for owner in questionnaire.owners}
    used = set()
    horizons = set()
    for question in questionnaire.questions_by_id.values():
        assert question.improvement.owner in owners, question.id
        used.add(question.improvement.owner)
        horizons.add(question.improvement.horizon_days)
    assert used == owners  # no role listed for nothing
    assert horizons == {30, 90, 180}
    quick_wins = [
        q for q in questionnaire.questions_by_id.values() if q.has_high_risk and q.improvement.effort == "low"
    ]
    assert len(quick_wins) >= 9  # an executive with high risks has something to do this month


def test_candidates_get_a_point_to_negotiate_for_every_high_risk_they_can_give(questionnaire):
    for question in questionnaire.questions_by_id.values():
        if question.applies_to("candidate") and question.has_high_risk:
            assert question.negotiate is not None, question.id


def test_quick_questions_make_a_ten_minute_version(questionnaire):
    quick = [q for q in questionnaire.questions_by_id.values() if q.quick]
    assert 9 <= len(quick) <= 20
    for question in quick:
        assert question.applies_to("candidate"), question.id
    for dimension in questionnaire.dimensions:
        assert 1 <= sum(q.quick for q in dimension.questions) <= 2, dimension.id


def test_french_texts_are_written_not_copied(questionnaire):
    for where, text in finding_texts(questionnaire):
        assert text.fr.strip() != text.en.strip(), where
        assert " tu " not in f" {text.fr.lower()} ", where  # vouvoiement, as the seed's practitioners write


def test_each_question_has_its_own_texts(questionnaire):
    """Specific to each question, not one sentence pasted everywhere."""
    for field in ("why", "interview", "negotiate"):
        for lang in ("en", "fr"):
            texts = [
                getattr(q, field).get(lang)
                for q in questionnaire.questions_by_id.values()
                if getattr(q, field) is not None
            ]
            assert len(texts) == len(set(texts)), (field, lang)
    actions = [q.improvement.action.fr for q in questionnaire.questions_by_id.values()]
    assert len(actions) == len(set(actions))


def test_interview_questions_are_questions_and_extras_repeat_none(questionnaire):
    for question in questionnaire.questions_by_id.values():
        assert question.interview.en.rstrip().endswith("?"), question.id
        assert question.interview.fr.rstrip().endswith("?"), question.id
    asked = {q.interview.en for q in questionnaire.questions_by_id.values()}
    for dimension in questionnaire.dimensions:
        for extra in dimension.interview_questions:
            assert extra.en not in asked, dimension.id


def test_no_fixed_red_flag_sentence_is_left(questionnaire):
    text = (Path(__file__).resolve().parents[2] / "questions.yaml").read_text(encoding="utf-8")
    assert "red_flags" not in text
    for sentence in OLD_RED_FLAGS:
        assert sentence not in text
    assert all(not hasattr(dimension, "red_flags") for dimension in questionnaire.dimensions)


def test_for_candidate_speaks_to_the_candidate(questionnaire):
    for dimension in questionnaire.dimensions:
        assert "vous" in dimension.for_candidate.fr.lower(), dimension.id
        assert "you" in dimension.for_candidate.en.lower(), dimension.id
