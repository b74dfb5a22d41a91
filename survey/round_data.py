"""Reading a round: the streamed answers behind its report and exports, participation, comments.

Answers come from ONE query, ordered by response and streamed in batches (yield_per), straight
into the one-pass aggregator: no ORM object per response, memory flat whatever the round's size.
Only submitted responses count in reports and exports.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from flask import current_app
from sqlalchemy import Select, func, select

from survey.aggregate import RoundAggregate, aggregate_rows
from survey.exports import ExportedResponse, exported_responses
from survey.extensions import db
from survey.models import Answer, DimensionNote, Response
from survey.models_consultant import RoleGroup, Round
from survey.questionnaire import Questionnaire

BATCH = 5000


@dataclass(frozen=True)
class Participation:
    group: RoleGroup
    started: int
    submitted: int


@dataclass(frozen=True)
class ResponseLine:
    id: int
    group_name: str
    created_at: datetime
    submitted_at: datetime | None


def _answers_of_submitted(round_id: int, *columns) -> Select:
    return (
        select(Response.id, Response.group_id, Response.profile, *columns, Answer.question_id, Answer.value)
        .join(Answer, Answer.response_id == Response.id)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .order_by(Response.id)
        .execution_options(yield_per=BATCH)
    )


def answer_rows(round_id: int) -> Iterator[tuple]:
    """(response id, group id, profile, question id, value), ordered by response, streamed.

    Run on the session's connection as plain Core: the ORM layer would double the time per row.
    """
    yield from db.session.connection().execute(_answers_of_submitted(round_id))


def export_rows(round_id: int) -> Iterator[tuple]:
    """(response id, group id, profile, submitted at, question id, value), ordered by response, streamed."""
    yield from db.session.connection().execute(_answers_of_submitted(round_id, Response.submitted_at))


def exported_round(round_: Round) -> Iterator[ExportedResponse]:
    """The round's submitted responses as exported (CSV, JSON, API), anonymity rules applied."""
    names = dict(round_groups(round_))
    return exported_responses(export_rows(round_.id), names, submitted_per_group(round_.id))


def round_groups(round_: Round) -> list[tuple[int, str]]:
    return [(group.id, group.name) for group in round_.engagement.groups]


def aggregate_round(questionnaire: Questionnaire, round_: Round) -> RoundAggregate:
    """The round's figures, anonymity rules applied (see aggregate.py), computed once per state of the round.

    Streaming 10,000 responses takes about a second, so the result is kept per app instance and
    reused until the round changes: a response started, saved, submitted or erased changes its
    signature (count, latest update, sum of ids), and so does a renamed group.
    """
    groups = round_groups(round_)
    key = (round_.id, questionnaire.id, questionnaire.version, tuple(groups), round_signature(round_.id))
    cache = current_app.extensions.setdefault("round_aggregates", AggregateCache())
    found = cache.get(key)
    if found is None:
        found = aggregate_rows(questionnaire, answer_rows(round_.id), groups)
        cache.put(key, found)
    return found


def round_signature(round_id: int) -> tuple:
    """What changes whenever a response of the round changes; one indexed query."""
    columns = (func.count(), func.count(Response.submitted_at), func.max(Response.updated_at), func.sum(Response.id))
    return tuple(db.session.execute(select(*columns).where(Response.round_id == round_id)).one())


class AggregateCache:
    """A small thread-safe LRU of round aggregates, per app instance."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict[tuple, RoundAggregate] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple) -> RoundAggregate | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: tuple, value: RoundAggregate) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def submitted_per_group(round_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(Response.group_id, func.count())
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .group_by(Response.group_id)
    ).tuples()
    return {group_id: count for group_id, count in rows}


def participation(round_: Round) -> list[Participation]:
    """Responses started and submitted in each group of the round, in one query."""
    counts = {
        group_id: (started, submitted)
        for group_id, started, submitted in db.session.execute(
            select(Response.group_id, func.count(), func.count(Response.submitted_at))
            .where(Response.round_id == round_.id)
            .group_by(Response.group_id)
        ).tuples()
    }
    return [Participation(group, *counts.get(group.id, (0, 0))) for group in round_.engagement.groups]


def round_comments(round_id: int) -> list[tuple[str, str]]:
    """(dimension id, comment) of the round's submitted responses, in no meaningful order."""
    return list(
        db.session.execute(
            select(DimensionNote.dimension_id, DimensionNote.comment)
            .join(Response, Response.id == DimensionNote.response_id)
            .where(
                Response.round_id == round_id,
                Response.submitted_at.is_not(None),
                DimensionNote.comment.is_not(None),
            )
        ).tuples()
    )


def response_lines(round_: Round) -> list[ResponseLine]:
    """The round's responses, newest first, for the page where the consultant can delete one."""
    names = {group.id: group.name for group in round_.engagement.groups}
    rows = db.session.execute(
        select(Response.id, Response.group_id, Response.created_at, Response.submitted_at)
        .where(Response.round_id == round_.id)
        .order_by(Response.id.desc())
    ).tuples()
    return [ResponseLine(rid, names.get(gid, ""), created, submitted) for rid, gid, created, submitted in rows]
