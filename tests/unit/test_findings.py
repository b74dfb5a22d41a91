"""What the report says, computed on small questionnaires with hand-checkable numbers.

mini: levels low 0 / mid 50 / high 80; validation (v_layers 0-4 with a tip, v_delay x3 0-2,
v_budget_line insiders only), listening weight 2 (l_monitoring 0-2, l_feedback 0-3).
risky (findings.yaml): the same levels; validation x1.5 (v_layers three/two/one/none = high/medium/-/-,
v_delay x3 days/hours/minutes = high/medium/-, v_budget_line insiders no/yes = high/-), listening x2
(l_monitoring never/sometimes/always = high/medium/-, l_feedback never/often = medium/-), crisis
(c_plan no/draft/tested = high/medium/-, c_hours nobody/rota = high/-).
"""

from __future__ import annotations

from survey.domain.findings.candidate import (
    ASK_BEFORE_YOU_SIGN,
    NO_HIGH_RISK,
    NOT_ENOUGH_INFORMATION,
    RISK_THAT_MATTERS,
    SERIOUS_CONCERNS,
    STRENGTH,
    STRENGTH_THAT_MATTERS,
    STRONG_FIT,
    UNKNOWN_THAT_MATTERS,
)
from survey.domain.findings.report import build_report

BEST = {"v_layers": "none", "v_delay": "minutes", "l_monitoring": "always", "l_feedback": "often", "c_plan": "tested"}
BEST_EVERYWHERE = {**BEST, "c_hours": "rota"}


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


def test_dont_know_dimensions_are_listed_as_unknown(mini):
    report = build_report(mini, "executive", {"l_monitoring": "always"})
    assert [f.dimension.id for f in report.unknown_dimensions] == ["validation"]
    assert report.candidate is None


def candidate(risky, answers, importance):
    return build_report(risky, "candidate", answers, importance).candidate


def test_red_flags_are_the_high_risk_answers_given_and_nothing_else(risky):
    answers = {"v_layers": "three", "v_delay": "hours", "l_monitoring": "never", "c_plan": "draft"}
    found = candidate(risky, answers, {"validation": 2, "listening": 5})
    # "hours" and "draft" are medium risks: no flag; listening matters more, so it comes first
    assert [(f.answer.question.id, f.answer.choice.value) for f in found.red_flags] == [
        ("l_monitoring", "never"),
        ("v_layers", "three"),
    ]
    assert found.red_flags[0].why.en == "You will learn of a crisis from the press."
    assert candidate(risky, {**BEST, "v_layers": "two", "c_plan": "draft"}, {}).red_flags == ()


def test_points_to_negotiate_come_from_high_risk_answers(risky):
    found = candidate(risky, {"v_layers": "three", "v_delay": "hours", "c_hours": "nobody"}, {})
    assert [(p.question.id, p.text.en) for p in found.negotiate] == [
        ("v_layers", "A written mandate to post alone."),
        ("c_hours", "On-call hours paid or given back."),
    ]


def test_verdict_weighs_high_risks_by_the_importance_given(risky):
    answers = {**BEST, "v_layers": "three", "v_delay": "dont_know", "c_plan": "draft", "c_hours": "dont_know"}
    found = candidate(risky, answers, {"validation": 5, "listening": 4, "crisis": 2})
    # validation 0 (one answer, rated 5, high risk), listening 100 (rated 4), crisis 50: overall 250 / 4.5 = 55.6
    assert found.verdict.id == ASK_BEFORE_YOU_SIGN
    kinds = [(r.kind, r.dimension.id if r.dimension else None) for r in found.verdict.reasons]
    assert kinds == [(RISK_THAT_MATTERS, "validation"), (STRENGTH_THAT_MATTERS, "listening"), (STRENGTH, "crisis")]
    assert found.verdict.reasons[0].answer.choice.value == "three"
    assert found.verdict.reasons[0].importance == 5

    two = candidate(risky, {**answers, "c_plan": "no"}, {"validation": 5, "listening": 4, "crisis": 4})
    assert two.verdict.id == SERIOUS_CONCERNS  # high risks in two practices that matter


def test_verdict_without_high_risk_and_without_answers(risky):
    found = candidate(risky, BEST_EVERYWHERE, {"validation": 3, "listening": 3, "crisis": 3})
    assert found.verdict.id == STRONG_FIT
    assert [r.kind for r in found.verdict.reasons] == [NO_HIGH_RISK, STRENGTH, STRENGTH]
    assert found.verdict.reasons[0].count == 6
    unknown = candidate(risky, dict.fromkeys(BEST_EVERYWHERE, "dont_know"), {"crisis": 5})
    assert unknown.verdict.id == NOT_ENOUGH_INFORMATION and unknown.verdict.reasons[0].count == 6
    shaky = candidate(risky, {**BEST, "c_plan": "dont_know"}, {"crisis": 5})  # crisis: 0 of 2 scored
    assert shaky.verdict.id == ASK_BEFORE_YOU_SIGN
    assert shaky.verdict.reasons[0].kind == UNKNOWN_THAT_MATTERS and shaky.verdict.reasons[0].of == 2


def test_interview_kit_ranks_by_importance_then_uncertainty_and_never_asks_what_was_answered(risky):
    answers = {"v_layers": "three", "v_delay": "dont_know", "l_monitoring": "always", "l_feedback": "often"}
    answers |= {"c_plan": "draft", "c_hours": "dont_know"}
    kit = candidate(risky, answers, {"validation": 5, "listening": 4, "crisis": 2}).kit
    assert [(q.rank, q.question.id, q.source, q.text.en) for q in kit.questions] == [
        (1, "v_delay", "dont_know", "How long does a sign-off take?"),
        (2, "v_layers", "risky_answer", "What happens when a post goes wrong?"),
        (3, "v_layers", "risky_answer", "Who can publish on a Sunday?"),  # added back: fewer than 7 otherwise
        (4, "c_hours", "dont_know", "Who covers evenings and weekends?"),
    ]
    assert kit.more == ()
    answered = {q for q, value in answers.items() if value != "dont_know"}
    assert not {q.question.id for q in kit.all if q.source != "risky_answer"} & answered


def test_kit_holds_seven_questions_at_most_two_per_practice_and_the_rest_is_more(risky):
    quick = {"v_layers": "three", "l_monitoring": "never", "c_plan": "no"}  # the 10-minute version: blanks elsewhere
    answers = {**quick, "v_delay": "dont_know"}
    kit = candidate(risky, answers, {"validation": 3, "listening": 4, "crisis": 5}).kit
    assert len(kit.questions) == 7
    per_practice = [q.dimension.id for q in kit.questions]
    assert per_practice.count("crisis") == 3  # 2 by the cap, then the kit is filled up to 7 in rank order
    assert [q.rank for q in kit.all] == list(range(1, len(kit.all) + 1))
    assert {q.source for q in kit.all if q.dimension.id == "listening"} == {"unanswered", "risky_answer"}
    assert len(kit.more) == len(kit.all) - 7 > 0


def test_plan_has_an_item_per_high_risk_answer_and_always_the_weakest_practice(risky):
    # validation (25 + 3 x 50 + 0) / 5 = 35 with one high risk; listening (50 + 0) / 2 = 25, medium risks only
    answers = {"v_layers": "two", "v_delay": "hours", "v_budget_line": "no", "l_monitoring": "sometimes"}
    report = build_report(risky, "executive", {**answers, "l_feedback": "never", "c_plan": "tested", "c_hours": "rota"})
    assert [f.dimension.id for f in report.weaknesses] == ["listening", "validation"]
    plan = report.plan
    assert [(g.horizon_days, [i.answer.question.id for i in g.items]) for g in plan.groups] == [
        (30, ["l_monitoring"]),
        (90, ["l_feedback"]),
        (180, ["v_budget_line"]),
    ]
    assert [i.reason for i in plan.items] == ["weak_practice", "weak_practice", "high_risk"]
    assert report.candidate is None


def test_quick_wins_come_first_in_their_horizon(risky):
    answers = {"c_plan": "no", "v_layers": "three", "c_hours": "nobody", "l_monitoring": "always"}
    plan = build_report(risky, "staff", {**answers, "l_feedback": "often", "v_delay": "minutes"}).plan
    first = plan.groups[0]
    assert first.horizon_days == 30
    # v_layers: high risk, low effort (a quick win) before c_plan: high risk, medium effort
    assert [(i.answer.question.id, i.quick_win) for i in first.items] == [("v_layers", True), ("c_plan", False)]


def test_nothing_to_improve_at_the_top(risky):
    report = build_report(risky, "executive", {**BEST_EVERYWHERE, "v_budget_line": "yes"})
    assert report.plan.items == ()


def test_confidence_is_low_below_half_the_questions(risky):
    report = build_report(risky, "executive", {"v_layers": "one", "v_delay": "dont_know", "l_monitoring": "always"})
    validation, listening, crisis = report.findings
    assert (validation.score.answered, validation.score.applicable, validation.confidence) == (1, 3, "low")
    assert (listening.score.answered, listening.score.applicable, listening.confidence) == (1, 2, "high")
    assert crisis.confidence == "low"


def test_what_it_means_for_you_lists_weak_practices_weakest_first(risky):
    answers = {**BEST, "v_layers": "two", "v_delay": "hours", "l_monitoring": "never", "l_feedback": "never"}
    found = candidate(risky, answers, {})
    assert [(f.dimension.id, f.dimension.for_candidate.en) for f in found.for_you] == [
        ("listening", "Nobody will read what you bring back."),
        ("validation", "You will chase approvers all day."),
    ]
