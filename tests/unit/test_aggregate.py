"""Aggregation of a round: hand-computed means, spread, gaps and anonymity, plus properties."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.domain.questionnaire.model import DONT_KNOW
from survey.domain.questionnaire.scoring import score_answers
from survey.domain.rounds.aggregate import (
    OTHER_GROUPS,
    RoundAggregator,
    aggregate_rows,
    aggregate_tallies,
)
from survey.domain.rounds.aggregate_types import Accumulator, RoundAggregate, anonymous_comments, progress
from survey.domain.rounds.running_sums import VALUE_SCALE, Tally, TallyChanges, tally_changes
from tests.figures import assert_same_figures


def sheet(layers, delay, budget, monitoring, feedback):
    return {
        "v_layers": layers,
        "v_delay": delay,
        "v_budget_line": budget,
        "l_monitoring": monitoring,
        "l_feedback": feedback,
    }


# Hand-computed (mini.yaml): validation = (layers + 3 * delay + budget) / 5, listening = mean of its two,
# overall = (validation + 2 * listening) / 3.
EXECUTIVES = [
    sheet("none", "minutes", "yes", "always", "often"),  # validation 100, listening 100, overall 100
    sheet("one", "minutes", "yes", "sometimes", "often"),  # 90, 75, 80
    sheet("one", "hours", "no", "sometimes", "never"),  # 40, 25, 30
]
COMMUNITY = [
    sheet("three", "days", "no", "never", "never"),  # 0, 0, 0
    sheet("two", "hours", "no", "sometimes", "never"),  # 35, 25, 28.33
    sheet("one", "hours", "yes", "always", "often"),  # 60, 100, 86.67
]
LEGAL = [sheet("none", "minutes", "yes", "always", "often")]  # 100, 100, 100
MARKETING = [{key: DONT_KNOW for key in sheet(*"abcde")}]  # no score at all, still a respondent
GROUPS = [(1, "Executive committee"), (2, "Community management"), (3, "Legal"), (4, "Marketing")]


def hand_set(mini, marketing=MARKETING) -> RoundAggregate:
    aggregator = RoundAggregator(mini)
    for key, profile, sheets in ((1, "executive", EXECUTIVES), (2, "staff", COMMUNITY), (3, "staff", LEGAL)):
        for answers in sheets:
            aggregator.add(key, profile, answers)
    for answers in marketing:
        aggregator.add(4, "staff", answers)
    return aggregator.result(GROUPS)


def test_means_and_spread_over_all_respondents(mini):
    result = hand_set(mini)
    assert result.respondents == 8 and result.has_results
    validation = [100, 90, 40, 0, 35, 60, 100]  # the "don't know" respondent has no validation score
    spread = result.dimensions["validation"]
    assert spread.n == 7
    assert spread.mean == pytest.approx(statistics.mean(validation))
    assert (spread.min, spread.max) == (0, 100)
    assert spread.stdev == pytest.approx(statistics.pstdev(validation))
    assert result.dimensions["listening"].mean == pytest.approx((100 + 75 + 25 + 0 + 25 + 100 + 100) / 7)
    assert result.overall.mean == pytest.approx((100 + 80 + 30 + 0 + 85 / 3 + 260 / 3 + 100) / 7)


def test_group_means_and_small_groups_never_shown(mini):
    result = hand_set(mini)
    assert [g.label for g in result.groups] == ["Executive committee", "Community management"]
    executives, community = result.groups
    assert executives.responses == 3
    assert executives.dimensions["validation"] == pytest.approx(230 / 3)
    assert executives.dimensions["listening"] == pytest.approx(200 / 3)
    assert executives.overall == pytest.approx(70)
    assert community.dimensions["validation"] == pytest.approx(95 / 3)
    assert community.overall == pytest.approx(115 / 3)
    # Legal (1) and Marketing (1) are merged, and the merge (2) is still too small to be shown
    assert result.merged_groups == ("Legal", "Marketing")
    assert not result.merged_shown
    assert all(g.key != OTHER_GROUPS for g in result.groups)


def test_small_groups_reaching_the_threshold_together_are_shown_as_other_groups(mini):
    marketing = [*MARKETING, sheet("two", "days", "no", "never", "often")]  # 5, 50, 35
    result = hand_set(mini, marketing)
    other = result.groups[-1]
    assert other.key == OTHER_GROUPS and other.label is None
    assert other.members == ("Legal", "Marketing") and other.responses == 3
    assert other.dimensions["validation"] == pytest.approx((100 + 5) / 2)  # the "don't know" sheet has none
    assert result.merged_shown


def test_the_threshold_counts_people_not_responses(mini):
    # The community team's three responses came from two browsers: two people, so it is not shown on its
    # own; merged with legal and marketing it makes four people, shown as "other groups" with its 3 responses.
    aggregator = RoundAggregator(mini)
    for key, profile, sheets in ((1, "executive", EXECUTIVES), (2, "staff", COMMUNITY), (3, "staff", LEGAL)):
        for answers in sheets:
            aggregator.add(key, profile, answers)
    result = aggregator.result(GROUPS, people={1: 3, 2: 2, 3: 1})
    assert [g.label for g in result.groups] == ["Executive committee", None]
    assert result.groups[1].members == ("Community management", "Legal") and result.groups[1].responses == 4
    assert result.respondents == 7 and result.people == 6 and result.has_results
    assert not aggregator.result(GROUPS, people={1: 1, 2: 1, 3: 0}).has_results  # 7 responses, 2 people


def test_perception_gaps_widest_first_with_the_questions_that_differ_most(mini):
    gaps = hand_set(mini).gaps
    assert [gap.dimension_id for gap in gaps] == ["validation", "listening"]
    validation = gaps[0]
    assert validation.high.label == "Executive committee" and validation.low.label == "Community management"
    assert validation.difference == pytest.approx(45)
    assert validation.highlighted
    assert [q.question_id for q in validation.questions] == ["v_delay", "v_layers", "v_budget_line"]
    assert validation.questions[0].high == pytest.approx(250 / 3)
    assert validation.questions[0].low == pytest.approx(100 / 3)
    assert validation.questions[0].difference == pytest.approx(50)
    assert gaps[1].difference == pytest.approx(25)


def test_a_small_gap_is_listed_but_not_highlighted(mini):
    aggregator = RoundAggregator(mini)
    for key in (1, 2):
        for layers in ("one", "one", "two" if key == 1 else "one"):
            aggregator.add(key, "staff", {"v_layers": layers})
    gap = aggregator.result(GROUPS).gaps[0]
    assert gap.difference == pytest.approx(25 / 3) and not gap.highlighted


def test_groups_that_agree_exactly_are_two_groups_zero_points_apart(mini):
    aggregator = RoundAggregator(mini)
    for key in (1, 2):
        for _ in range(3):
            aggregator.add(key, "staff", {"v_layers": "one"})
    gap = aggregator.result(GROUPS).gaps[0]
    assert gap.high is not gap.low and gap.difference == 0


def test_fewer_than_three_respondents_show_no_score(mini):
    aggregator = RoundAggregator(mini)
    aggregator.add(1, "executive", EXECUTIVES[0])
    aggregator.add(2, "staff", COMMUNITY[0])
    result = aggregator.result(GROUPS)
    assert result.respondents == 2 and not result.has_results
    assert result.overall is None and result.groups == () and result.gaps == () and not result.dimensions


def test_rows_stream_gives_the_same_result_as_adding_responses(mini):
    responses = (
        [(1, "executive", a) for a in EXECUTIVES]
        + [(2, "staff", a) for a in COMMUNITY]
        + [(3, "staff", a) for a in LEGAL]
        + [(4, "staff", a) for a in MARKETING]
    )
    rows = [
        (response_id, key, profile, question_id, value)
        for response_id, (key, profile, answers) in enumerate(responses)
        for question_id, value in answers.items()
    ]
    assert aggregate_rows(mini, rows, GROUPS) == hand_set(mini)


def test_progress_compares_round_n_with_round_n_minus_one(mini):
    before = hand_set(mini)
    aggregator = RoundAggregator(mini)
    for answers in EXECUTIVES:
        aggregator.add(1, "executive", answers)
    after = aggregator.result(GROUPS)
    changes = {change.key: change for change in progress(before, after)}
    assert list(changes)[0] == "overall"
    assert changes["validation"].before == pytest.approx(425 / 7)
    assert changes["validation"].after == pytest.approx(230 / 3)
    assert changes["validation"].delta == pytest.approx(230 / 3 - 425 / 7)
    empty = progress(RoundAggregate(respondents=1, threshold=3), after)
    assert all(change.before is None and change.delta is None for change in empty)


def test_comments_are_grouped_by_dimension_and_carry_no_order():
    comments = anonymous_comments(
        [("validation", "zeta"), ("validation", " Alpha "), ("listening", ""), ("listening", "b")]
    )
    assert comments == {"validation": ["Alpha", "zeta"], "listening": ["b"]}


@settings(max_examples=200, deadline=None)
@given(
    left=st.lists(st.floats(0, 100), max_size=30),
    right=st.lists(st.floats(0, 100), max_size=30),
)
def test_merged_accumulators_equal_one_over_all_values(left, right):
    a, b, whole = Accumulator(), Accumulator(), Accumulator()
    for value in left:
        a.add(value)
        whole.add(value)
    for value in right:
        b.add(value)
        whole.add(value)
    merged = a.merged(b)
    assert merged.n == whole.n == len(left + right)
    if merged.n:
        spread = merged.spread()
        assert spread.mean == pytest.approx(statistics.fmean(left + right), abs=1e-9)
        assert spread.stdev == pytest.approx(statistics.pstdev(left + right), abs=1e-6)
        assert (spread.min, spread.max) == (min(left + right), max(left + right))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), profile=st.sampled_from(["candidate", "executive", "staff"]))
def test_three_identical_responses_aggregate_to_their_scorecard(mini, data, profile):
    """The aggregator scores exactly as scoring.py does: three copies of a sheet average to its card."""
    answers = {}
    for dimension in mini.dimensions:
        for question in dimension.applicable_questions(profile):
            values = [c.value for c in question.choices] + [DONT_KNOW, None]
            value = data.draw(st.sampled_from(values))
            if value is not None:
                answers[question.id] = value
    card = score_answers(mini, profile, answers)
    aggregator = RoundAggregator(mini)
    for _ in range(3):
        aggregator.add(1, profile, answers)
    result = aggregator.result([(1, "Everyone")])
    assert result.overall is None if card.score is None else result.overall.mean == pytest.approx(card.score)
    for dimension in card.dimensions:
        spread = result.dimensions[dimension.id]
        if dimension.score is None:
            assert spread is None
        else:
            assert spread.mean == pytest.approx(dimension.score) and spread.stdev == pytest.approx(0, abs=1e-9)


def tallies_of(changes: TallyChanges) -> list[Tally]:
    """What the database holds after these changes: sums per row, and each score's extremes (values still held)."""
    extremes: dict[tuple, list[int]] = {}
    for (group, metric, value), count in changes.values.items():
        assert count >= 0  # a value is never taken away more often than it was added
        if count:
            extremes.setdefault((group, metric), []).append(value)
    return [
        Tally(group, metric, count, total, squares, *_ends(extremes.get((group, metric))))
        for (group, metric), (count, total, squares) in changes.sums.items()
    ]


def _ends(values: list[int] | None) -> tuple[float | None, float | None]:
    return (None, None) if not values else (min(values) / VALUE_SCALE, max(values) / VALUE_SCALE)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), size=st.integers(0, 25))
def test_tallies_summed_over_submits_edits_and_erasures_give_the_streamed_figures(mini, data, size):
    """Whatever happened to a round, its tallies give the figures of aggregating its remaining answers."""
    profiles = {1: "executive", 2: "staff", 3: "staff", 4: "candidate"}
    aggregator = RoundAggregator(mini)

    def sheet() -> dict[str, str]:
        answers = {}
        for dimension in mini.dimensions:
            for question in dimension.questions:
                value = data.draw(st.sampled_from([c.value for c in question.choices] + [DONT_KNOW, None]))
                if value is not None:
                    answers[question.id] = value
        # A submitted response answered every page (if only "don't know"); an answerless one has no row for the
        # streamed reference to count, while its tallies rightly count it.
        return answers or {mini.dimensions[0].questions[0].id: DONT_KNOW}

    responses, changes = {}, []
    for response_id in range(size):
        group = data.draw(st.sampled_from(sorted(profiles)))
        responses[response_id] = (group, sheet())
        changes.append((group, aggregator.score(profiles[group], responses[response_id][1]), 1))
    for response_id in sorted(responses):
        group, before = responses[response_id]
        action = data.draw(st.sampled_from(["keep", "keep", "edit", "erase"]))
        if action == "edit":
            after = {**before, **sheet()}
            changes.append((group, aggregator.score(profiles[group], before), -1))
            changes.append((group, aggregator.score(profiles[group], after), 1))
            responses[response_id] = (group, after)
        elif action == "erase":
            changes.append((group, aggregator.score(profiles[group], before), -1))
            del responses[response_id]
    groups = [(key, f"Group {key}") for key in profiles]
    rows = [
        (response_id, group, profiles[group], question_id, value)
        for response_id, (group, answers) in sorted(responses.items())
        for question_id, value in answers.items()
    ]
    expected = aggregate_rows(mini, rows, groups)
    assert_same_figures(aggregate_tallies(mini, tallies_of(tally_changes(changes)), groups), expected)
