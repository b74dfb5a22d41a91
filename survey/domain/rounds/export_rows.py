"""The rows of a round that may leave in an export, as anonymity.row_policy allows them, each with its
scores. Pure code: the rows come from store.round_data.export_rows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
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
    rows: Iterable[tuple[int, Hashable, str, datetime | str, Mapping[str, str]]],
    group_names: Mapping[Hashable, str],
    policy: RowPolicy,
    order_key: Callable[[int], bytes] | None = None,
    scored: bool = True,
) -> Iterator[ExportedResponse]:
    """Of (response id, group, profile, submitted at, {question id: value}) rows, one per response, the
    responses `policy` lets out, each scored (by scoring.py's rules) from the answers it carries
    unless not `scored` (the workbook lists answers only: scoring 10,000 responses cost it 0.6 s).

    With `order_key` (a keyed hash of the response id), they come by exported group (in `group_names`'
    order, the merged "other groups" last), then by that key: an order that tells nothing of when anyone
    started or submitted. Without it, in the rows' order."""
    responses = _exported(questionnaire, rows, group_names, policy, scored)
    if order_key is None:
        yield from (response for _, response in responses)
        return
    ranks = {name: rank for rank, name in enumerate(group_names.values())}
    keyed = [
        ((ranks.get(response.group, len(ranks)), order_key(response_id)), response)
        for response_id, response in responses
    ]
    keyed.sort(key=itemgetter(0))
    yield from (response for _, response in keyed)


def _exported(questionnaire, rows, group_names, policy, scored) -> Iterator[tuple[int, ExportedResponse]]:
    scorer = RoundAggregator(questionnaire)
    for response_id, group, profile, submitted_at, answers in rows:
        if not policy.exports(group):
            continue
        merged = group in policy.merged
        values = {q: v for q, v in answers.items() if q in policy.merged_questions} if merged else dict(answers)
        yield (
            response_id,
            ExportedResponse(
                group=None if merged else group_names.get(group),
                profile=None if merged else profile,
                submitted_on=submitted_day(submitted_at),
                answers=values,
                scores=scorer.score(profile, values).scores if scored else {},
            ),
        )
