"""What the report says, computed on the small questionnaire with hand-checkable numbers."""

from __future__ import annotations

from survey.domain.findings import (
    ASK_BEFORE_YOU_SIGN,
    GOOD_FIT,
    NOT_ENOUGH_INFORMATION,
    SERIOUS_CONCERNS,
    STRONG_FIT,
    build_report,
)

# mini: levels low 0 / mid 50 / high 80; validation (v_layers 0-4 with a tip, v_delay x3 0-2,
# v_budget_line insiders only), listening weight 2 (l_monitoring 0-2, l_feedback 0-3).


def test_findings_carry_level_recommendation_comment_and_counts(mini):
    answers = {"v_layers": "two", "v_delay": "dont_know", "l_monitoring": "always", "l_feedback": "often"}
    report = build_report(mini, "candidate", answers, {"validation": 5}, {"validation": "Slow <b>legal</b>"})
    validation, listening = report.findings
    assert validation.score.score == 25 and validation.level.id == "low"
    assert validation.recommendation.en == "Remove layers."
    assert validation.comment == "Slow <b>legal</b>"
    assert validation.dont_know_count == 1 and validation.unanswered_count == 0
    assert validation.importance == 5
    assert listening.level.id == "high" and listening.recommendation is None  # nothing above the top
    assert report.answered_count == 3 and report.dont_know_count == 1 and report.applicable_count == 4


def test_tips_only_for_answers_in_the_lower_half(mini):
    low = build_report(mini, "executive", {"v_layers": "two"})
    assert [t.question.id for t in low.findings[0].tips] == ["v_layers"]
    assert low.findings[0].tips[0].choice.value == "two"
    middle = build_report(mini, "executive", {"v_layers": "one"})  # exactly 50: not below the middle
    assert middle.findings[0].tips == ()


def test_strengths_and_weaknesses(mini):
    report = build_report(mini, "executive", {"v_layers": "three", "l_monitoring": "always"})
    assert [f.dimension.id for f in report.strengths] == ["listening"]
    assert [f.dimension.id for f in report.weaknesses] == ["validation"]


def test_action_plan_weighs_the_gap_by_dimension_weight(mini):
    # validation 40 (gap 60, weight 1 = 60); listening 50 (gap 50, weight 2 = 100): listening first
    answers = {"v_layers": "one", "v_delay": "hours", "v_budget_line": "no", "l_monitoring": "sometimes"}
    report = build_report(mini, "executive", answers)
    assert report.findings[0].score.score == 40
    assert [f.dimension.id for f in report.action_plan] == ["listening", "validation"]


def test_candidate_red_flags_for_important_low_or_unknown(mini):
    answers = {"v_layers": "three", "v_delay": "days", "l_monitoring": "dont_know", "l_feedback": "dont_know"}
    report = build_report(mini, "candidate", answers, {"validation": 4, "listening": 5})
    fit = report.fit
    assert [(flag.finding.dimension.id, flag.reason) for flag in fit.red_flags] == [
        ("listening", "unknown"),
        ("validation", "low"),
    ]
    assert fit.verdict == SERIOUS_CONCERNS  # one low red flag and a low overall score
    assert [f.dimension.id for f, _ in fit.interview_questions] == ["listening", "validation"]
    assert fit.interview_questions[0][1][0].en == "How do you listen?"


def test_unimportant_weakness_is_no_red_flag(mini):
    answers = {"v_layers": "three", "v_delay": "days", "l_monitoring": "always", "l_feedback": "often"}
    report = build_report(mini, "candidate", answers, {"validation": 2, "listening": 5})
    assert report.fit.red_flags == ()
    assert [f.dimension.id for f in report.fit.matches] == ["listening"]
    assert report.fit.verdict == STRONG_FIT  # overall (0 + 2 x 100) / 3 = 66.7 >= the level below the top


def test_verdicts(mini):
    def verdict(answers, importance):
        return build_report(mini, "candidate", answers, importance).fit.verdict

    assert verdict({}, {"validation": 5}) == NOT_ENOUGH_INFORMATION
    assert verdict({"v_layers": "none", "l_monitoring": "dont_know", "l_feedback": "dont_know"}, {"listening": 4}) == (
        ASK_BEFORE_YOU_SIGN
    )
    # (25 + 2 x 50) / 3 = 41.7: nothing that matters is weak, but below the level under the top
    assert verdict({"v_layers": "two", "l_monitoring": "sometimes"}, {"validation": 1}) == GOOD_FIT


def test_dont_know_dimensions_are_listed_as_unknown(mini):
    report = build_report(mini, "executive", {"l_monitoring": "always"})
    assert [f.dimension.id for f in report.unknown_dimensions] == ["validation"]
    assert report.fit is None
