"""The questionnaire: questions.yaml turned into typed, immutable objects.

Pure domain code: imports nothing from Flask. Strict: an unknown key is an error. Loading the file and
reporting its problems is questionnaire_loader.py's job.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from survey.domain.languages import LANGUAGES, french_typography

DONT_KNOW = "dont_know"

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Frozen):
    """A text in every language the product speaks."""

    en: NonEmpty
    fr: NonEmpty

    @field_validator("fr")
    @classmethod
    def _french_typography(cls, text: str) -> str:
        return french_typography(text)

    def get(self, lang: str) -> str:
        """The text in `lang`, English when the language is unknown."""
        return getattr(self, lang) if lang in LANGUAGES else self.en


class Profile(_Frozen):
    id: Identifier
    name: LocalizedText
    description: LocalizedText | None = None


class Level(_Frozen):
    id: Identifier
    min: float = Field(ge=0, le=100)
    name: LocalizedText
    description: LocalizedText


class Choice(_Frozen):
    value: Identifier
    score: int = Field(ge=0)
    label: LocalizedText


class Question(_Frozen):
    id: Identifier
    weight: float = Field(default=1, gt=0)
    profiles: tuple[Identifier, ...] = ()
    text: LocalizedText
    text_by_profile: dict[Identifier, LocalizedText] = Field(default_factory=dict)
    tip: LocalizedText | None = None
    choices: tuple[Choice, ...] = Field(min_length=2)

    @cached_property
    def max_score(self) -> int:
        return max(choice.score for choice in self.choices)

    @cached_property
    def choices_by_value(self) -> dict[str, Choice]:
        return {choice.value: choice for choice in self.choices}

    def applies_to(self, profile: str) -> bool:
        """An empty `profiles` list means the question is asked of everyone."""
        return not self.profiles or profile in self.profiles

    def text_for(self, profile: str) -> LocalizedText:
        """The wording for this profile: candidates look from outside, insiders say "we"."""
        return self.text_by_profile.get(profile, self.text)


class Recommendation(_Frozen):
    level: Identifier
    text: LocalizedText


class Dimension(_Frozen):
    id: Identifier
    weight: float = Field(default=1, gt=0)
    title: LocalizedText
    description: LocalizedText
    questions: tuple[Question, ...] = Field(min_length=1)
    recommendations: tuple[Recommendation, ...] = ()
    interview_questions: tuple[LocalizedText, ...] = Field(min_length=2)
    red_flags: tuple[LocalizedText, ...] = ()

    def applicable_questions(self, profile: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.applies_to(profile))

    def recommendation_for(self, level_id: str | None) -> Recommendation | None:
        return next((r for r in self.recommendations if r.level == level_id), None)


class Questionnaire(_Frozen):
    id: Identifier
    version: NonEmpty
    profiles: tuple[Profile, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=2)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for d in self.dimensions for q in d.questions}

    @cached_property
    def dimension_of_question(self) -> dict[str, Dimension]:
        return {q.id: d for d in self.dimensions for q in d.questions}

    @cached_property
    def profile_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.profiles)

    def profile(self, profile_id: str) -> Profile:
        return next(p for p in self.profiles if p.id == profile_id)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def level(self, level_id: str) -> Level:
        return next(lvl for lvl in self.levels if lvl.id == level_id)

    def applicable_question_ids(self, profile: str) -> list[str]:
        return [q.id for d in self.dimensions for q in d.applicable_questions(profile)]
