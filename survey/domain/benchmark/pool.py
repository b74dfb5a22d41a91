"""The k-anonymity rule and percentiles of a benchmark cell.

A cell (a sector x size band x profile filter) shows figures only when at least K organisations are in it;
below K it says how many there are so far, and nothing else. Percentiles (25th, median, 75th) are computed
from how many organisations have each whole-point score (the store keeps these counts pre-aggregated), with
linear interpolation between order statistics (numpy's default method), then rounded to whole points.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

K = 10  # organisations per cell before any figure is shown
OVERALL = "overall"  # the key of the overall score beside the practices'
QUARTILES = (0.25, 0.5, 0.75)

SECTORS = (
    "retail",
    "public_sector",
    "finance",
    "health",
    "industry",
    "media",
    "tech",
    "tourism",
    "nonprofit",
    "other",
)
SIZE_BANDS = ("1-49", "50-249", "250-999", "1000+")


def whole_points(value: float) -> int:
    """Round half up to a whole point (Python's round() would send 12.5 to 12 and 13.5 to 14)."""
    return int(math.floor(value + 0.5))


@dataclass(frozen=True)
class Spread:
    p25: int
    p50: int
    p75: int

    def as_dict(self) -> dict[str, int]:
        return {"p25": self.p25, "p50": self.p50, "p75": self.p75}


@dataclass(frozen=True)
class Cell:
    """What a filter of the pool may show: `count` organisations; `dimensions` only when count >= k."""

    count: int
    k: int
    dimensions: dict[str, Spread]  # empty below k
    demo: bool = False  # some of the organisations are synthetic demo data

    @property
    def shown(self) -> bool:
        return self.count >= self.k

    def as_dict(self) -> dict:
        return {"count": self.count, "k": self.k, "dimensions": {d: s.as_dict() for d, s in self.dimensions.items()}}


def percentile(counts: Mapping[int, int], q: float) -> float:
    """The q-quantile of scores given as score -> how many organisations have it (linear interpolation)."""
    total = sum(counts.values())
    if total <= 0:
        raise ValueError("no score to take a percentile of")
    position = (total - 1) * q
    lower, upper = math.floor(position), math.ceil(position)
    return _order_statistic(counts, lower) + (position - lower) * (
        _order_statistic(counts, upper) - _order_statistic(counts, lower)
    )


def _order_statistic(counts: Mapping[int, int], index: int) -> int:
    """The index-th smallest score (0-based)."""
    seen = 0
    for score in sorted(counts):
        seen += counts[score]
        if index < seen:
            return score
    raise IndexError(index)


def spread(counts: Mapping[int, int]) -> Spread:
    return Spread(*(whole_points(percentile(counts, q)) for q in QUARTILES))


def cell_from_counts(counts_by_dimension: Mapping[str, Mapping[int, int]], k: int = K, demo: bool = False) -> Cell:
    """The cell of pre-aggregated counts (dimension -> score -> organisations). Every contribution has an
    overall score, so the organisations are counted there; a practice a contribution did not score is left out
    of that practice's percentiles only."""
    count = sum(counts_by_dimension.get(OVERALL, {}).values())
    if count < k:
        return Cell(count=count, k=k, dimensions={}, demo=demo)
    dimensions = {
        dimension: spread(counts)
        for dimension, counts in counts_by_dimension.items()
        if sum(counts.values()) >= k  # a practice scored by fewer than k is withheld too
    }
    return Cell(count=count, k=k, dimensions=dimensions, demo=demo)


ANY = "*"  # a tally row that counts every sector, size band or profile (pre-aggregated roll-ups)


def cells_of(sector: str, size_band: str, profile: str) -> list[tuple[str, str, str]]:
    """Every cell a contribution counts in: its own and each roll-up with "any" in place of some filters, so
    reading any filter is one exact lookup of at most (dimensions x 101 scores) rows."""
    return [(se, si, pr) for se in (sector, ANY) for si in (size_band, ANY) for pr in (profile, ANY)]


def tally(contributions: Iterable[Mapping[str, int]]) -> dict[str, dict[int, int]]:
    """Contributions (dimension -> whole-point score) counted per dimension and score."""
    counts: dict[str, dict[int, int]] = {}
    for scores in contributions:
        for dimension, score in scores.items():
            per_score = counts.setdefault(dimension, {})
            per_score[score] = per_score.get(score, 0) + 1
    return counts


def contribution_scores(overall: float | None, practices: Mapping[str, float | None]) -> dict[str, int]:
    """What a contribution stores: the overall score and each scored practice, rounded to whole points."""
    if overall is None:
        raise ValueError("a contribution needs an overall score")
    scores = {OVERALL: whole_points(overall)}
    scores.update({dimension: whole_points(score) for dimension, score in practices.items() if score is not None})
    return scores
