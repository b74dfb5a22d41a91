"""The consultant's synthesis of a round: answer shares counted by hand, anonymity, the summary's figures
against the tables', and progress that tells a clear change from noise."""

from __future__ import annotations

import math
import statistics

import pytest

from survey.domain.rounds.aggregate import RoundAggregator
from survey.domain.rounds.group_progress import NOISE_Z, ScoreChange, noise_band
from survey.domain.rounds.synthesis import (
    LARGEST_CHANGE,
    STRONGEST_PRACTICE,
    WEAKEST_PRACTICE,
    WIDEST_GAP,
    build_synthesis,
)
from tests.unit.test_aggregate import COMMUNITY, EXECUTIVES, GROUPS, hand_set, sheet

SMALL_GROUPS = {3, 4}  # Legal and Marketing: one respondent each (mini: threshold 3)


def test_answer_shares_per_group_match_a_hand_count(mini):
    synthesis = build_synthesis(mini, hand_set(mini))
    validation = synthesis.gaps[0]
    assert validation.gap.dimension_id == "validation" and validation.rank == 1 and validation.prominent
    shares = {question.question_id: question.shares() for question in validation.questions}
    # EXECUTIVES answered v_delay minutes, minutes, hours; COMMUNITY days, hours, hours (see test_aggregate).
    assert shares["v_delay"] == {1: {"minutes": 2, "hours": 1}, 2: {"hours": 2, "days": 1}}
    assert shares["v_layers"] == {1: {"one": 2, "none": 1}, 2: {"one": 1, "three": 1, "two": 1}}
    delay = next(q for q in validation.questions if q.question_id == "v_delay")
    executives, community = delay.groups
    assert (executives.top_values, executives.top_count, executives.total) == (("minutes",), 2, 3)
    assert (community.top_values, community.top_count, community.total) == (("hours",), 2, 3)


def test_a_tie_shows_every_answer_most_given(mini):
    layers = next(q for q in build_synthesis(mini, hand_set(mini)).gaps[0].questions if q.question_id == "v_layers")
    assert layers.groups[1].top_values == ("one", "three", "two") and layers.groups[1].top_count == 1


def test_all_respondents_answer_counts_include_small_groups_and_dont_know(mini):
    result = hand_set(mini)
    # none: one executive and Legal; one: two executives and one community manager; Marketing: don't know.
    assert result.answers["v_layers"] == {"none": 2, "one": 3, "three": 1, "two": 1, "dont_know": 1}


def test_no_group_under_the_threshold_appears_anywhere_in_the_synthesis(mini):
    synthesis = build_synthesis(mini, hand_set(mini), hand_set(mini))
    named = {group.key for group in synthesis.heatmap.groups}
    named |= {key for item in synthesis.gaps for key in (item.gap.high.key, item.gap.low.key)}
    named |= {key for item in synthesis.gaps for question in item.questions for key in question.shares()}
    named |= {row.key for row in synthesis.progress}
    assert named == {1, 2, "all"}
    assert not named & SMALL_GROUPS


def test_the_summary_states_the_figures_of_the_tables(mini):
    before = hand_set(mini)
    aggregator = RoundAggregator(mini)
    for answers in EXECUTIVES + [sheet("none", "minutes", "yes", "always", "often")] * 3:
        aggregator.add(1, "executive", answers)
    for answers in COMMUNITY:
        aggregator.add(2, "staff", answers)
    after = aggregator.result(GROUPS)
    synthesis = build_synthesis(mini, after, before)
    weakest, widest, change = synthesis.summary
    means = {key: spread.mean for key, spread in after.dimensions.items()}
    assert (weakest.kind, weakest.dimension_id) == (WEAKEST_PRACTICE, min(means, key=means.get))
    assert weakest.figure == means[weakest.dimension_id]
    assert (widest.kind, widest.figure) == (WIDEST_GAP, after.gaps[0].difference)
    assert widest.figure == synthesis.gaps[0].gap.difference
    everyone = synthesis.progress[0]
    assert change.kind == LARGEST_CHANGE
    assert change.figure == everyone.change(change.dimension_id).change
    assert abs(change.figure) == max(abs(c.change) for c in everyone.changes[1:])


def test_a_first_round_names_its_strongest_practice_instead_of_a_change(mini):
    result = hand_set(mini)
    strongest = build_synthesis(mini, result).summary[2]
    means = {key: spread.mean for key, spread in result.dimensions.items()}
    assert strongest.kind == STRONGEST_PRACTICE and strongest.figure == max(means.values())


def test_the_noise_band_is_two_standard_errors_of_the_difference_of_means(mini):
    before, after = hand_set(mini).groups[0].spreads["overall"], hand_set(mini).groups[1].spreads["overall"]
    first, second = [100, 80, 30], [0, 85 / 3, 260 / 3]  # the executives' and community's overall scores
    expected = NOISE_Z * math.sqrt(statistics.variance(first) / 3 + statistics.variance(second) / 3)
    assert noise_band(before, after) == pytest.approx(expected)


def test_a_change_inside_the_noise_band_is_not_clear(mini):
    before = hand_set(mini)
    aggregator = RoundAggregator(mini)
    moved = [sheet("none", "minutes", "yes", "always", "often"), *EXECUTIVES[1:]]  # overall 30 -> 100 for one
    for answers in moved:
        aggregator.add(1, "executive", answers)
    for answers in COMMUNITY:
        aggregator.add(2, "staff", answers)
    executives = build_synthesis(mini, aggregator.result(GROUPS), before).progress[1]
    assert executives.key == 1 and executives.overall.change == pytest.approx(0)
    listening = executives.change("listening")
    assert listening.change == pytest.approx(0)
    validation = executives.change("validation")
    assert validation.change == pytest.approx(0) and not validation.clear
    # A real but noisy move: one executive of three changes their mind.
    aggregator = RoundAggregator(mini)
    for answers in [EXECUTIVES[0], EXECUTIVES[1], sheet("none", "minutes", "yes", "sometimes", "often")]:
        aggregator.add(1, "executive", answers)
    for answers in COMMUNITY:
        aggregator.add(2, "staff", answers)
    row = build_synthesis(mini, aggregator.result(GROUPS), before).progress[1]
    change = row.change("validation")
    assert change.change == pytest.approx(20) and abs(change.change) < change.noise and not change.clear


def test_a_change_wider_than_the_noise_is_clear_and_a_changed_group_size_is_flagged(mini):
    low = RoundAggregator(mini)
    high = RoundAggregator(mini)
    for _ in range(3):
        low.add(1, "staff", sheet("three", "days", "no", "never", "never"))
    for _ in range(6):
        high.add(1, "staff", sheet("none", "minutes", "yes", "always", "often"))
    synthesis = build_synthesis(mini, high.result(GROUPS), low.result(GROUPS))
    group = synthesis.progress[1]
    assert group.overall.change == pytest.approx(100) and group.overall.clear
    assert group.respondents_changed  # 3, then 6
    assert synthesis.progress[0].key == "all" and synthesis.progress[0].respondents_changed


def test_the_heatmap_holds_each_group_mean_and_its_level(mini):
    result = hand_set(mini)
    heatmap = build_synthesis(mini, result).heatmap
    validation = next(row for row in heatmap.rows if row.dimension_id == "validation")
    executives, community = validation.cells
    assert executives.value == pytest.approx(230 / 3) and executives.level_id == "mid"
    assert community.value == pytest.approx(95 / 3) and community.level_id == "low"
    assert executives.shade > community.shade  # lighter as the score rises: readable in greyscale
    assert heatmap.rows[-1].dimension_id == "overall" and heatmap.rows[-1].cells[0].value == pytest.approx(70)
    assert validation.everyone.value == pytest.approx(result.dimension_mean("validation"))


def test_below_the_threshold_there_is_no_synthesis(mini):
    aggregator = RoundAggregator(mini)
    aggregator.add(1, "executive", EXECUTIVES[0])
    synthesis = build_synthesis(mini, aggregator.result(GROUPS))
    assert synthesis.summary == () and synthesis.gaps == () and synthesis.heatmap is None


def test_recommendations_come_from_the_risky_answers_most_respondents_gave(mini):
    items = build_synthesis(mini, hand_set(mini)).recommendations
    # v_delay: hours (medium) 3 + days (high) 1 = 4 of the 7 who answered; l_monitoring: sometimes 3 + never 1.
    # v_budget_line ("no", 3 of 7), l_feedback ("never", 3 of 7), v_layers (2 of 7): no majority, no item.
    assert [(item.question_id, item.respondents, item.answered, item.risk) for item in items] == [
        ("v_delay", 4, 7, "medium"),
        ("l_monitoring", 4, 7, "medium"),
    ]
    assert items[0].share == pytest.approx(4 / 7)
    assert (items[0].improvement.owner, items[0].improvement.effort, items[0].improvement.horizon_days) == (
        "lead",
        "low",
        30,
    )


def test_recommendations_are_ranked_like_the_plan_and_quick_wins_come_first(mini):
    aggregator = RoundAggregator(mini)
    for _ in range(3):
        aggregator.add(1, "staff", sheet("three", "days", "no", "never", "never"))
    items = build_synthesis(mini, aggregator.result(GROUPS)).recommendations
    assert [item.improvement.horizon_days for item in items] == sorted(item.improvement.horizon_days for item in items)
    thirty = [item for item in items if item.improvement.horizon_days == 30]
    assert thirty[0].quick_win and all(item.share == 1 for item in items)


def test_a_question_answered_by_fewer_than_the_threshold_recommends_nothing(mini):
    aggregator = RoundAggregator(mini)
    for _ in range(2):
        aggregator.add(1, "staff", sheet("three", "days", "no", "never", "never"))
    aggregator.add(1, "staff", {key: "dont_know" for key in sheet(*"abcde")})
    assert aggregator.result(GROUPS).has_results
    assert build_synthesis(mini, aggregator.result(GROUPS)).recommendations == ()


def test_the_report_shows_a_few_key_items_with_one_for_the_weakest_practice(mini):
    from survey.domain.rounds.recommendations import key_recommendations

    aggregator = RoundAggregator(mini)
    for _ in range(3):
        aggregator.add(1, "staff", sheet("three", "days", "no", "never", "never"))
    items = build_synthesis(mini, aggregator.result(GROUPS)).recommendations
    chosen = key_recommendations(items, "listening", limit=1)
    assert len(chosen) == 1 and chosen[0].dimension_id == "listening"
    assert key_recommendations(items, None, limit=2) == tuple(
        sorted(sorted(items, key=lambda item: item.priority())[:2], key=lambda item: item.plan_order())
    )


@pytest.mark.parametrize(
    ("previous", "current", "noise", "verdict"),
    [
        (40.0, 60.0, 12.0, "clear rise"),
        (60.0, 40.0, 12.0, "clear fall"),
        (60.0, 51.9, 17.0, "no clear change"),  # the deck once showed this one as "−8.1"
        (40.0, 52.0, 12.0, "no clear change"),  # exactly the noise: not wider than it
        (40.0, 90.0, None, "no clear change"),  # noise that cannot be measured is never clear
        (None, 60.0, 12.0, None),  # nothing to judge
    ],
)
def test_one_verdict_per_change_whatever_its_sign(previous, current, noise, verdict):
    change = ScoreChange("autonomy", previous, current, noise)
    assert change.verdict == verdict
    assert change.clear == (verdict in ("clear rise", "clear fall"))
