"""The rows of a round that may leave in an export, as anonymity.row_policy allows them, each with its
scores. Pure code: the rows come from store.round_data.export_rows.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate import RoundAggregator
from survey.domain.rounds.anonymity import RowPolicy


@dataclass(frozen=True)
class ExportedResponse:
    group: str | None  # None: the merged "other groups"
    profile: str | None  # None for merged rows: a profile would tell their groups apart
    submitted_on: date  # the day only: a time to the second could name who submitted
    answers: dict[str, str]
    scores: dict[str, float]  # dimension id or "overall" -> 0-100, from the answers exported (empty: not scored)


def submitted_day(moment: datetime | str) -> date:
    """The day of a time as a database driver gives it: a datetime, or ISO text (SQLite)."""
    return date.fromisoformat(moment[:10]) if isinstance(moment, str) else moment.date()


def exported_responses(
    questionnaire: Questionnaire,
    rows: Iterable[tuple[int, Hashable, str, datetime | str, str, str]],
    group_names: Mapping[Hashable, str],
    policy: RowPolicy,
    scored: bool = True,
) -> Iterator[ExportedResponse]:
    """Group (response id, group, profile, submitted at, question id, value) rows, ordered by response,
    into the responses `policy` lets out, each scored (by scoring.py's rules) from the answers it carries
    unless not `scored` (the workbook lists answers only: scoring 10,000 responses cost it 0.6 s)."""
    scorer = RoundAggregator(questionnaire)
    for _, response_rows in groupby(rows, key=itemgetter(0)):
        answers = list(response_rows)
        _, group, profile, submitted_at, _, _ = answers[0]
        if not policy.exports(group):
            continue
        values = {question_id: value for *_, question_id, value in answers}
        merged = group in policy.merged
        if merged:
            values = {q: v for q, v in values.items() if q in policy.merged_questions}
        yield ExportedResponse(
            group=None if merged else group_names.get(group),
            profile=None if merged else profile,
            submitted_on=submitted_day(submitted_at),
            answers=values,
            scores=scorer.score(profile, values).scores if scored else {},
        )
