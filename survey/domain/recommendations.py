"""Recommendations for the client, from the round's aggregated answers.

Each question carries an improvement item in questions.yaml (action, owner, effort, horizon), meant
for an answer below its best choice. For a round, a question's item is recommended when most of the
respondents who answered it (not "don't know") gave a risky answer (risk high or medium): the answers
most respondents gave, not one person's. Its share is that majority. The items are ranked as the
executive's plan ranks its own: by horizon (30, 90, 180 days), quick wins (high risk, low effort)
first within a horizon, then by risk, then by the share of respondents behind them.

Only all-respondents counts are read (no group is named), and a question answered by fewer people
than the anonymity threshold gives nothing: a share of two would tell what those two answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from survey.domain.questionnaire import Question, Questionnaire

if TYPE_CHECKING:
    from survey.domain.questionnaire import Improvement

RISKY = ("high", "medium")
RISK_ORDER = {"high": 0, "medium": 1, "none": 2}
EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Recommendation:
    question_id: str
    dimension_id: str
    improvement: Improvement
    risk: str  # the risk the answers behind it carry (the most given of them)
    respondents: int  # respondents whose answer calls for it
    answered: int  # respondents who answered the question (not "don't know")

    @property
    def share(self) -> float:
        return self.respondents / self.answered

    @property
    def quick_win(self) -> bool:
        return self.risk == "high" and self.improvement.effort == "low"

    def rank_key(self, position: int) -> tuple:
        return (
            self.improvement.horizon_days,
            not self.quick_win,
            RISK_ORDER[self.risk],
            -self.share,
            EFFORT_ORDER[self.improvement.effort],
            position,
        )


def recommendations(
    questionnaire: Questionnaire, answers: Mapping[str, Mapping[str, int]], threshold: int
) -> tuple[Recommendation, ...]:
    """The improvement items most respondents' answers call for, ranked like the executive plan."""
    found = []
    for position, question in enumerate(questionnaire.questions_by_id.values()):
        item = _recommendation(questionnaire, question, answers.get(question.id, {}), threshold)
        if item is not None:
            found.append((item.rank_key(position), item))
    return tuple(item for _, item in sorted(found, key=lambda pair: pair[0]))


def _recommendation(
    questionnaire: Questionnaire, question: Question, counts: Mapping[str, int], threshold: int
) -> Recommendation | None:
    given = {value: count for value, count in counts.items() if value in question.choices_by_value and count > 0}
    answered = sum(given.values())
    improvement = getattr(question, "improvement", None)  # until the questionnaire carries them (issue 15)
    if answered < threshold or improvement is None:
        return None
    risks = {value: getattr(question.choices_by_value[value], "risk", None) for value in given}
    behind = {value: count for value, count in given.items() if risks[value] in RISKY}
    respondents = sum(behind.values())
    if respondents * 2 <= answered:
        return None
    most_given = max(behind, key=lambda value: (behind[value], -RISK_ORDER[risks[value]]))
    return Recommendation(
        question_id=question.id,
        dimension_id=questionnaire.dimension_of_question[question.id].id,
        improvement=improvement,
        risk=risks[most_given],
        respondents=respondents,
        answered=answered,
    )
