"""Recommendations for the client, from the round's aggregated answers.

Each question carries an improvement item in questions.yaml (action, owner, effort, horizon), meant
for an answer below its best choice. For a round, a question's item is recommended when most of the
respondents who answered it (not "don't know") gave a risky answer (risk high or medium): the answers
most respondents gave, not one person's. Its share is that majority. The items are ranked as the
executive's plan ranks its own: by horizon (30, 90, 180 days), quick wins (high risk, low effort)
first within a horizon, then by risk, then by the share of respondents behind them.

A round easily calls for thirty items; a client acts on a few. The report shows the KEY_ITEMS that
matter most (quick wins, then high risks, then the widest shares), always one for the weakest practice
when it has any, in plan order; the API and the export carry them all.

Only all-respondents counts are read (no group is named), and a question answered by fewer people
than the anonymity threshold gives nothing: a share of two would tell what those two answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.questionnaire.model import Improvement, Question, Questionnaire

RISKY = ("high", "medium")
RISK_ORDER = {"high": 0, "medium": 1, "none": 2}
EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}
KEY_ITEMS = 8


@dataclass(frozen=True)
class Recommendation:
    question_id: str
    dimension_id: str
    improvement: Improvement
    risk: str  # the risk the answers behind it carry (the most given of them)
    respondents: int  # respondents whose answer calls for it
    answered: int  # respondents who answered the question (not "don't know")
    position: int  # the question's place in the questionnaire: the last tie-breaker

    @property
    def share(self) -> float:
        return self.respondents / self.answered

    @property
    def quick_win(self) -> bool:
        return self.improvement.is_quick_win(self.risk)

    def priority(self) -> tuple:
        """What to do first, whatever the horizon: quick wins, high risks, the widest shares, the least effort."""
        effort = EFFORT_ORDER[self.improvement.effort]
        return (not self.quick_win, RISK_ORDER[self.risk], -self.share, effort, self.position)

    def plan_order(self) -> tuple:
        return (self.improvement.horizon_days, *self.priority())


def recommendations(
    questionnaire: Questionnaire, answers: Mapping[str, Mapping[str, int]], threshold: int
) -> tuple[Recommendation, ...]:
    """The improvement items most respondents' answers call for, ranked like the executive plan."""
    found = [
        _recommendation(questionnaire, question, position, answers.get(question.id, {}), threshold)
        for position, question in enumerate(questionnaire.questions_by_id.values())
    ]
    return tuple(sorted((item for item in found if item is not None), key=Recommendation.plan_order))


def key_recommendations(
    items: tuple[Recommendation, ...], weakest_dimension_id: str | None, limit: int = KEY_ITEMS
) -> tuple[Recommendation, ...]:
    """The few items the report shows: the first by priority, one of them for the weakest practice."""
    chosen = sorted(items, key=Recommendation.priority)[:limit]
    weakest = [item for item in items if item.dimension_id == weakest_dimension_id]
    if weakest and not any(item.dimension_id == weakest_dimension_id for item in chosen):
        chosen[-1:] = [min(weakest, key=Recommendation.priority)]
    return tuple(sorted(chosen, key=Recommendation.plan_order))


def _recommendation(
    questionnaire: Questionnaire, question: Question, position: int, counts: Mapping[str, int], threshold: int
) -> Recommendation | None:
    given = {value: count for value, count in counts.items() if value in question.choices_by_value and count > 0}
    answered = sum(given.values())
    if answered < threshold:
        return None
    risks = {value: question.choices_by_value[value].risk for value in given}
    behind = {value: count for value, count in given.items() if risks[value] in RISKY}
    respondents = sum(behind.values())
    if respondents * 2 <= answered:
        return None
    most_given = max(behind, key=lambda value: (behind[value], -RISK_ORDER[risks[value]]))
    return Recommendation(
        question_id=question.id,
        dimension_id=questionnaire.dimension_of_question[question.id].id,
        improvement=question.improvement,
        risk=risks[most_given],
        respondents=respondents,
        answered=answered,
        position=position,
    )
