"""Aggregation: the submitted responses of one round -> means, spread, group scores, gaps, progress.

Pure domain code, in one pass: each response is scored as it streams by (the same rules as
scoring.py, read from a lookup table built once) and folded into running accumulators (Welford's
mean and variance, min, max), so memory and time grow with the number of groups and questions,
not with the number of responses, and no response is kept.

A report does not even stream: each response's contribution (`score`, `tally_lines`) is added to
running tallies as it is submitted, edited or erased (`tally_changes`; stored by survey/store/tallies.py),
and `aggregate_tallies` turns a round's tallies into the same figures `aggregate_rows` gives from
every answer: count, sum and sum of squares give mean and variance; a histogram's ends min and max.

Anonymity is enforced here rather than in templates, so no page or API can leak by mistake (counting
people: see store.round_data.people_per_group):
- a group with fewer than ANONYMITY_THRESHOLD respondents is never shown on its own; such
  groups are merged into "other groups", shown only if the merge itself reaches the threshold;
- every response still counts in "all respondents";
- a round with fewer than ANONYMITY_THRESHOLD responses in all shows no score at all.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import groupby
from operator import itemgetter

from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
from survey.domain.questionnaire.scoring import question_score
from survey.domain.rounds.aggregate_types import Accumulator, Gap, GroupSummary, QuestionGap, RoundAggregate, Spread
from survey.domain.rounds.group_state import GroupState
from survey.domain.rounds.running_sums import (
    CHOICE,
    DONT_KNOW_CODE,
    QUESTION,
    RESPONSES,
    SCORE,
    ScoredResponse,
    Tally,
    TallyChanges,
    tally_changes,
    tally_lines,
)

ANONYMITY_THRESHOLD = 3
OTHER_GROUPS = "other"  # key of the merged small groups; its label is left to the page (translated)
OVERALL = "overall"
GAP_HIGHLIGHT = 20.0  # points; a gap this wide is highlighted, if it is among the PROMINENT_GAPS widest
PROMINENT_GAPS = 3  # when every practice passes the mark, flagging all of them would single out none
QUESTIONS_PER_GAP = 3

__all__ = [
    "ANONYMITY_THRESHOLD",
    "GAP_HIGHLIGHT",
    "PROMINENT_GAPS",
    "OTHER_GROUPS",
    "Accumulator",
    "Gap",
    "GroupSummary",
    "QuestionGap",
    "RoundAggregate",
    "RoundAggregator",
    "Spread",
    "ScoredResponse",
    "Tally",
    "TallyChanges",
    "aggregate_rows",
    "aggregate_tallies",
    "tally_changes",
    "tally_lines",
]


class RoundAggregator:
    """Feed it responses one by one (`add`), then read `result()`; never holds a response."""

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self.dimension_weights = {d.id: d.weight for d in questionnaire.dimensions}
        self._tables: dict[str, dict[tuple[str, str], tuple[str, float, float]]] = {}
        self._codes: dict[str, dict[tuple[str, str], str]] = {}
        self._groups: dict[Hashable, GroupState] = {}
        self._values = {  # question id -> choice code -> choice value: tallies store codes, reports show values
            question.id: {DONT_KNOW_CODE: DONT_KNOW, **{str(i): c.value for i, c in enumerate(question.choices)}}
            for question in questionnaire.questions_by_id.values()
        }

    def _table(self, profile: str) -> dict[tuple[str, str], tuple[str, float, float]]:
        """(question id, choice value) -> (dimension id, 0-100 score, weight), for the profile's questions."""
        if profile not in self._tables:
            self._tables[profile] = {
                (question.id, choice.value): (dimension.id, question_score(question, choice.value), question.weight)
                for dimension in self.questionnaire.dimensions
                for question in dimension.applicable_questions(profile)
                for choice in question.choices
            }
        return self._tables[profile]

    def _choice_codes(self, profile: str) -> dict[tuple[str, str], str]:
        """(question id, answer) -> choice code, for the answers a respondent of the profile can give."""
        if profile not in self._codes:
            self._codes[profile] = {
                (question_id, value): code
                for question_id in self.questionnaire.applicable_question_ids(profile)
                for code, value in self._values[question_id].items()
            }
        return self._codes[profile]

    def score(self, profile: str, answers: Mapping[str, str] | Iterable[tuple[str, str]]) -> ScoredResponse:
        """One response's scores by the rules of scoring.py: what it adds to its group, in a report or a tally."""
        table, codes = self._table(profile), self._choice_codes(profile)
        questions: list[tuple[str, float]] = []
        choices: list[tuple[str, str]] = []
        sums: dict[str, list[float]] = {}
        pairs = answers.items() if isinstance(answers, Mapping) else answers
        for question_id, value in pairs:
            code = codes.get((question_id, value))
            if code is not None:
                choices.append((question_id, code))
            scored = table.get((question_id, value))
            if scored is None:  # "don't know", a question this profile is not asked, an unknown value
                continue
            dimension_id, score, weight = scored
            totals = sums.setdefault(dimension_id, [0.0, 0.0])
            totals[0] += score * weight
            totals[1] += weight
            questions.append((question_id, score))
        scores: dict[str, float] = {}
        overall_sum = overall_weight = 0.0
        for dimension_id, (weighted_sum, weight) in sums.items():
            scores[dimension_id] = dimension_score = weighted_sum / weight
            overall_sum += dimension_score * self.dimension_weights[dimension_id]
            overall_weight += self.dimension_weights[dimension_id]
        if overall_weight:
            scores[OVERALL] = overall_sum / overall_weight
        return ScoredResponse(tuple(questions), scores, tuple(choices))

    def add(self, group: Hashable, profile: str, answers: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        """Score one submitted response and fold it into its group's totals."""
        scored = self.score(profile, answers)
        state = self._groups.setdefault(group, GroupState())
        for question_id, score in scored.questions:
            per_question = state.questions.setdefault(question_id, [0.0, 0])
            per_question[0] += score
            per_question[1] += 1
        for key, value in scored.scores.items():
            state.scores.setdefault(key, Accumulator()).add(value)
        for question_id, code in scored.choices:
            counts = state.choices.setdefault(question_id, {})
            counts[code] = counts.get(code, 0) + 1
        state.responses += 1

    def add_tally(self, tally: Tally) -> None:
        """Fold in one stored tally (see tally_lines): the same totals `add` builds, read back from sums."""
        if tally.count <= 0:
            return
        state = self._groups.setdefault(tally.group, GroupState())
        kind, _, key = tally.metric.partition(":")
        if tally.metric == RESPONSES:
            state.responses += tally.count
        elif kind == QUESTION:
            state.questions[key] = [tally.total, tally.count]
        elif kind == SCORE:
            mean = tally.total / tally.count
            low = math.inf if tally.low is None else tally.low
            high = -math.inf if tally.high is None else tally.high
            state.scores[key] = Accumulator(tally.count, mean, tally.squares - tally.total * mean, low, high)
        elif kind == CHOICE:
            question_id, _, code = key.rpartition(":")
            state.choices.setdefault(question_id, {})[code] = tally.count

    def result(
        self,
        groups: Sequence[tuple[Hashable, str]],
        threshold: int = ANONYMITY_THRESHOLD,
        people: Mapping[Hashable, int] | None = None,
    ) -> RoundAggregate:
        """The round's figures; `groups` gives every group's (key, label) in display order. The threshold counts
        `people` (group -> respondents told apart by browser), or without it one per response."""
        labels = dict(groups)
        order = [key for key, _ in groups] + [key for key in self._groups if key not in labels]
        present = [key for key in order if key in self._groups]
        counted = {key: self._groups[key].responses if people is None else people.get(key, 0) for key in present}
        everyone = GroupState()
        for key in present:
            everyone = everyone.merged(self._groups[key])
        if sum(counted.values()) < threshold:
            return RoundAggregate(respondents=everyone.responses, threshold=threshold, people=sum(counted.values()))
        shown = [key for key in present if counted[key] >= threshold]
        small = [key for key in present if counted[key] < threshold]
        label = {key: labels.get(key, str(key)) for key in present}
        summaries = [self._summary(key, label[key], self._groups[key], (label[key],)) for key in shown]
        merged = GroupState()
        for key in small:
            merged = merged.merged(self._groups[key])
        merged_labels = tuple(label[key] for key in small)
        merged_shown = bool(small) and sum(counted[key] for key in small) >= threshold
        if merged_shown:
            summaries.append(self._summary(OTHER_GROUPS, None, merged, merged_labels))
        return RoundAggregate(
            respondents=everyone.responses,
            threshold=threshold,
            people=sum(counted.values()),
            overall=everyone.scores.get(OVERALL, Accumulator()).spread(),
            dimensions={d.id: everyone.scores.get(d.id, Accumulator()).spread() for d in self.questionnaire.dimensions},
            groups=tuple(summaries),
            merged_groups=merged_labels,
            merged_shown=merged_shown,
            gaps=self._gaps(summaries),
            answers=self._answers(everyone),
        )

    def _summary(self, key: Hashable, label: str | None, state: GroupState, members: tuple[str, ...]) -> GroupSummary:
        return GroupSummary(
            key=key,
            label=label,
            members=members,
            responses=state.responses,
            overall=_mean(state.scores.get(OVERALL)),
            dimensions={d.id: _mean(state.scores.get(d.id)) for d in self.questionnaire.dimensions},
            questions={q: total / count for q, (total, count) in state.questions.items() if count},
            spreads={key: accumulator.spread() for key, accumulator in state.scores.items()},
            answers=self._answers(state),
        )

    def _answers(self, state: GroupState) -> dict[str, dict[str, int]]:
        """Respondents per answer (choice value, or "don't know") of each question, from the stored codes."""
        values = self._values
        return {
            question_id: {
                values[question_id][code]: n for code, n in counts.items() if n > 0 and code in values[question_id]
            }
            for question_id, counts in state.choices.items()
            if question_id in values
        }

    def _gaps(self, summaries: Sequence[GroupSummary]) -> tuple[Gap, ...]:
        return perception_gaps(self.questionnaire, summaries)


def perception_gaps(questionnaire: Questionnaire, summaries: Sequence[GroupSummary]) -> tuple[Gap, ...]:
    """Per dimension, the widest difference between two shown groups, widest first."""
    found = []
    for dimension in questionnaire.dimensions:
        scored = [g for g in summaries if g.dimensions.get(dimension.id) is not None]
        if len(scored) < 2:
            continue
        high = max(scored, key=lambda g: g.dimensions[dimension.id])
        # Without `is not high`, groups that agree exactly would be reported as one group against itself.
        low = min((g for g in scored if g is not high), key=lambda g: g.dimensions[dimension.id])
        difference = high.dimensions[dimension.id] - low.dimensions[dimension.id]
        questions = _question_gaps(high, low, [q.id for q in dimension.questions])
        found.append(Gap(dimension.id, high, low, difference, False, questions))
    # Rounded: two ways of computing one round (answers, tallies) must rank equal gaps alike.
    ranked = sorted(found, key=lambda gap: -round(gap.difference, 6))
    return tuple(
        replace(gap, highlighted=rank < PROMINENT_GAPS and gap.difference >= GAP_HIGHLIGHT)
        for rank, gap in enumerate(ranked)
    )


def _question_gaps(high: GroupSummary, low: GroupSummary, question_ids: list[str]) -> tuple[QuestionGap, ...]:
    """The questions of a dimension on which two groups differ most (both must have a mean)."""
    pairs = [
        QuestionGap(q, high.questions[q], low.questions[q], high.questions[q] - low.questions[q])
        for q in question_ids
        if q in high.questions and q in low.questions
    ]
    pairs.sort(key=lambda gap: -abs(gap.difference))
    return tuple(gap for gap in pairs[:QUESTIONS_PER_GAP] if gap.difference != 0)


def _mean(accumulator: Accumulator | None) -> float | None:
    return accumulator.mean if accumulator is not None and accumulator.n else None


def aggregate_rows(
    questionnaire: Questionnaire,
    rows: Iterable[tuple[int, Hashable, str, str, str]],
    groups: Sequence[tuple[Hashable, str]],
    threshold: int = ANONYMITY_THRESHOLD,
) -> RoundAggregate:
    """Aggregate (response id, group, profile, question id, value) rows ordered by response id.

    The rows are consumed as they stream, one response at a time. The reference the tallies are
    tested against; tallies.rebuild_round scores a round's answers the same way.
    """
    aggregator = RoundAggregator(questionnaire)
    for _, response_rows in groupby(rows, key=itemgetter(0)):
        answers = list(response_rows)
        _, group, profile, _, _ = answers[0]
        aggregator.add(group, profile, [(question_id, value) for *_, question_id, value in answers])
    return aggregator.result(groups, threshold)


def aggregate_tallies(
    questionnaire: Questionnaire,
    tallies: Iterable[Tally],
    groups: Sequence[tuple[Hashable, str]],
    threshold: int = ANONYMITY_THRESHOLD,
    people: Mapping[Hashable, int] | None = None,
) -> RoundAggregate:
    """The same RoundAggregate as aggregate_rows, built from a round's tallies instead of its answers."""
    aggregator = RoundAggregator(questionnaire)
    for tally in tallies:
        aggregator.add_tally(tally)
    return aggregator.result(groups, threshold, people)
