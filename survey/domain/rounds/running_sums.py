"""What one response adds to its round's running sums, and how changes to a round are summed.

A submit adds a response's contribution, an edit after submit takes the old one away and adds the new
one, an erasure takes it away: each is a set of (group, metric) increments (count, sum, sum of squares) and
of score histogram increments, which survey/store/tallies.py writes and aggregate.aggregate_tallies reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

# Tally metrics: "responses" counts a group's submitted responses, "q:<question id>" sums its question
# scores, "s:<dimension id>" and "s:overall" sum its respondents' scores (and keep their extremes),
# "c:<question id>:<choice code>" counts who gave each answer (the code: the choice's position in the
# question, or "dk" for "don't know"; short, so that any question id fits the metric column).
RESPONSES = "responses"
QUESTION = "q"
SCORE = "s"
CHOICE = "c"
DONT_KNOW_CODE = "dk"
VALUE_SCALE = 1_000_000  # a score's extremes are stored in micro-points: an integer, exact as a key


@dataclass(frozen=True)
class ScoredResponse:
    """What one response contributes: its question scores (0-100), its dimension and overall scores, and the
    answer it gave to each question it was asked (as a choice code, see CHOICE), "don't know" included."""

    questions: tuple[tuple[str, float], ...]
    scores: dict[str, float]  # dimension id or OVERALL -> score
    choices: tuple[tuple[str, str], ...] = ()  # (question id, choice code)


@dataclass(frozen=True)
class Tally:
    """Running sums of one metric in one group: what a report needs, whatever the number of responses.

    count, sum and sum of squares give the mean and the variance; low and high (the smallest and largest
    stored value, for scores only) the spread. Adding or removing a response is an increment of each.
    """

    group: Hashable
    metric: str
    count: int
    total: float = 0.0
    squares: float = 0.0
    low: float | None = None
    high: float | None = None


def tally_lines(scored: ScoredResponse) -> list[tuple[str, float | None]]:
    """(metric, value) pairs of one response; value None for the response count itself."""
    return [
        (RESPONSES, None),
        *((f"{QUESTION}:{question_id}", score) for question_id, score in scored.questions),
        *((f"{SCORE}:{key}", value) for key, value in scored.scores.items()),
        *((f"{CHOICE}:{question_id}:{code}", None) for question_id, code in scored.choices),
    ]


@dataclass(frozen=True)
class TallyChanges:
    """What some responses add to (or take from) a round's tallies, summed per row; rows left as they were
    are left out. Keys are in sorted order, the order they are written in."""

    sums: dict[tuple[Hashable, str], tuple[int, float, float]]  # (group, metric) -> count, total, squares
    values: dict[tuple[Hashable, str, int], int]  # (group, score metric, micro-points) -> count


def tally_changes(changes: Iterable[tuple[Hashable, ScoredResponse, int]]) -> TallyChanges:
    """Sum (group, scored response, sign) changes: sign 1 adds a response, -1 takes it away."""
    sums: dict[tuple[Hashable, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    values: dict[tuple[Hashable, str, int], int] = defaultdict(int)
    for group, response, sign in changes:
        for metric, value in tally_lines(response):
            line = sums[group, metric]
            line[0] += sign
            if value is not None:
                line[1] += sign * value
                line[2] += sign * value * value
                if metric.startswith(f"{SCORE}:"):
                    values[group, metric, round(value * VALUE_SCALE)] += sign
    return TallyChanges(
        sums={
            key: (int(count), total, squares)
            for key, (count, total, squares) in sorted(sums.items())
            if any((count, total, squares))
        },
        values={key: count for key, count in sorted(values.items()) if count},
    )
