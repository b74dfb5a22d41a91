"""What a report says, computed once from a questionnaire and one answer sheet.

Pure domain code: plain data that the documents layer puts words around. Per practice: its score,
level, confidence and the answers behind it; then the strengths and weak spots, and by profile either
the candidate's findings (verdict, red flags, interview kit, points to negotiate: candidate_findings.py)
or the organisation's improvement plan (improvement_plan.py). Every finding that states a fact about
the organisation carries the answer it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.findings.candidate import CandidateFindings, candidate_findings
from survey.domain.findings.improvement_plan import ImprovementPlan, improvement_plan
from survey.domain.findings.practice import DimensionFinding, QuestionTip, dimension_finding, middle_level
from survey.domain.findings.priorities import Priority, priorities
from survey.domain.questionnaire.model import CANDIDATE, Level, Questionnaire
from survey.domain.questionnaire.scoring import ScoreCard, score_answers

HIGHLIGHTS = 3  # how many strengths and weak spots the summary names


@dataclass(frozen=True)
class Report:
    questionnaire: Questionnaire
    profile: str
    card: ScoreCard
    overall_level: Level | None
    findings: tuple[DimensionFinding, ...]
    strengths: tuple[DimensionFinding, ...]
    weaknesses: tuple[DimensionFinding, ...]
    candidate: CandidateFindings | None  # candidates only
    plan: ImprovementPlan | None  # executives and staff only
    unknown_dimensions: tuple[DimensionFinding, ...]
    priorities: tuple[Priority, ...] = ()  # the plan's top items by what they would add to the score
    quick: bool = False  # the candidate's 10-minute version

    @property
    def answered_count(self) -> int:
        return sum(f.score.answered for f in self.findings)

    @property
    def dont_know_count(self) -> int:
        return sum(f.dont_know_count for f in self.findings)

    @property
    def applicable_count(self) -> int:
        return sum(f.score.applicable for f in self.findings)

    @property
    def is_candidate(self) -> bool:
        return self.candidate is not None

    def advice(self, finding: DimensionFinding) -> tuple[QuestionTip, ...]:
        """The practice's "advice from your answers", less what the plan already says: an answer the plan
        acts on gets its action there, never the same advice twice."""
        planned = {item.answer.question.id for item in self.plan.items} if self.plan else set()
        return tuple(tip for tip in finding.tips if tip.question.id not in planned)


def build_report(
    questionnaire: Questionnaire,
    profile: str,
    answers: Mapping[str, str],
    importance: Mapping[str, int] | None = None,
    comments: Mapping[str, str] | None = None,
    quick: bool = False,
) -> Report:
    """Everything a report shows, computed once. `quick`: the sheet is the candidate's 10-minute version."""
    importance = importance or {}
    comments = comments or {}
    card = score_answers(questionnaire, profile, answers)
    findings = tuple(
        dimension_finding(
            questionnaire, dimension, card.dimension(dimension.id), profile, answers, importance, comments
        )
        for dimension in questionnaire.dimensions
    )
    scored = sorted((f for f in findings if f.score.score is not None), key=lambda f: f.score.score)
    middle = middle_level(questionnaire).min
    weaknesses = tuple(f for f in scored if f.score.score < middle)[:HIGHLIGHTS]
    is_candidate = profile == CANDIDATE
    plan = None if is_candidate else improvement_plan(findings, weaknesses)
    candidate = candidate_findings(questionnaire, findings, card) if is_candidate else None
    return Report(
        questionnaire=questionnaire,
        profile=profile,
        card=card,
        overall_level=questionnaire.level(card.level) if card.level else None,
        findings=findings,
        # a practice scored on one answer or too few is not yet a strength: the report says so instead
        strengths=tuple(f for f in reversed(scored) if f.score.score >= middle and not f.low_confidence)[:HIGHLIGHTS],
        weaknesses=weaknesses,
        candidate=candidate,
        plan=plan,
        unknown_dimensions=tuple(f for f in findings if f.score.score is None and f.score.applicable),
        priorities=priorities(questionnaire, profile, answers, card, plan.items) if plan else (),
        quick=quick,
    )
