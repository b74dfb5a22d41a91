"""A round's client against the consultant's other clients: each other client's latest closed round, as
whole-point all-respondents scores (domain/benchmark/portfolio.py applies the k rule)."""

from __future__ import annotations

from survey.domain.benchmark.pool import Cell, contribution_scores
from survey.domain.benchmark.portfolio import portfolio_cell
from survey.domain.questionnaire.model import Questionnaire
from survey.store.round_data import aggregate_round


def round_scores(questionnaire: Questionnaire, aggregate) -> dict[str, int]:
    """The round's all-respondents scores, rounded to whole points; empty without results."""
    if not aggregate.has_results or aggregate.overall is None:
        return {}
    practices = {d.id: aggregate.dimension_mean(d.id) for d in questionnaire.dimensions}
    return contribution_scores(aggregate.overall.mean, practices)


def portfolio_of(questionnaire: Questionnaire, engagements, client_name: str) -> Cell:
    """The cell of the consultant's other clients (`engagements`: the consultant's own), one figure per client:
    its most recently closed round (left out when that round has no results to show)."""
    own = client_name.strip().casefold()
    latest: dict = {}
    for engagement in engagements:
        name = engagement.client_name.strip().casefold()
        if name == own:
            continue
        for round_ in engagement.rounds:
            closed = round_.is_closed and round_.closed_at is not None
            if closed and (name not in latest or round_.closed_at > latest[name].closed_at):
                latest[name] = round_
    scores = []
    for round_ in latest.values():
        found = round_scores(questionnaire, aggregate_round(questionnaire, round_))
        if found:
            scores.append(found)
    return portfolio_cell(scores)
