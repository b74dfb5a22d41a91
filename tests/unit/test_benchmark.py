"""The benchmark's k-anonymity rule and percentiles, and the questionnaire's reliability figures, against
references computed by hand or by the statistics module in the test."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.domain.benchmark.pool import OVERALL, K, cell_from_counts, contribution_scores, percentile, tally
from survey.domain.benchmark.reliability import practice_reliability

scores = st.integers(min_value=0, max_value=100)
contribution = st.fixed_dictionaries({OVERALL: scores}, optional={"strategy": scores, "crisis": scores})


@settings(max_examples=200, deadline=None)
@given(st.lists(contribution, max_size=3 * K))
def test_no_figure_is_ever_shown_for_fewer_than_k_organisations(contributions):
    cell = cell_from_counts(tally(contributions))
    assert cell.count == len(contributions)
    if len(contributions) < K:
        assert cell.dimensions == {} and not cell.shown
    for dimension, _ in cell.dimensions.items():
        behind = sum(1 for c in contributions if dimension in c)
        assert behind >= K  # a practice is shown only when k organisations scored it


@settings(max_examples=100, deadline=None)
@given(st.lists(contribution, min_size=K, max_size=K), st.integers(min_value=0, max_value=K - 1))
def test_withdrawing_one_contribution_from_a_cell_of_k_hides_it(contributions, withdrawn):
    assert cell_from_counts(tally(contributions)).shown
    remaining = contributions[:withdrawn] + contributions[withdrawn + 1 :]
    cell = cell_from_counts(tally(remaining))
    assert not cell.shown and cell.dimensions == {} and cell.count == K - 1


@settings(max_examples=200, deadline=None)
@given(st.lists(scores, min_size=2, max_size=60))
def test_percentiles_match_the_statistics_module(values):
    counts = tally({OVERALL: v} for v in values)[OVERALL]
    reference = statistics.quantiles(values, n=4, method="inclusive")
    for q, expected in zip((0.25, 0.5, 0.75), reference, strict=True):
        assert percentile(counts, q) == pytest.approx(expected)


def test_percentiles_are_rounded_half_up_to_whole_points():
    counts = tally({OVERALL: v} for v in [10, 11, 20, 30, 40, 50, 60, 70, 80, 91])[OVERALL]
    spread = cell_from_counts({OVERALL: counts}).dimensions[OVERALL]
    # by hand: p25 at position 2.25 -> 20 + 0.25*10 = 22.5 -> 23; median (40+50)/2 = 45; p75 at 6.75 -> 67.5 -> 68
    assert spread.as_dict() == {"p25": 23, "p50": 45, "p75": 68}


def test_a_contribution_stores_whole_points_and_skips_unscored_practices():
    assert contribution_scores(62.5, {"strategy": 71.4, "crisis": None}) == {OVERALL: 63, "strategy": 71}


# Reliability ------------------------------------------------------------------------------------------------

COMPLETE = [
    {"a": 100, "b": 100, "c": 50},
    {"a": 50, "b": 50, "c": 50},
    {"a": 0, "b": 50, "c": 0},
    {"a": 100, "b": 50, "c": 100},
    {"a": 0, "b": 0, "c": 0},
]


def test_alpha_and_item_rest_match_the_textbook_formulas_on_complete_data():
    result = practice_reliability("p", ["a", "b", "c"], COMPLETE)
    items = {q: [r[q] for r in COMPLETE] for q in "abc"}
    totals = [sum(r.values()) for r in COMPLETE]
    expected_alpha = 3 / 2 * (1 - sum(statistics.variance(v) for v in items.values()) / statistics.variance(totals))
    assert result.alpha == pytest.approx(expected_alpha)
    for item in result.items:
        rest = [t - r[item.question_id] for t, r in zip(totals, COMPLETE, strict=True)]
        assert item.item_rest == pytest.approx(statistics.correlation(items[item.question_id], rest))
        assert item.responses == 5
    assert result.responses == 5


def test_alpha_by_hand_on_two_questions():
    # a = (0, 100), b = (0, 100): variances 5000 each, covariance 5000 -> alpha = 2 * (1 - 10000/20000) = 1
    result = practice_reliability("p", ["a", "b"], [{"a": 0, "b": 0}, {"a": 100, "b": 100}])
    assert result.alpha == pytest.approx(1.0)
    assert [item.item_rest for item in result.items] == [pytest.approx(1.0), pytest.approx(1.0)]
    assert not result.flagged


def test_dont_knows_are_left_out_pairwise():
    # c is a don't-know for the third response: pairs with c use the other four only.
    responses = [dict(r) for r in COMPLETE]
    del responses[2]["c"]
    result = practice_reliability("p", ["a", "b", "c"], responses)
    by_id = {item.question_id: item for item in result.items}
    assert by_id["c"].responses == 4 and by_id["a"].responses == 5
    assert result.responses == 4
    # by hand from the pairwise covariance matrix
    a, b, c = ([r.get(q) for r in responses] for q in "abc")
    with_c = [i for i in range(5) if c[i] is not None]

    def cov(x, y, rows):
        return statistics.covariance([x[i] for i in rows], [y[i] for i in rows])

    every = range(5)
    matrix = {
        ("a", "a"): cov(a, a, every),
        ("b", "b"): cov(b, b, every),
        ("c", "c"): cov(c, c, with_c),
        ("a", "b"): cov(a, b, every),
        ("a", "c"): cov(a, c, with_c),
        ("b", "c"): cov(b, c, with_c),
    }
    total = sum(matrix.values()) + matrix["a", "b"] + matrix["a", "c"] + matrix["b", "c"]
    variances = matrix["a", "a"] + matrix["b", "b"] + matrix["c", "c"]
    assert result.alpha == pytest.approx(1.5 * (1 - variances / total))
    rest_c = matrix["a", "a"] + matrix["b", "b"] + 2 * matrix["a", "b"]
    expected_c = (matrix["a", "c"] + matrix["b", "c"]) / (matrix["c", "c"] * rest_c) ** 0.5
    assert by_id["c"].item_rest == pytest.approx(expected_c)


def test_a_question_that_goes_against_the_others_is_flagged_and_so_is_its_practice():
    responses = [
        {"a": 0, "b": 0, "c": 100, "d": 0},
        {"a": 50, "b": 50, "c": 50, "d": 50},
        {"a": 100, "b": 100, "c": 0, "d": 100},
        {"a": 100, "b": 50, "c": 100, "d": 50},
        {"a": 0, "b": 50, "c": 0, "d": 0},
    ]
    result = practice_reliability("p", ["a", "b", "c", "d"], responses)
    flagged = [item.question_id for item in result.items if item.flagged]
    assert flagged == ["c"]
    assert result.flagged and result.alpha < 0.6
    assert result.as_dict()["questions"][2]["review"] is True


def test_a_question_nobody_varies_on_gives_no_figure_rather_than_a_wrong_one():
    result = practice_reliability("p", ["a", "b"], [{"a": 50, "b": 0}, {"a": 50, "b": 100}])
    assert result.items[0].item_rest is None and not result.items[0].flagged
