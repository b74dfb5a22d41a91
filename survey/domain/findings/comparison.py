"""A candidate's employers side by side, and what changed between two versions of one employer's answers.

Pure domain code over reports built by report.build_report (the verdict, its reasons and the interview kit
come from there unchanged): this module only lines them up. Every employer's report is built with the same
importance ratings, so the verdicts weigh the practices alike. The practices where the employers differ most
come first, a spread weighted by how much the candidate cares about the practice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from survey.domain.findings.candidate import Reason
from survey.domain.findings.interview_kit import KitQuestion
from survey.domain.findings.report import Report
from survey.domain.questionnaire.model import DONT_KNOW, Dimension

MIN_EMPLOYERS, MAX_EMPLOYERS = 2, 4
DIFFERENCES = 3  # how many practices "where they differ most" the comparison names
NEUTRAL_IMPORTANCE = 3  # a practice the candidate did not rate weighs as a middle rating


@dataclass(frozen=True)
class Employer:
    """One employer as the comparison shows it: its report, built on the shared importance ratings."""

    name: str
    version: int
    report: Report

    @property
    def verdict_id(self) -> str | None:
        return self.report.candidate.verdict.id if self.report.candidate else None

    @property
    def first_reason(self) -> Reason | None:
        reasons = self.report.candidate.verdict.reasons if self.report.candidate else ()
        return reasons[0] if reasons else None

    @property
    def kit(self) -> tuple[KitQuestion, ...]:
        return self.report.candidate.kit.questions if self.report.candidate else ()

    def score(self, dimension_id: str) -> float | None:
        return self.report.card.dimension(dimension_id).score


@dataclass(frozen=True)
class Difference:
    dimension: Dimension
    best: tuple[str, float]  # employer name, score
    worst: tuple[str, float]
    importance: int | None

    @property
    def spread(self) -> float:
        return self.best[1] - self.worst[1]


@dataclass(frozen=True)
class Comparison:
    employers: tuple[Employer, ...]
    differences: tuple[Difference, ...]  # every practice scored for two employers or more, widest weighted first

    @property
    def top_differences(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.spread > 0)[:DIFFERENCES]


def compare(employers: Sequence[Employer], importance: Mapping[str, int] | None = None) -> Comparison:
    """The employers in the order given, and the practices where their scores differ, most telling first."""
    if not MIN_EMPLOYERS <= len(employers) <= MAX_EMPLOYERS:
        raise ValueError(f"a comparison holds {MIN_EMPLOYERS} to {MAX_EMPLOYERS} employers, not {len(employers)}")
    importance = importance or {}
    differences = []
    for dimension in employers[0].report.questionnaire.dimensions:
        scored = [(e.name, e.score(dimension.id)) for e in employers if e.score(dimension.id) is not None]
        if len(scored) < MIN_EMPLOYERS:
            continue
        best = max(scored, key=lambda pair: pair[1])  # the first of equals, in the employers' order
        worst = min(scored, key=lambda pair: pair[1])
        differences.append(Difference(dimension, best, worst, importance.get(dimension.id)))
    differences.sort(key=lambda d: -d.spread * (d.importance or NEUTRAL_IMPORTANCE))
    return Comparison(tuple(employers), tuple(differences))


@dataclass(frozen=True)
class VersionChange:
    """What an update after the interview changed: "don't know"s now answered, the verdict before and after."""

    now_answered: tuple[str, ...]  # question ids answered "don't know" (or left blank) before, answered now
    verdict_before: str | None
    verdict_after: str | None
    overall_before: float | None
    overall_after: float | None

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after


def version_change(
    before: Report, after: Report, answers_before: Mapping[str, str], answers_after: Mapping[str, str]
) -> VersionChange:
    def known(answers: Mapping[str, str], question_id: str) -> bool:
        return question_id in answers and answers[question_id] != DONT_KNOW

    order = [q for d in after.questionnaire.dimensions for q in d.questions]
    now_answered = tuple(q.id for q in order if known(answers_after, q.id) and not known(answers_before, q.id))
    return VersionChange(
        now_answered=now_answered,
        verdict_before=before.candidate.verdict.id if before.candidate else None,
        verdict_after=after.candidate.verdict.id if after.candidate else None,
        overall_before=before.card.score,
        overall_after=after.card.score,
    )
