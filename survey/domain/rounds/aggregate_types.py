"""The figures of an aggregated round, and the running accumulator they are computed with.

Pure domain code (see aggregate.py). Scores are 0-100; None means "no score" (nobody answered).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spread:
    """How far respondents agree on a score: the smaller the standard deviation, the wider the consensus."""

    n: int
    mean: float
    min: float
    max: float
    stdev: float  # population standard deviation: the spread of these respondents, 0 for one


@dataclass
class Accumulator:
    """Welford's running mean and variance, with min and max; two accumulators merge exactly (Chan et al.)."""

    n: int = 0
    mean: float = 0.0
    m2: float = 0.0
    min: float = math.inf
    max: float = -math.inf

    def add(self, value: float) -> None:
        self.n += 1
        delta = value - self.mean
        self.mean += delta / self.n
        self.m2 += delta * (value - self.mean)
        self.min = min(self.min, value)
        self.max = max(self.max, value)

    def merged(self, other: Accumulator) -> Accumulator:
        if not other.n:
            return Accumulator(self.n, self.mean, self.m2, self.min, self.max)
        if not self.n:
            return Accumulator(other.n, other.mean, other.m2, other.min, other.max)
        n = self.n + other.n
        delta = other.mean - self.mean
        return Accumulator(
            n=n,
            mean=self.mean + delta * other.n / n,
            m2=self.m2 + other.m2 + delta * delta * self.n * other.n / n,
            min=min(self.min, other.min),
            max=max(self.max, other.max),
        )

    def spread(self) -> Spread | None:
        if not self.n:
            return None
        return Spread(self.n, self.mean, self.min, self.max, math.sqrt(max(self.m2, 0.0) / self.n))


@dataclass(frozen=True)
class GroupSummary:
    """A group as shown in a report: its mean scores, never its respondents' own."""

    key: Hashable
    label: str | None  # None for the merged "other groups"
    members: tuple[str, ...]  # the role groups it stands for
    responses: int
    overall: float | None
    dimensions: Mapping[str, float | None]
    questions: Mapping[str, float]  # question id -> mean question score (0-100), where someone answered
    spreads: Mapping[str, Spread | None] = field(default_factory=dict)  # dimension id or "overall" -> spread
    answers: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # question id -> choice value -> count


@dataclass(frozen=True)
class QuestionGap:
    question_id: str
    high: float
    low: float
    difference: float


@dataclass(frozen=True)
class Gap:
    """A perception gap: two groups that see a dimension differently; `highlighted` for the few widest
    that pass the highlight mark (see aggregate.py), so that what stands out still stands out."""

    dimension_id: str
    high: GroupSummary
    low: GroupSummary
    difference: float
    highlighted: bool
    questions: tuple[QuestionGap, ...]


@dataclass(frozen=True)
class RoundAggregate:
    """Everything a round's report shows. With fewer respondents than `threshold`, only the count."""

    respondents: int  # submitted responses
    threshold: int
    people: int | None = None  # respondents as far as they can be told apart; None: one per response
    overall: Spread | None = None
    dimensions: Mapping[str, Spread | None] = field(default_factory=dict)
    groups: tuple[GroupSummary, ...] = ()
    merged_groups: tuple[str, ...] = ()  # labels of the groups too small to be shown on their own
    merged_shown: bool = False  # whether those form a shown "other groups"
    gaps: tuple[Gap, ...] = ()
    answers: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # all respondents' answer counts

    @property
    def has_results(self) -> bool:
        return (self.respondents if self.people is None else self.people) >= self.threshold

    def dimension_mean(self, dimension_id: str) -> float | None:
        spread = self.dimensions.get(dimension_id)
        return spread.mean if spread else None


@dataclass(frozen=True)
class Change:
    """One score in round n-1 and round n."""

    key: str  # a dimension id, or "overall"
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


def progress(previous: RoundAggregate, current: RoundAggregate) -> tuple[Change, ...]:
    """Round n against round n-1, for all respondents: overall first, then each dimension."""
    keys = list(current.dimensions) or list(previous.dimensions)
    before = {"overall": previous.overall.mean if previous.overall else None}
    after = {"overall": current.overall.mean if current.overall else None}
    for key in keys:
        before[key] = previous.dimension_mean(key)
        after[key] = current.dimension_mean(key)
    return tuple(Change(key, before[key], after[key]) for key in ["overall", *keys])


def anonymous_comments(comments: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Comments by dimension, without who wrote them: sorted, so that their order tells nothing either."""
    by_dimension: dict[str, list[str]] = {}
    for dimension_id, text in comments:
        if text and text.strip():
            by_dimension.setdefault(dimension_id, []).append(text.strip())
    return {dimension_id: sorted(texts, key=str.casefold) for dimension_id, texts in by_dimension.items()}


CONSENSUS_LEVELS = ((10.0, "strong"), (20.0, "moderate"))  # standard deviation below each bound


def consensus(spread: Spread | None) -> str | None:
    """How much respondents agree: "strong" (sd < 10 points), "moderate" (< 20) or "weak"."""
    if spread is None or spread.n < 2:
        return None
    return next((name for bound, name in CONSENSUS_LEVELS if spread.stdev < bound), "weak")
