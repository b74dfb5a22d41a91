"""Employers side by side, and what an update after the interview changed (survey/domain/findings/comparison.py).

mini (tests/fixtures/mini.yaml): validation (v_layers 0-4, v_delay 0-2) and listening (l_monitoring 0-2,
l_feedback 0-3); risky (findings.yaml) for verdicts. The comparison takes the verdicts from build_report
unchanged: these tests check how it lines them up, never a verdict rule of its own.
"""

from __future__ import annotations

import pytest

from survey.domain.findings.candidate import NOT_ENOUGH_INFORMATION
from survey.domain.findings.comparison import Employer, compare, version_change
from survey.domain.findings.report import build_report

BEST = {"v_layers": "none", "v_delay": "minutes", "l_monitoring": "always", "l_feedback": "often", "c_plan": "tested"}
WORST = {"v_layers": "three", "v_delay": "days", "l_monitoring": "never", "l_feedback": "never", "c_plan": "no"}


def employer(questionnaire, name, answers, importance=None, version=1):
    return Employer(name, version, build_report(questionnaire, "candidate", answers, importance or {}))


def test_the_practices_where_employers_differ_most_come_first_with_best_and_worst(risky):
    acme = employer(risky, "Acme", BEST)
    beta = employer(risky, "Beta", {**BEST, "l_monitoring": "never", "l_feedback": "never", "v_delay": "hours"})
    comparison = compare([acme, beta])
    first = comparison.differences[0]
    assert first.dimension.id == "listening"
    assert first.best[0] == "Acme" and first.worst[0] == "Beta"
    assert first.spread == first.best[1] - first.worst[1] > 0
    assert [d.dimension.id for d in comparison.top_differences] == ["listening", "validation"]


def test_importance_weighs_which_difference_comes_first(risky):
    acme = employer(risky, "Acme", BEST)
    beta = employer(risky, "Beta", {**BEST, "l_monitoring": "sometimes", "v_layers": "three", "v_delay": "days"})
    plain = compare([acme, beta])
    assert plain.differences[0].dimension.id == "validation"
    weighted = compare([acme, beta], {"listening": 5, "validation": 1})
    assert weighted.differences[0].dimension.id == "listening"


def test_a_practice_scored_for_one_employer_only_is_no_difference(risky):
    acme = employer(risky, "Acme", BEST)
    beta = employer(risky, "Beta", {k: "dont_know" for k in BEST} | {"v_layers": "three"})
    ids = [d.dimension.id for d in compare([acme, beta]).differences]
    assert "validation" in ids and "listening" not in ids and "crisis" not in ids


def test_verdicts_and_their_first_reason_come_from_each_report(risky):
    acme = employer(risky, "Acme", BEST, {"listening": 5})
    unknown = employer(risky, "Beta", {k: "dont_know" for k in BEST})
    comparison = compare([acme, unknown])
    assert comparison.employers[0].verdict_id == acme.report.candidate.verdict.id
    assert comparison.employers[0].first_reason == acme.report.candidate.verdict.reasons[0]
    assert comparison.employers[1].verdict_id == NOT_ENOUGH_INFORMATION
    assert comparison.employers[1].kit == unknown.report.candidate.kit.questions and unknown.kit


@pytest.mark.parametrize("count", [0, 1, 5])
def test_a_comparison_holds_two_to_four_employers(risky, count):
    with pytest.raises(ValueError, match="2 to 4"):
        compare([employer(risky, f"E{i}", BEST) for i in range(count)])


def test_version_change_counts_dont_know_now_answered_and_the_verdict_before_and_after(risky):
    before_answers = {**BEST, "v_delay": "dont_know", "l_monitoring": "dont_know"}
    after_answers = {**BEST, "v_delay": "days", "l_monitoring": "never"}
    before = build_report(risky, "candidate", before_answers, {"listening": 5, "validation": 5})
    after = build_report(risky, "candidate", after_answers, {"listening": 5, "validation": 5})
    change = version_change(before, after, before_answers, after_answers)
    assert change.now_answered == ("v_delay", "l_monitoring")
    assert change.verdict_before == before.candidate.verdict.id
    assert change.verdict_after == after.candidate.verdict.id
    assert change.verdict_changed == (before.candidate.verdict.id != after.candidate.verdict.id)
    assert change.overall_after != change.overall_before


def test_an_answer_turned_into_dont_know_is_not_counted_as_answered(risky):
    before_answers = dict(BEST)
    after_answers = {**BEST, "v_delay": "dont_know"}
    before = build_report(risky, "candidate", before_answers)
    after = build_report(risky, "candidate", after_answers)
    assert version_change(before, after, before_answers, after_answers).now_answered == ()
