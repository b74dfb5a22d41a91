"""The answers a sheet gives, each with what it means: its practice, its question, the choice and its risk.

Pure domain code. Every finding that states a fact about an organisation starts from one of these,
so that the report can always quote the answer behind a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.questionnaire.model import DONT_KNOW, RISK_ORDER, Choice, Dimension, Question, Questionnaire


@dataclass(frozen=True)
class GivenAnswer:
    """One real choice (not "don't know") made on one applicable question."""

    dimension: Dimension
    question: Question
    choice: Choice

    @property
    def risk(self) -> str:
        return self.choice.risk

    @property
    def is_high_risk(self) -> bool:
        return self.choice.is_high_risk

    @property
    def below_top(self) -> bool:
        """Not the question's best choice: only such answers lead to an improvement item."""
        return self.choice.score < self.question.max_score

    @property
    def score(self) -> float:
        return 100.0 * self.choice.score / self.question.max_score


@dataclass(frozen=True)
class PracticeAnswers:
    """What a sheet says about one practice: the answers given, the "don't know"s and the questions left blank."""

    dimension: Dimension
    given: tuple[GivenAnswer, ...]
    dont_know: tuple[Question, ...]
    unanswered: tuple[Question, ...]

    @property
    def high_risk(self) -> tuple[GivenAnswer, ...]:
        return tuple(answer for answer in self.given if answer.is_high_risk)

    @property
    def risk_rank(self) -> int:
        """2 when an answer carries a high risk, 1 a medium one, else 0."""
        return max((RISK_ORDER[answer.risk] for answer in self.given), default=0)


def practice_answers(dimension: Dimension, profile: str, answers: Mapping[str, str]) -> PracticeAnswers:
    """Sort a practice's applicable questions into answered, "don't know" and blank, in questionnaire order."""
    given, dont_know, unanswered = [], [], []
    for question in dimension.applicable_questions(profile):
        value = answers.get(question.id)
        if value == DONT_KNOW:
            dont_know.append(question)
        elif value in question.choices_by_value:
            given.append(GivenAnswer(dimension, question, question.choices_by_value[value]))
        else:
            unanswered.append(question)
    return PracticeAnswers(dimension, tuple(given), tuple(dont_know), tuple(unanswered))


def all_practice_answers(
    questionnaire: Questionnaire, profile: str, answers: Mapping[str, str]
) -> tuple[PracticeAnswers, ...]:
    return tuple(practice_answers(d, profile, answers) for d in questionnaire.dimensions)
