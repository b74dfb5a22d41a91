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
    DONT_KNOW_THAT_MATTERS,
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
    report = build_report(mini, "executive", {"v_layers": "three", "l_monitoring": "always", "l_feedback": "often"})
    assert [f.dimension.id for f in report.strengths] == ["listening"]
    assert [f.dimension.id for f in report.weaknesses] == ["validation"]


def test_a_practice_scored_on_a_single_answer_is_never_a_strength(mini):
    report = build_report(mini, "executive", {"v_layers": "three", "l_monitoring": "always"})
    listening = report.findings[1]
    assert listening.score.score == 100 and listening.confidence == "low"  # 100 on one answer
    assert report.strengths == ()


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
    # validation 0 (one answer, rated 5, high risk), listening 100 (rated 4), crisis 50: overall 250 / 4.5 = 55.6;
    # crisis rests on one answer (c_hours "don't know"): low confidence, so never named a strength
    assert found.verdict.id == ASK_BEFORE_YOU_SIGN
    kinds = [(r.kind, r.dimension.id if r.dimension else None) for r in found.verdict.reasons]
    assert kinds == [(RISK_THAT_MATTERS, "validation"), (STRENGTH_THAT_MATTERS, "listening")]
    sound = candidate(risky, {**answers, "c_hours": "rota"}, {"validation": 5, "listening": 4, "crisis": 2})
    assert [r.kind for r in sound.verdict.reasons][-1] == STRENGTH  # crisis on two answers: a strength again
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
    shaky = candidate(risky, {**BEST, "c_plan": "dont_know"}, {"crisis": 5})  # crisis: 0 of 2 scored, 1 "don't know"
    assert shaky.verdict.id == ASK_BEFORE_YOU_SIGN
    assert shaky.verdict.reasons[0].kind == DONT_KNOW_THAT_MATTERS and shaky.verdict.reasons[0].of == 2
    blank = {key: value for key, value in BEST.items() if key != "c_plan"}  # crisis: 0 of 2 scored, both blank
    unanswered = candidate(risky, blank, {"crisis": 5})
    assert unanswered.verdict.id == ASK_BEFORE_YOU_SIGN
    assert unanswered.verdict.reasons[0].kind == UNKNOWN_THAT_MATTERS and unanswered.verdict.reasons[0].of == 2


def test_interview_kit_ranks_by_importance_then_uncertainty_and_never_asks_what_was_answered(risky):
    answers = {"v_layers": "three", "v_delay": "dont_know", "l_monitoring": "always", "l_feedback": "often"}
    answers |= {"c_plan": "draft", "c_hours": "dont_know"}
    kit = candidate(risky, answers, {"validation": 5, "listening": 4, "crisis": 2}).kit
    assert [(q.rank, q.question.id, q.source, q.text.en if q.text else None) for q in kit.questions] == [
        (1, "v_delay", "dont_know", "How long does a sign-off take?"),
        (2, "v_layers", "risky_answer", "What happens when a post goes wrong?"),
        (3, "v_layers", "risky_answer", "Who can publish on a Sunday?"),  # added back: fewer than 7 otherwise
        (4, "c_hours", "dont_know", "Who covers evenings and weekends?"),
        # 4 are too few: an answer of listening, the practice the verdict rests on next, is checked at interview
        (5, "l_monitoring", "verify", None),
    ]
    assert kit.questions[-1].answer.choice.value == "always"
    assert kit.more == ()
    answered = {q for q, value in answers.items() if value != "dont_know"}
    assert not {q.question.id for q in kit.all if q.source not in ("risky_answer", "verify")} & answered


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
    # the two weakest practices give an item per high- and medium-risk answer: v_layers and v_delay too
    assert [(g.horizon_days, [i.answer.question.id for i in g.items]) for g in plan.groups] == [
        (30, ["l_monitoring", "v_layers"]),
        (90, ["l_feedback", "v_delay"]),
        (180, ["v_budget_line"]),
    ]
    assert [i.reason for i in plan.items] == ["weak_practice"] * 4 + ["high_risk"]
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
    assert (listening.score.answered, listening.score.applicable, listening.confidence) == (1, 2, "low")  # one answer
    assert crisis.confidence == "low"
    full = build_report(risky, "executive", {"v_layers": "one", "v_delay": "hours", "l_monitoring": "always"})
    assert full.findings[0].confidence == "sufficient"  # 2 of 3
    both = build_report(risky, "executive", {"l_monitoring": "always", "l_feedback": "often"})
    assert both.findings[1].confidence == "sufficient"


def test_what_it_means_for_you_lists_weak_practices_weakest_first(risky):
    answers = {**BEST, "v_layers": "two", "v_delay": "hours", "l_monitoring": "never", "l_feedback": "never"}
    found = candidate(risky, answers, {})
    assert [(f.dimension.id, f.dimension.for_candidate.en) for f in found.for_you] == [
        ("listening", "Nobody will read what you bring back."),
        ("validation", "You will chase approvers all day."),
    ]


def test_a_weak_practice_with_a_high_risk_keeps_its_medium_risk_answers_in_the_plan(risky):
    # crisis 0 + 50 = 25 (weakest, one high and one medium risk), validation 100 / 3 ~ 53 (two medium risks:
    # second weakest), listening 100; the medium-risk answers of both weakest practices are items too
    answers = {"c_plan": "draft", "c_hours": "nobody", "v_layers": "two", "v_delay": "hours", "v_budget_line": "yes"}
    report = build_report(risky, "executive", {**answers, "l_monitoring": "always", "l_feedback": "often"})
    planned = {(i.answer.question.id, i.answer.risk) for i in report.plan.items}
    assert planned == {("c_plan", "medium"), ("c_hours", "high"), ("v_layers", "medium"), ("v_delay", "medium")}


def test_priorities_rank_plan_items_by_what_the_scoring_says_they_add(risky):
    answers = {"v_layers": "two", "v_delay": "hours", "v_budget_line": "no", "l_monitoring": "sometimes"}
    report = build_report(risky, "executive", {**answers, "l_feedback": "never", "c_plan": "tested", "c_hours": "rota"})
    # validation 35, listening 25, crisis 100: overall (52.5 + 50 + 100) / 4.5 = 45. l_feedback never -> often
    # makes listening 75 (+50) and the overall (52.5 + 150 + 100) / 4.5 = 67.2 (+22.2)
    top = [(p.item.answer.question.id, round(p.gain_points, 1), round(p.gain_overall, 1)) for p in report.priorities]
    assert top == [("l_feedback", 50.0, 22.2), ("l_monitoring", 25.0, 11.1), ("v_delay", 30.0, 10.0)]
    assert all(p.item in report.plan.items for p in report.priorities)
    assert build_report(risky, "candidate", answers).priorities == ()


def test_advice_never_repeats_an_action_of_the_plan(mini):
    report = build_report(mini, "executive", {"v_layers": "two", "l_monitoring": "always", "l_feedback": "often"})
    validation = report.findings[0]
    assert [t.question.id for t in validation.tips] == ["v_layers"]  # in the lower half: advice...
    assert "v_layers" in {i.answer.question.id for i in report.plan.items}  # ...but the plan acts on it
    assert report.advice(validation) == ()


def test_kit_holds_five_questions_at_least_with_verify_questions_on_the_practices_the_verdict_rests_on(risky):
    # one "don't know" and no risk: one question from the sources, four to verify, practices of the verdict first
    answers = {"v_layers": "none", "v_delay": "minutes", "l_monitoring": "always", "l_feedback": "often"}
    found = candidate(risky, {**answers, "c_plan": "tested", "c_hours": "dont_know"}, {"listening": 5, "crisis": 1})
    kit = found.kit.questions
    assert len(kit) == 5 and kit[0].source == "dont_know"
    verify = kit[1:]
    assert {q.source for q in verify} == {"verify"}
    drivers = [r.dimension.id for r in found.verdict.reasons if r.dimension]
    assert verify[0].dimension.id == drivers[0]
    for item in verify:  # each checks an answer the candidate gave, in its own practice
        assert item.answer.dimension == item.dimension
        assert answers.get(item.question.id, "tested") == item.answer.choice.value
    assert len({q.question.id for q in kit}) == 5


def test_every_kit_question_quotes_its_own_practice(questionnaire):
    quick = questionnaire.ten_minute_version
    ids = quick.applicable_question_ids("candidate")
    answers = {qid: quick.questions_by_id[qid].choices[-1].value for qid in ids}
    answers[ids[0]] = "dont_know"
    report = build_report(quick, "candidate", answers, {d.id: 5 for d in quick.dimensions}, quick=True)
    kit = report.candidate.kit.questions
    assert 5 <= len(kit) <= 7
    for item in kit:
        assert item.question in item.dimension.questions
        assert item.answer is None or item.answer.question in item.dimension.questions


def test_dont_know_on_half_of_a_practice_that_matters_caps_the_verdict_at_ask(risky):
    # validation rated 5: v_layers at the top, v_delay "don't know" (1 of 2 questions); everything else at the top
    answers = {**BEST_EVERYWHERE, "v_delay": "dont_know"}
    found = candidate(risky, answers, {"validation": 5, "listening": 3, "crisis": 3})
    assert found.verdict.id == ASK_BEFORE_YOU_SIGN
    first = found.verdict.reasons[0]
    assert (first.kind, first.dimension.id, first.question.id, first.count, first.of) == (
        DONT_KNOW_THAT_MATTERS,
        "validation",
        "v_delay",
        1,
        2,
    )
    assert candidate(risky, answers, {"validation": 3, "listening": 3, "crisis": 3}).verdict.id == STRONG_FIT


def test_a_low_confidence_weakest_practice_says_so(risky):
    answers = {**BEST_EVERYWHERE, "l_monitoring": "dont_know", "l_feedback": "never"}  # listening 0 on one answer
    reasons = candidate(risky, answers, {}).verdict.reasons
    weak = [r for r in reasons if r.kind == "weak_practice"]
    assert weak and weak[0].dimension.id == "listening" and weak[0].low_confidence
