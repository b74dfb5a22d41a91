"""Perception gaps told in the groups' own answers: for the widest gaps, what each group mostly answered.

A gap between means ("75.0 against 0.0") says that two groups disagree; their answers say on what:
"Executive committee: 'The community manager posts directly', 3 of 4; Community management: 'Three
sign-offs or more', 4 of 5". Answer shares are read only from the groups the report shows (each at or
above the anonymity threshold, or the merged "other groups" once the merge reaches it), so a small
group's answers never appear, not even as a share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from survey.domain.rounds.aggregate_types import Gap, GroupSummary, RoundAggregate


@dataclass(frozen=True)
class GroupAnswers:
    """How one shown group answered one question: respondents per choice value ("dont_know" included)."""

    group: GroupSummary
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def top_count(self) -> int:
        return max(self.counts.values(), default=0)

    @property
    def top_values(self) -> tuple[str, ...]:
        """The answer(s) most of the group gave; a tie keeps every tied answer, so none is hidden."""
        return tuple(value for value, count in self.counts.items() if count == self.top_count and count)


@dataclass(frozen=True)
class QuestionAnswers:
    question_id: str
    difference: float  # between the gap's two groups' mean question scores
    groups: tuple[GroupAnswers, ...]  # the gap's two groups first, then the other shown groups

    def shares(self) -> dict:
        """{group key: {choice value: respondents}}: the API's and the export's shape."""
        return {answers.group.key: dict(answers.counts) for answers in self.groups}


@dataclass(frozen=True)
class AnswerGap:
    """A ranked perception gap (1 = widest) and, for its widest questions, each shown group's answers."""

    gap: Gap
    rank: int
    questions: tuple[QuestionAnswers, ...]

    @property
    def prominent(self) -> bool:
        """Among the widest few and past the highlight mark (see aggregate.py): what the report puts first."""
        return self.gap.highlighted


def answer_gaps(aggregate: RoundAggregate) -> tuple[AnswerGap, ...]:
    """Every gap of the round, widest first, with the shown groups' answers to its widest questions."""
    return tuple(
        AnswerGap(gap, rank, tuple(_question_answers(aggregate, gap, question) for question in gap.questions))
        for rank, gap in enumerate(aggregate.gaps, start=1)
    )


def _question_answers(aggregate: RoundAggregate, gap: Gap, question) -> QuestionAnswers:
    ordered = [gap.high, gap.low, *(g for g in aggregate.groups if g.key not in (gap.high.key, gap.low.key))]
    groups = tuple(
        GroupAnswers(group, _sorted_counts(group.answers.get(question.question_id, {})))
        for group in ordered
        if group.answers.get(question.question_id)
    )
    return QuestionAnswers(question.question_id, question.difference, groups)


def _sorted_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Most given first; equal counts by value, so the same round always reads the same way."""
    return dict(
        sorted(((value, count) for value, count in counts.items() if count > 0), key=lambda vc: (-vc[1], vc[0]))
    )
