"""The plan's priorities: its items ranked by what each would bring, computed by the scoring itself.

Pure domain code. For a plan item, moving its answer to the question's top choice (everything else as
answered) raises its practice by `gain_points` and the overall score by `gain_overall`: both come from
score_answers on the changed sheet, so a priority never claims more than the score would show. The
items are ranked by gain_overall, then gain_points, then the plan's own order; the first three open
the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from survey.domain.findings.improvement_plan import PlanItem
from survey.domain.questionnaire.model import Questionnaire
from survey.domain.questionnaire.scoring import ScoreCard, score_answers

TOP_PRIORITIES = 3


@dataclass(frozen=True)
class Priority:
    item: PlanItem
    gain_points: float  # on the item's practice, 0 to 100
    gain_overall: float  # on the overall score


def item_gain(
    questionnaire: Questionnaire, profile: str, answers: Mapping[str, str], card: ScoreCard, item: PlanItem
) -> Priority:
    """What moving the item's answer to its question's top choice changes, scored like any sheet."""
    question = item.answer.question
    top = max(question.choices, key=lambda choice: choice.score)
    better = score_answers(questionnaire, profile, {**answers, question.id: top.value})
    dimension_id = item.answer.dimension.id
    before, after = card.dimension(dimension_id).score, better.dimension(dimension_id).score
    return Priority(
        item,
        gain_points=(after or 0.0) - (before or 0.0),
        gain_overall=(better.score or 0.0) - (card.score or 0.0),
    )


def priorities(
    questionnaire: Questionnaire,
    profile: str,
    answers: Mapping[str, str],
    card: ScoreCard,
    items: Sequence[PlanItem],
    count: int = TOP_PRIORITIES,
) -> tuple[Priority, ...]:
    """The `count` plan items that would raise the overall score most, largest gain first."""
    gains = [item_gain(questionnaire, profile, answers, card, item) for item in items]
    ranked = sorted(gains, key=lambda gain: (-round(gain.gain_overall, 9), -round(gain.gain_points, 9)))
    return tuple(gain for gain in ranked[:count] if gain.gain_overall > 0)
