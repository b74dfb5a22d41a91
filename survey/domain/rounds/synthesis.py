"""The consultant's synthesis of a round: an executive summary, perception gaps in the groups' own
answers, a heatmap of groups x practices, honest progress per group, recommendations.

Pure domain code, computed from the round's aggregate (and the previous round's) alone: every figure
it states is one the report's tables show, and every group it names is one the report shows, so the
anonymity rules of aggregate.py hold here without being restated.

The summary's three findings, each one sentence with its figure:
- the weakest practice (lowest mean over all respondents);
- the widest perception gap (the first of the ranked gaps); with fewer than two groups shown, the
  practice respondents agree on least (widest standard deviation) instead;
- the largest change since the previous round, preferring a clear one (see group_progress.py); in a
  first round, the strongest practice instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate_types import Gap, GroupSummary, RoundAggregate
from survey.domain.rounds.answer_gaps import AnswerGap, answer_gaps
from survey.domain.rounds.group_progress import OVERALL, GroupProgress, ScoreChange, group_progress
from survey.domain.rounds.recommendations import Recommendation, key_recommendations, recommendations

WEAKEST_PRACTICE = "weakest_practice"
STRONGEST_PRACTICE = "strongest_practice"
WIDEST_GAP = "widest_gap"
LEAST_AGREEMENT = "least_agreement"
LARGEST_CHANGE = "largest_change"


@dataclass(frozen=True)
class Finding:
    """One sentence of the summary: what kind, on which practice, and its figure (points)."""

    kind: str
    dimension_id: str
    figure: float
    gap: Gap | None = None
    change: ScoreChange | None = None


SHADES = 5  # colour steps of the heatmap (CSS .heat-0 to .heat-4), darkest for the lowest scores


@dataclass(frozen=True)
class HeatCell:
    value: float | None
    level_id: str | None  # the questionnaire level the value falls in
    shade: int | None  # its colour step, 0 to SHADES - 1: lighter as the level rises, so greyscale reads too


@dataclass(frozen=True)
class HeatmapRow:
    dimension_id: str  # or OVERALL for the last row
    cells: tuple[HeatCell, ...]  # one per group of Heatmap.groups
    everyone: HeatCell


@dataclass(frozen=True)
class Heatmap:
    groups: tuple[GroupSummary, ...]
    rows: tuple[HeatmapRow, ...]
    shades: tuple[int, ...]  # each questionnaire level's colour step, for the legend


@dataclass(frozen=True)
class Synthesis:
    summary: tuple[Finding, ...] = ()
    gaps: tuple[AnswerGap, ...] = ()
    heatmap: Heatmap | None = None
    progress: tuple[GroupProgress, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()  # every item, in plan order (the API's)
    key_recommendations: tuple[Recommendation, ...] = ()  # the few the report shows (recommendations.py)


def build_synthesis(
    questionnaire: Questionnaire, current: RoundAggregate, previous: RoundAggregate | None = None
) -> Synthesis:
    """Everything the synthesis shows; empty below the anonymity threshold."""
    if not current.has_results:
        return Synthesis()
    dimension_ids = [d.id for d in questionnaire.dimensions]
    progress = group_progress(dimension_ids, previous, current) if previous is not None else ()
    findings = summary(questionnaire, current, progress)
    items = recommendations(questionnaire, current.answers, current.threshold)
    weakest = next((f.dimension_id for f in findings if f.kind == WEAKEST_PRACTICE), None)
    return Synthesis(
        summary=findings,
        gaps=answer_gaps(current),
        heatmap=heatmap(questionnaire, current),
        progress=progress,
        recommendations=items,
        key_recommendations=key_recommendations(items, weakest),
    )


def level_shades(questionnaire: Questionnaire) -> tuple[int, ...]:
    """The colour step of each level, spread over SHADES whatever the number of levels."""
    last = max(len(questionnaire.levels) - 1, 1)
    return tuple(round(index * (SHADES - 1) / last) for index in range(len(questionnaire.levels)))


def heat_cell(questionnaire: Questionnaire, value: float | None) -> HeatCell:
    if value is None:
        return HeatCell(None, None, None)
    index = max(i for i, level in enumerate(questionnaire.levels) if level.min <= value)
    return HeatCell(value, questionnaire.levels[index].id, level_shades(questionnaire)[index])


def heatmap(questionnaire: Questionnaire, aggregate: RoundAggregate) -> Heatmap:
    """Groups shown x practices (and overall), each cell a mean and its level; all respondents alongside."""
    rows = [
        HeatmapRow(
            d.id,
            tuple(heat_cell(questionnaire, group.dimensions.get(d.id)) for group in aggregate.groups),
            heat_cell(questionnaire, aggregate.dimension_mean(d.id)),
        )
        for d in questionnaire.dimensions
    ]
    rows.append(
        HeatmapRow(
            OVERALL,
            tuple(heat_cell(questionnaire, group.overall) for group in aggregate.groups),
            heat_cell(questionnaire, aggregate.overall.mean if aggregate.overall else None),
        )
    )
    return Heatmap(aggregate.groups, tuple(rows), level_shades(questionnaire))


def summary(
    questionnaire: Questionnaire, aggregate: RoundAggregate, progress: tuple[GroupProgress, ...]
) -> tuple[Finding, ...]:
    """The three findings, in the order a reader asks: where are we weak, who disagrees, what moved."""
    scored = [(d.id, aggregate.dimensions[d.id]) for d in questionnaire.dimensions if aggregate.dimensions.get(d.id)]
    if not scored:
        return ()
    weakest = min(scored, key=lambda pair: pair[1].mean)
    findings = [Finding(WEAKEST_PRACTICE, weakest[0], weakest[1].mean)]
    if aggregate.gaps:
        gap = aggregate.gaps[0]
        findings.append(Finding(WIDEST_GAP, gap.dimension_id, gap.difference, gap=gap))
    else:
        spread_most = max(scored, key=lambda pair: pair[1].stdev)
        findings.append(Finding(LEAST_AGREEMENT, spread_most[0], spread_most[1].stdev))
    change = _largest_change(progress)
    if change is not None:
        findings.append(Finding(LARGEST_CHANGE, change.key, change.change, change=change))
    else:
        strongest = max(scored, key=lambda pair: pair[1].mean)
        findings.append(Finding(STRONGEST_PRACTICE, strongest[0], strongest[1].mean))
    return tuple(findings)


def _largest_change(progress: tuple[GroupProgress, ...]) -> ScoreChange | None:
    """All respondents' practice that moved most: a clear change before any change inside the noise."""
    if not progress:
        return None
    moved = [c for c in progress[0].changes[1:] if c.change is not None]
    if not moved:
        return None
    return max(moved, key=lambda c: (c.clear, abs(c.change)))
