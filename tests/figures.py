"""Comparing two RoundAggregates computed two ways (from every answer, from tallies): equal up to float rounding."""

from __future__ import annotations

import math


def near(a, b, tolerance: float = 1e-6) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, abs_tol=tolerance)


def assert_same_spread(actual, expected) -> None:
    if expected is None:
        assert actual is None
        return
    assert actual.n == expected.n
    assert near(actual.mean, expected.mean) and near(actual.min, expected.min) and near(actual.max, expected.max)
    assert near(actual.stdev, expected.stdev, 1e-4), (actual, expected)


def assert_same_figures(actual, expected) -> None:
    """Equal up to float rounding; of two gaps, groups or questions tied on a score, either may come first."""
    assert (actual.respondents, actual.threshold) == (expected.respondents, expected.threshold)
    assert (actual.merged_groups, actual.merged_shown) == (expected.merged_groups, expected.merged_shown)
    assert_same_spread(actual.overall, expected.overall)
    assert actual.answers == expected.answers
    assert actual.dimensions.keys() == expected.dimensions.keys()
    for key, spread in expected.dimensions.items():
        assert_same_spread(actual.dimensions[key], spread)
    assert [(g.key, g.label, g.members, g.responses) for g in actual.groups] == [
        (g.key, g.label, g.members, g.responses) for g in expected.groups
    ]
    for mine, theirs in zip(actual.groups, expected.groups, strict=True):
        assert near(mine.overall, theirs.overall)
        assert mine.dimensions.keys() == theirs.dimensions.keys()
        assert all(near(mine.dimensions[k], v) for k, v in theirs.dimensions.items())
        assert mine.questions.keys() == theirs.questions.keys()
        assert all(near(mine.questions[k], v) for k, v in theirs.questions.items())
        assert mine.answers == theirs.answers  # who gave each answer: counts, exact
    assert [round(g.difference, 6) for g in actual.gaps] == [round(g.difference, 6) for g in expected.gaps]
    theirs_by_dimension = {gap.dimension_id: gap for gap in expected.gaps}
    for mine in actual.gaps:
        theirs = theirs_by_dimension[mine.dimension_id]
        assert near(mine.difference, theirs.difference) and mine.highlighted == theirs.highlighted
        if (mine.high.key, mine.low.key) == (theirs.high.key, theirs.low.key):  # else groups tied on that score
            widths = [[round(abs(q.difference), 6) for q in gap.questions] for gap in (mine, theirs)]
            assert widths[0] == widths[1]
