"""The questionnaire: questions.yaml turned into typed, immutable objects.

Pure domain code: imports nothing from Flask. Strict: an unknown key is an error. Loading the file and
reporting its problems is questionnaire_loader.py's job.

Beyond scores, the questionnaire says what each answer means (issue 15), so that reports reason from
the answers given rather than from fixed sentences: a `risk` per choice, and per question why a risky
answer matters, what to ask at interview, what to negotiate and how the organisation can improve.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from survey.domain.questionnaire.languages import LANGUAGES, french_typography

DONT_KNOW = "dont_know"
CANDIDATE = "candidate"  # the profile that sizes up an employer from outside: interview kit, 10-minute version

HIGH_RISK = "high"
MEDIUM_RISK = "medium"
NO_RISK = "none"
Risk = Literal["high", "medium", "none"]
Effort = Literal["low", "medium", "high"]
Horizon = Literal[30, 90, 180]
RISK_ORDER = {NO_RISK: 0, MEDIUM_RISK: 1, HIGH_RISK: 2}

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


class Owner(_Frozen):
    """A role that owns improvement actions (leadership, legal, the community manager...)."""

    id: Identifier
    name: LocalizedText


class Level(_Frozen):
    id: Identifier
    min: float = Field(ge=0, le=100)
    name: LocalizedText
    description: LocalizedText


class Choice(_Frozen):
    value: Identifier
    score: int = Field(ge=0)
    risk: Risk  # what this answer means for the job, AWS Well-Architected style
    label: LocalizedText

    @property
    def is_high_risk(self) -> bool:
        return self.risk == HIGH_RISK


class Improvement(_Frozen):
    """What the organisation can do when its answer is below the top choice, and who owns it."""

    action: LocalizedText
    owner: Identifier
    effort: Effort
    horizon_days: Horizon

    def is_quick_win(self, risk: str) -> bool:
        """A quick win, the one meaning every report gives it: a high risk removed for a low effort."""
        return risk == HIGH_RISK and self.effort == "low"


class ListenFor(_Frozen):
    """What a candidate listens for in the answer to a kit question at interview."""

    good: LocalizedText  # what a reassuring answer sounds like
    warning: LocalizedText  # what a worrying one sounds like


class Question(_Frozen):
    id: Identifier
    weight: float = Field(default=1, gt=0)
    profiles: tuple[Identifier, ...] = ()
    text: LocalizedText
    text_by_profile: dict[Identifier, LocalizedText] = Field(default_factory=dict)
    tip: LocalizedText | None = None
    quick: StrictBool = False  # part of the candidate's 10-minute version
    why: LocalizedText  # why a risky answer matters for the community manager's job (candidate's voice)
    interview: LocalizedText  # what a candidate asks at interview after answering "don't know"
    negotiate: LocalizedText | None = None  # the point to put in the offer after a high-risk answer
    listen_for: ListenFor | None = None  # the interview sheet's good and worrying answers (required for candidates)
    improvement: Improvement
    choices: tuple[Choice, ...] = Field(min_length=2)

    @cached_property
    def max_score(self) -> int:
        return max(choice.score for choice in self.choices)

    @cached_property
    def choices_by_value(self) -> dict[str, Choice]:
        return {choice.value: choice for choice in self.choices}

    @cached_property
    def has_high_risk(self) -> bool:
        return any(choice.is_high_risk for choice in self.choices)

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
    for_candidate: LocalizedText  # what a weak score means for the candidate's day-to-day job
    recommendations: tuple[Recommendation, ...] = ()
    # Extra questions for a risky practice; they never ask what a question of the dimension asks.
    interview_questions: tuple[LocalizedText, ...] = Field(min_length=2)

    def applicable_questions(self, profile: str, quick_only: bool = False) -> tuple[Question, ...]:
        """The questions this profile answers; `quick_only` keeps those of the 10-minute version."""
        return tuple(q for q in self.questions if q.applies_to(profile) and (q.quick or not quick_only))

    def recommendation_for(self, level_id: str | None) -> Recommendation | None:
        return next((r for r in self.recommendations if r.level == level_id), None)


class Questionnaire(_Frozen):
    id: Identifier
    version: NonEmpty
    profiles: tuple[Profile, ...] = Field(min_length=1)
    owners: tuple[Owner, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=2)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for d in self.dimensions for q in d.questions}

    @cached_property
    def dimension_of_question(self) -> dict[str, Dimension]:
        return {q.id: d for d in self.dimensions for q in d.questions}

    @cached_property
    def question_ids_by_dimension(self) -> dict[str, list[str]]:
        """Every question of each dimension, whatever the profile: what its page may show."""
        return {d.id: [q.id for q in d.questions] for d in self.dimensions}

    @cached_property
    def profile_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.profiles)

    def profile(self, profile_id: str) -> Profile:
        return next(p for p in self.profiles if p.id == profile_id)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def level(self, level_id: str) -> Level:
        return next(lvl for lvl in self.levels if lvl.id == level_id)

    def owner(self, owner_id: str) -> Owner:
        return next(o for o in self.owners if o.id == owner_id)

    def applicable_question_ids(self, profile: str, quick_only: bool = False) -> list[str]:
        return [q.id for d in self.dimensions for q in d.applicable_questions(profile, quick_only)]

    @cached_property
    def quick_question_ids(self) -> tuple[str, ...]:
        """The 10-minute version: the questions a candidate can observe or ask, one or two per dimension."""
        return tuple(q.id for d in self.dimensions for q in d.questions if q.quick)

    @cached_property
    def ten_minute_version(self) -> Questionnaire:
        """The candidate's 10-minute version: this questionnaire with its quick questions only.

        Everything downstream (pages, scoring, reports) takes it as it takes the full one, so the short
        version is scored the same way, each practice on the questions it asked. Built from already
        validated parts with model_construct, so no cached property of the full questionnaire leaks in.
        """
        dimensions = tuple(
            Dimension.model_construct(**{**dict(d), "questions": tuple(q for q in d.questions if q.quick)})
            for d in self.dimensions
            if any(q.quick for q in d.questions)
        )
        return Questionnaire.model_construct(**{**dict(self), "dimensions": dimensions})
