"""Scoring: (questionnaire, profile, answers) -> dimension scores, overall score and levels.

Pure domain code. The rules, in words:
- a question scores 100 * chosen score / highest score of that question;
- "don't know" and unanswered questions score nothing: they are left out of the mean rather
  than counted as zero, because not knowing says nothing about the practice itself (the report
  turns them into questions to ask instead);
- a dimension is the weighted mean of its scored applicable questions, None when none is scored;
- the overall score is the weighted mean of the dimensions that have a score;
- a level is the one with the highest threshold <= the unrounded score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from survey.domain.questionnaire.model import DONT_KNOW, Dimension, Level, Question, Questionnaire


@dataclass(frozen=True)
class DimensionScore:
    id: str
    score: float | None
    level: str | None
    answered: int
    applicable: int
    dont_know: tuple[str, ...]
    weight: float = 1.0

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "score": rounded(self.score),
            "level": self.level,
            "answered": self.answered,
            "applicable": self.applicable,
        }


@dataclass(frozen=True)
class ScoreCard:
    score: float | None
    level: str | None
    dimensions: tuple[DimensionScore, ...]

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dimension_id)

    @property
    def answered_dont_know(self) -> tuple[str, ...]:
        return tuple(qid for d in self.dimensions for qid in d.dont_know)

    def as_dict(self) -> dict:
        """The JSON shape printed by `flask score` and served by the API."""
        return {
            "overall": {"score": rounded(self.score), "level": self.level},
            "dimensions": [d.as_dict() for d in self.dimensions],
        }


def rounded(score: float | None) -> float | None:
    """Scores are shown with one decimal; levels are always taken from the unrounded value."""
    return None if score is None else round(score, 1)


def question_score(question: Question, answer: str | None) -> float | None:
    """0-100 for a real choice; None for "don't know", no answer or an unknown value."""
    if answer is None or answer == DONT_KNOW:
        return None
    choice = question.choices_by_value.get(answer)
    if choice is None:
        return None
    return 100.0 * choice.score / question.max_score


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None for an empty list."""
    total_weight = sum(weight for _, weight in pairs)
    if not pairs or total_weight <= 0:
        return None
    return sum(value * weight for value, weight in pairs) / total_weight


def level_for(levels: tuple[Level, ...], score: float | None) -> Level | None:
    """The level with the highest threshold not above `score`."""
    if score is None:
        return None
    reached = [level for level in levels if level.min <= score]
    return max(reached, key=lambda level: level.min) if reached else levels[0]


def dimension_score(
    dimension: Dimension, profile: str, answers: Mapping[str, str], levels: tuple[Level, ...]
) -> DimensionScore:
    """Score one dimension for one respondent."""
    applicable = dimension.applicable_questions(profile)
    scored = []
    dont_know = []
    for question in applicable:
        answer = answers.get(question.id)
        if answer == DONT_KNOW:
            dont_know.append(question.id)
        value = question_score(question, answer)
        if value is not None:
            scored.append((value, question.weight))
    score = weighted_mean(scored)
    level = level_for(levels, score)
    return DimensionScore(
        id=dimension.id,
        score=score,
        level=level.id if level else None,
        answered=len(scored),
        applicable=len(applicable),
        dont_know=tuple(dont_know),
        weight=dimension.weight,
    )


def score_answers(questionnaire: Questionnaire, profile: str, answers: Mapping[str, str]) -> ScoreCard:
    """Score a whole answer sheet."""
    dimensions = tuple(
        dimension_score(dimension, profile, answers, questionnaire.levels) for dimension in questionnaire.dimensions
    )
    overall = weighted_mean([(d.score, d.weight) for d in dimensions if d.score is not None])
    level = level_for(questionnaire.levels, overall)
    return ScoreCard(score=overall, level=level.id if level else None, dimensions=dimensions)


DISPLAY_NOISE = Decimal("1e-9")  # below this, a difference is the float arithmetic's, not the answers'


def shown_decimal(value: float, digits: int = 1) -> Decimal:
    """A score as every format shows it, to `digits` decimals, rounded half up: 11.25 shows as 11.3 on the
    web page, in the PDF and the deck as in Excel (which rounds a stored 11.25 up whatever we write), and
    11.249999999999998 (11.25 to the float arithmetic) rounds with it."""
    exact = Decimal(repr(value)).quantize(DISPLAY_NOISE, rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
