"""One practice's findings: its score, level, confidence and the answers behind it.

Pure domain code, shared by the report (findings.py), the candidate's findings and the improvement plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.findings.given_answers import PracticeAnswers, practice_answers
from survey.domain.questionnaire.model import Choice, Dimension, Level, LocalizedText, Question, Questionnaire
from survey.domain.questionnaire.scoring import DimensionScore, question_score

LOWER_HALF = 50.0  # a question scoring below this gets its improvement tip
LOW_CONFIDENCE = "low"
SUFFICIENT_CONFIDENCE = "sufficient"  # the word the report page shows: the JSON says the same


@dataclass(frozen=True)
class QuestionTip:
    question: Question
    choice: Choice
    tip: LocalizedText


@dataclass(frozen=True)
class DimensionFinding:
    dimension: Dimension
    score: DimensionScore
    level: Level | None
    recommendation: LocalizedText | None
    comment: str | None
    importance: int | None
    tips: tuple[QuestionTip, ...]
    answers: PracticeAnswers

    @property
    def dont_know_count(self) -> int:
        return len(self.score.dont_know)

    @property
    def unanswered_count(self) -> int:
        return self.score.applicable - self.score.answered - self.dont_know_count

    @property
    def confidence(self) -> str:
        """Low when fewer than half of the applicable questions are scored, or a single one: the score rests on
        too little (one answer of 100 is not a strength, one answer of 0 not yet a weakness)."""
        answered = self.score.answered
        return LOW_CONFIDENCE if answered <= 1 or answered * 2 < self.score.applicable else SUFFICIENT_CONFIDENCE

    @property
    def low_confidence(self) -> bool:
        return self.confidence == LOW_CONFIDENCE

    @property
    def mostly_unknown(self) -> bool:
        """Half or more of its questions answered "don't know": the candidate cannot tell how it works."""
        return self.dont_know_count > 0 and self.dont_know_count * 2 >= self.score.applicable

    @property
    def under_half_scored(self) -> bool:
        return self.score.answered * 2 < self.score.applicable


def middle_level(questionnaire: Questionnaire) -> Level:
    """The level in the middle of the scale: below it, a practice counts as weak."""
    return questionnaire.levels[len(questionnaire.levels) // 2]


def is_low(questionnaire: Questionnaire, score: float | None) -> bool:
    return score is not None and score < middle_level(questionnaire).min


def dimension_finding(
    questionnaire: Questionnaire,
    dimension: Dimension,
    score: DimensionScore,
    profile: str,
    answers: Mapping[str, str],
    importance: Mapping[str, int],
    comments: Mapping[str, str],
) -> DimensionFinding:
    """The findings of one practice."""
    level = questionnaire.level(score.level) if score.level else None
    recommendation = dimension.recommendation_for(score.level)
    return DimensionFinding(
        dimension=dimension,
        score=score,
        level=level,
        recommendation=recommendation.text if recommendation else None,
        comment=comments.get(dimension.id) or None,
        importance=importance.get(dimension.id),
        tips=tuple(_tips(dimension, profile, answers)),
        answers=practice_answers(dimension, profile, answers),
    )


def _tips(dimension: Dimension, profile: str, answers: Mapping[str, str]):
    """Advice tied to the answers themselves: every question answered in the lower half of its scale."""
    for question in dimension.applicable_questions(profile):
        value = question_score(question, answers.get(question.id))
        if question.tip is not None and value is not None and value < LOWER_HALF:
            yield QuestionTip(question, question.choices_by_value[answers[question.id]], question.tip)
