"""The organisation's improvement plan (executives and staff), built from the answers given.

Pure domain code. The rules, in words:
- every high-risk answer gives an item: the question's improvement action, its owner, effort and horizon;
- the two weakest practices are always in the plan, with every high- and medium-risk answer they hold (or,
  without one, their lowest answer); so is every weak spot the summary names: its medium-risk answers, or
  else its lowest answer, when it has no high-risk one;
- an item only ever comes from an answer below the question's best choice (nothing to improve on the top);
- items are grouped by horizon (30, 90, 180 days); in each group quick wins (a high risk, a low effort)
  come first, then higher risks, lower efforts and weaker practices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from survey.domain.findings.given_answers import GivenAnswer
from survey.domain.findings.practice import DimensionFinding
from survey.domain.questionnaire.model import MEDIUM_RISK, NO_RISK, RISK_ORDER, Improvement

EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}
HORIZONS = (30, 90, 180)
WEAKEST_COUNT = 2  # the practices whose every risky answer gives an item

HIGH_RISK_REASON = "high_risk"
WEAK_PRACTICE_REASON = "weak_practice"  # in the plan because the practice is the weakest or a named weak spot


@dataclass(frozen=True)
class PlanItem:
    answer: GivenAnswer
    practice_score: float | None
    reason: str

    @property
    def improvement(self) -> Improvement:
        return self.answer.question.improvement

    @property
    def quick_win(self) -> bool:
        """A high risk removed for a low effort: done first."""
        return self.improvement.is_quick_win(self.answer.risk)


@dataclass(frozen=True)
class PlanGroup:
    horizon_days: int
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class ImprovementPlan:
    groups: tuple[PlanGroup, ...]  # only the horizons that have items, soonest first

    @property
    def items(self) -> tuple[PlanItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def dimension_ids(self) -> set[str]:
        return {item.answer.dimension.id for item in self.items}


def weakest_practices(findings: Sequence[DimensionFinding], count: int = WEAKEST_COUNT) -> list[DimensionFinding]:
    """The `count` lowest-scored practices among those below the top, and any tied with the last of them."""
    improvable = [f for f in findings if f.score.score is not None and any(a.below_top for a in f.answers.given)]
    if not improvable:
        return []
    ranked = sorted(improvable, key=lambda f: f.score.score)
    cutoff = ranked[min(count, len(ranked)) - 1].score.score
    return [f for f in ranked if f.score.score <= cutoff]


def improvement_plan(findings: Sequence[DimensionFinding], weak_spots: Sequence[DimensionFinding]) -> ImprovementPlan:
    """Items from the answers (see the module docstring), grouped by horizon."""
    items = [
        PlanItem(answer, f.score.score, HIGH_RISK_REASON)
        for f in findings
        for answer in f.answers.high_risk
        if answer.below_top
    ]
    planned = {item.answer.question.id for item in items}
    covered = {item.answer.dimension.id for item in items}
    weakest = weakest_practices(findings)
    for finding in weakest:
        risky = [a for a in finding.answers.given if a.below_top and a.risk != NO_RISK]
        for answer in risky or _weak_practice_answers(finding):
            if answer.question.id not in planned:
                items.append(PlanItem(answer, finding.score.score, WEAK_PRACTICE_REASON))
                planned.add(answer.question.id)
        covered.add(finding.dimension.id)
    for finding in weak_spots:
        if finding.dimension.id not in covered:
            items += [PlanItem(a, finding.score.score, WEAK_PRACTICE_REASON) for a in _weak_practice_answers(finding)]
            covered.add(finding.dimension.id)
    order = {f.dimension.id: index for index, f in enumerate(findings)}
    items.sort(
        key=lambda item: (
            not item.quick_win,
            -RISK_ORDER[item.answer.risk],
            EFFORT_ORDER.get(item.improvement.effort, 1),
            item.practice_score if item.practice_score is not None else 100,
            order[item.answer.dimension.id],
        )
    )
    groups = tuple(
        PlanGroup(horizon, tuple(item for item in items if item.improvement.horizon_days == horizon))
        for horizon in HORIZONS
    )
    return ImprovementPlan(tuple(group for group in groups if group.items))


def _weak_practice_answers(finding: DimensionFinding) -> list[GivenAnswer]:
    """A weak practice without a high-risk answer: its medium-risk answers, or else its lowest one."""
    below_top = [answer for answer in finding.answers.given if answer.below_top]
    medium = [answer for answer in below_top if answer.risk == MEDIUM_RISK]
    return medium or [min(below_top, key=lambda answer: answer.score)] if below_top else []
