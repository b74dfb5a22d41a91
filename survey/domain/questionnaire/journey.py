"""The respondent's path through the questionnaire: which pages exist, which are complete.

Pure domain code. A profile sees one page per dimension; candidates get one more page,
"What matters to you", where they rate the importance of each dimension.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.questionnaire.model import Dimension, Questionnaire

DIMENSION = "dimension"
IMPORTANCE = "importance"
PROFILES_RATING_IMPORTANCE = ("candidate",)


@dataclass(frozen=True)
class Step:
    kind: str
    id: str


def steps_for(questionnaire: Questionnaire, profile: str) -> list[Step]:
    """Every page this profile answers, in order."""
    steps = [Step(DIMENSION, d.id) for d in questionnaire.dimensions if d.applicable_questions(profile)]
    if profile in PROFILES_RATING_IMPORTANCE:
        steps.append(Step(IMPORTANCE, IMPORTANCE))
    return steps


def rates_importance(profile: str) -> bool:
    return profile in PROFILES_RATING_IMPORTANCE


def unanswered_questions(dimension: Dimension, profile: str, answers: Mapping[str, str]) -> list[str]:
    """Applicable questions with neither a choice nor "don't know"."""
    return [q.id for q in dimension.applicable_questions(profile) if q.id not in answers]


def is_step_complete(
    questionnaire: Questionnaire, profile: str, step: Step, answers: Mapping[str, str], importance: Mapping[str, int]
) -> bool:
    if step.kind == IMPORTANCE:
        return all(d.id in importance for d in questionnaire.dimensions)
    return not unanswered_questions(questionnaire.dimension(step.id), profile, answers)


def first_incomplete_step(
    questionnaire: Questionnaire, profile: str, answers: Mapping[str, str], importance: Mapping[str, int]
) -> Step | None:
    """Where a returning respondent resumes; None when everything is answered."""
    return next(
        (
            step
            for step in steps_for(questionnaire, profile)
            if not is_step_complete(questionnaire, profile, step, answers, importance)
        ),
        None,
    )
