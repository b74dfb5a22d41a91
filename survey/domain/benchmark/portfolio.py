"""The consultant's own portfolio: a client against the consultant's other clients' closed engagements.

Their own data, so no opt-in; but a comparison with too few clients would all but name them, so figures show
only from PORTFOLIO_K other clients (below that, how many so far), with the pool's percentiles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from survey.domain.benchmark.pool import Cell, cell_from_counts

PORTFOLIO_K = 5  # other clients before the portfolio comparison shows any figure


def portfolio_cell(other_clients: Iterable[Mapping[str, int]], k: int = PORTFOLIO_K) -> Cell:
    """Percentiles of the other clients' whole-point scores (one mapping of practice -> score per client)."""
    counts: dict[str, dict[int, int]] = {}
    for scores in other_clients:
        for dimension, score in scores.items():
            by_score = counts.setdefault(dimension, {})
            by_score[score] = by_score.get(score, 0) + 1
    return cell_from_counts(counts, k=k)
