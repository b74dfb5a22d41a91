"""What a report says: findings per dimension, strengths and weaknesses, the candidate's fit
analysis and the executive's action plan.

Pure domain code: from a questionnaire and one answer sheet to plain data; the templates only
put words around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.questionnaire import Choice, Dimension, Level, LocalizedText, Question, Questionnaire
from survey.domain.scoring import DimensionScore, ScoreCard, question_score, score_answers

HIGH_IMPORTANCE = 4  # ratings 4 and 5 mean "this matters to me"
LOWER_HALF = 50.0  # a question scoring below this gets its improvement tip
HIGHLIGHTS = 3  # how many strengths, weaknesses and actions are named

# Verdicts of the candidate's fit analysis, from best to worst.
STRONG_FIT = "strong_fit"
GOOD_FIT = "good_fit"
ASK_BEFORE_YOU_SIGN = "ask_before_you_sign"
SERIOUS_CONCERNS = "serious_concerns"
NOT_ENOUGH_INFORMATION = "not_enough_information"


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

    @property
    def dont_know_count(self) -> int:
        return len(self.score.dont_know)

    @property
    def unanswered_count(self) -> int:
        return self.score.applicable - self.score.answered - self.dont_know_count


@dataclass(frozen=True)
class RedFlag:
    finding: DimensionFinding
    reason: str  # "low": the organisation scores low; "unknown": nothing is known yet


@dataclass(frozen=True)
class FitAnalysis:
    verdict: str
    red_flags: tuple[RedFlag, ...]
    matches: tuple[DimensionFinding, ...]
    interview_questions: tuple[tuple[DimensionFinding, tuple[LocalizedText, ...]], ...]


@dataclass(frozen=True)
class Report:
    questionnaire: Questionnaire
    profile: str
    card: ScoreCard
    overall_level: Level | None
    findings: tuple[DimensionFinding, ...]
    strengths: tuple[DimensionFinding, ...]
    weaknesses: tuple[DimensionFinding, ...]
    fit: FitAnalysis | None
    action_plan: tuple[DimensionFinding, ...]
    unknown_dimensions: tuple[DimensionFinding, ...]

    @property
    def answered_count(self) -> int:
        return sum(f.score.answered for f in self.findings)

    @property
    def dont_know_count(self) -> int:
        return sum(f.dont_know_count for f in self.findings)

    @property
    def applicable_count(self) -> int:
        return sum(f.score.applicable for f in self.findings)


def middle_level(questionnaire: Questionnaire) -> Level:
    """The level in the middle of the scale: below it, a practice counts as weak."""
    return questionnaire.levels[len(questionnaire.levels) // 2]


def is_low(questionnaire: Questionnaire, score: float | None) -> bool:
    return score is not None and score < middle_level(questionnaire).min


def build_report(
    questionnaire: Questionnaire,
    profile: str,
    answers: Mapping[str, str],
    importance: Mapping[str, int] | None = None,
    comments: Mapping[str, str] | None = None,
) -> Report:
    """Everything a report shows, computed once."""
    importance = importance or {}
    comments = comments or {}
    card = score_answers(questionnaire, profile, answers)
    findings = tuple(
        _finding(questionnaire, dimension, card.dimension(dimension.id), profile, answers, importance, comments)
        for dimension in questionnaire.dimensions
    )
    scored = sorted((f for f in findings if f.score.score is not None), key=lambda f: f.score.score)
    middle = middle_level(questionnaire).min
    return Report(
        questionnaire=questionnaire,
        profile=profile,
        card=card,
        overall_level=questionnaire.level(card.level) if card.level else None,
        findings=findings,
        strengths=tuple(f for f in reversed(scored) if f.score.score >= middle)[:HIGHLIGHTS],
        weaknesses=tuple(f for f in scored if f.score.score < middle)[:HIGHLIGHTS],
        fit=fit_analysis(questionnaire, findings, card) if importance or profile == "candidate" else None,
        action_plan=action_plan(findings),
        unknown_dimensions=tuple(f for f in findings if f.score.score is None and f.score.applicable),
    )


def _finding(questionnaire, dimension, score, profile, answers, importance, comments) -> DimensionFinding:
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
    )


def _tips(dimension: Dimension, profile: str, answers: Mapping[str, str]):
    """Advice tied to the answers themselves: every question answered in the lower half of its scale."""
    for question in dimension.applicable_questions(profile):
        value = question_score(question, answers.get(question.id))
        if question.tip is not None and value is not None and value < LOWER_HALF:
            yield QuestionTip(question, question.choices_by_value[answers[question.id]], question.tip)


def action_plan(findings: tuple[DimensionFinding, ...]) -> tuple[DimensionFinding, ...]:
    """The dimensions where improvement matters most: the largest gap to 100, times the dimension's weight."""
    candidates = [f for f in findings if f.score.score is not None and f.recommendation is not None]
    candidates.sort(key=lambda f: (-(100 - f.score.score) * f.dimension.weight, f.score.score))
    return tuple(candidates[:HIGHLIGHTS])


def fit_analysis(questionnaire: Questionnaire, findings: tuple[DimensionFinding, ...], card: ScoreCard) -> FitAnalysis:
    """Compare what matters to the candidate with what the organisation shows."""
    red_flags = []
    for finding in findings:
        if (finding.importance or 0) < HIGH_IMPORTANCE:
            continue
        if finding.score.score is None:
            red_flags.append(RedFlag(finding, "unknown"))
        elif is_low(questionnaire, finding.score.score):
            red_flags.append(RedFlag(finding, "low"))
    red_flags.sort(key=lambda flag: (-(flag.finding.importance or 0), flag.reason != "low"))
    matches = tuple(
        f
        for f in findings
        if (f.importance or 0) >= HIGH_IMPORTANCE
        and f.score.score is not None
        and not is_low(questionnaire, f.score.score)
    )
    to_ask = [f for f in findings if f.dont_know_count or f.score.score is None or is_low(questionnaire, f.score.score)]
    to_ask.sort(key=lambda f: -(f.importance or 0))
    return FitAnalysis(
        verdict=_verdict(questionnaire, red_flags, card),
        red_flags=tuple(red_flags),
        matches=matches,
        interview_questions=tuple((f, f.dimension.interview_questions) for f in to_ask),
    )


def _verdict(questionnaire: Questionnaire, red_flags: list[RedFlag], card: ScoreCard) -> str:
    if card.score is None:
        return NOT_ENOUGH_INFORMATION
    low = [flag for flag in red_flags if flag.reason == "low"]
    if len(low) >= 2 or (low and is_low(questionnaire, card.score)):
        return SERIOUS_CONCERNS
    if red_flags:
        return ASK_BEFORE_YOU_SIGN
    if card.score >= questionnaire.levels[-2].min:
        return STRONG_FIT
    return GOOD_FIT
