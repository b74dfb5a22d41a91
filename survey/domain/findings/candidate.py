"""A candidate's findings: the verdict and its reasons, red flags, the points to negotiate and
what a weak practice means for the job. The interview kit is in interview_kit.py.

Pure domain code. A red flag is a high-risk answer the candidate gave, quoted; a sheet with no
high-risk answer has none. The verdict weighs those answers by the importance the candidate gave
each practice, and its reasons name the answers and ratings it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from survey.domain.findings.given_answers import GivenAnswer
from survey.domain.findings.interview_kit import InterviewKit, interview_kit
from survey.domain.findings.practice import DimensionFinding, is_low
from survey.domain.questionnaire.model import Dimension, LocalizedText, Question, Questionnaire
from survey.domain.questionnaire.scoring import ScoreCard

HIGH_IMPORTANCE = 4  # ratings 4 and 5 mean "this matters to me"
MAX_REASONS = 3

# Verdicts, from best to worst.
STRONG_FIT = "strong_fit"
GOOD_FIT = "good_fit"
ASK_BEFORE_YOU_SIGN = "ask_before_you_sign"
SERIOUS_CONCERNS = "serious_concerns"
NOT_ENOUGH_INFORMATION = "not_enough_information"

# Kinds of reason; the documents layer words each one (survey/documents/respondent/findings_text.py).
RISK_THAT_MATTERS = "risk_that_matters"  # a high-risk answer in a practice rated 4 or 5
UNKNOWN_THAT_MATTERS = "unknown_that_matters"  # a practice rated 4 or 5 scored on fewer than half its questions
DONT_KNOW_THAT_MATTERS = "dont_know_that_matters"  # a practice rated 4 or 5, "don't know" to half its questions or more
RISK = "risk"  # a high-risk answer elsewhere
STRENGTH_THAT_MATTERS = "strength_that_matters"  # a practice rated 4 or 5 at or above the middle, its best answer
WEAK_PRACTICE = "weak_practice"  # a practice below the middle, its lowest answer (low_confidence: on too little)
STRENGTH = "strength"  # another practice at or above the middle without a high-risk answer, its best answer
NO_HIGH_RISK = "no_high_risk"  # not one high-risk answer among those given
ALL_UNKNOWN = "all_unknown"  # nothing could be scored


@dataclass(frozen=True)
class Reason:
    kind: str
    dimension: Dimension | None = None
    importance: int | None = None
    answer: GivenAnswer | None = None
    score: float | None = None  # the practice's score
    count: int = 0  # ALL_UNKNOWN, DONT_KNOW_THAT_MATTERS: "don't know"s; UNKNOWN_THAT_MATTERS, WEAK_PRACTICE:
    # answers scored; NO_HIGH_RISK: answers given
    of: int = 0  # applicable questions
    question: Question | None = None  # DONT_KNOW_THAT_MATTERS: the first question answered "don't know"
    low_confidence: bool = False  # WEAK_PRACTICE: the practice is scored on too few answers to be sure


@dataclass(frozen=True)
class Verdict:
    id: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class RedFlag:
    """A high-risk answer the candidate gave, and why it matters for the job (question.why)."""

    answer: GivenAnswer
    importance: int | None

    @property
    def why(self) -> LocalizedText:
        return self.answer.question.why


@dataclass(frozen=True)
class NegotiationPoint:
    answer: GivenAnswer

    @property
    def question(self) -> Question:
        return self.answer.question

    @property
    def text(self) -> LocalizedText:
        return self.answer.question.negotiate


@dataclass(frozen=True)
class CandidateFindings:
    verdict: Verdict
    red_flags: tuple[RedFlag, ...]
    kit: InterviewKit
    negotiate: tuple[NegotiationPoint, ...]
    for_you: tuple[DimensionFinding, ...]  # weak practices, weakest first: what each means for the job


def candidate_findings(
    questionnaire: Questionnaire, findings: Sequence[DimensionFinding], card: ScoreCard
) -> CandidateFindings:
    """Everything the candidate's report says beyond the scores."""
    flags = red_flags(findings)
    found = verdict(questionnaire, findings, card)
    drivers = [reason.dimension.id for reason in found.reasons if reason.dimension is not None]
    return CandidateFindings(
        verdict=found,
        red_flags=flags,
        kit=interview_kit(findings, drivers),
        negotiate=tuple(NegotiationPoint(flag.answer) for flag in flags if flag.answer.question.negotiate),
        for_you=tuple(
            sorted((f for f in findings if is_low(questionnaire, f.score.score)), key=lambda f: f.score.score)
        ),
    )


def red_flags(findings: Sequence[DimensionFinding]) -> tuple[RedFlag, ...]:
    """Every high-risk answer given, most important practice first, then in questionnaire order."""
    flags = [RedFlag(answer, f.importance) for f in findings for answer in f.answers.high_risk]
    return tuple(sorted(flags, key=lambda flag: -(flag.importance or 0)))


def _matters(finding: DimensionFinding) -> bool:
    return (finding.importance or 0) >= HIGH_IMPORTANCE


def verdict(questionnaire: Questionnaire, findings: Sequence[DimensionFinding], card: ScoreCard) -> Verdict:
    """The verdict and the two or three reasons behind it, most telling first."""
    if card.score is None:
        applicable = sum(f.score.applicable for f in findings)
        dont_know = sum(f.dont_know_count for f in findings)
        return Verdict(NOT_ENOUGH_INFORMATION, (Reason(ALL_UNKNOWN, count=dont_know, of=applicable),))
    by_importance = sorted(findings, key=lambda f: -(f.importance or 0))
    risky_that_matter = [f for f in by_importance if _matters(f) and f.answers.high_risk]
    # what the candidate could not tell about a practice that matters to them caps the verdict: "ask" first
    unknown_that_matter = [f for f in by_importance if _matters(f) and (f.mostly_unknown or f.under_half_scored)]
    other_risks = [f for f in by_importance if not _matters(f) and f.answers.high_risk]
    if len(risky_that_matter) >= 2 or (risky_that_matter and is_low(questionnaire, card.score)):
        verdict_id = SERIOUS_CONCERNS
    elif risky_that_matter or unknown_that_matter or other_risks:
        verdict_id = ASK_BEFORE_YOU_SIGN
    elif card.score >= questionnaire.levels[-2].min:
        verdict_id = STRONG_FIT
    else:
        verdict_id = GOOD_FIT
    concerns = [
        *(Reason(RISK_THAT_MATTERS, f.dimension, f.importance, f.answers.high_risk[0]) for f in risky_that_matter),
        *(_unknown_reason(f) for f in unknown_that_matter),
        *(Reason(RISK, f.dimension, f.importance, f.answers.high_risk[0]) for f in other_risks),
    ]
    sound = [  # best first: scored on enough answers, none of them a high risk, not below the middle
        f
        for f in sorted(findings, key=lambda f: -(f.score.score or 0))
        if f.score.score is not None
        and not is_low(questionnaire, f.score.score)
        and not f.answers.high_risk
        and not f.low_confidence
    ]
    weak = [f for f in findings if is_low(questionnaire, f.score.score)]
    reasons = [
        *concerns,
        *(Reason(STRENGTH_THAT_MATTERS, f.dimension, f.importance, _best(f)) for f in sound if _matters(f)),
        *([] if concerns else [Reason(NO_HIGH_RISK, count=sum(len(f.answers.given) for f in findings))]),
        *(
            Reason(
                WEAK_PRACTICE,
                f.dimension,
                f.importance,
                _worst(f),
                f.score.score,
                count=f.score.answered,
                of=f.score.applicable,
                low_confidence=f.low_confidence,
            )
            for f in sorted(weak, key=lambda f: f.score.score)
        ),
        *(Reason(STRENGTH, f.dimension, f.importance, _best(f), f.score.score) for f in sound if not _matters(f)),
    ]
    return Verdict(verdict_id, _one_per_practice(reasons)[:MAX_REASONS])


def _unknown_reason(finding: DimensionFinding) -> Reason:
    """What the candidate could not tell about a practice that matters: its "don't know"s, quoting the first,
    or else how few of its questions were scored."""
    if finding.mostly_unknown:
        return Reason(
            DONT_KNOW_THAT_MATTERS,
            finding.dimension,
            finding.importance,
            count=finding.dont_know_count,
            of=finding.score.applicable,
            question=finding.answers.dont_know[0],
        )
    answered, applicable = finding.score.answered, finding.score.applicable
    return Reason(UNKNOWN_THAT_MATTERS, finding.dimension, finding.importance, count=answered, of=applicable)


def _one_per_practice(reasons: list[Reason]) -> tuple[Reason, ...]:
    """The first reason about each practice: two sentences on one practice would say the same thing twice."""
    seen: set[str] = set()
    kept = []
    for reason in reasons:
        key = reason.dimension.id if reason.dimension else reason.kind
        if key not in seen:
            seen.add(key)
            kept.append(reason)
    return tuple(kept)


def _best(finding: DimensionFinding) -> GivenAnswer:
    return max(finding.answers.given, key=lambda answer: answer.score)


def _worst(finding: DimensionFinding) -> GivenAnswer:
    return min(finding.answers.given, key=lambda answer: answer.score)
