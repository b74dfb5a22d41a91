"""A round's running tallies: what a report reads instead of every answer of every response.

Each submitted invite response adds its contribution (aggregate.tally_lines: a response count,
its question scores, its dimension and overall scores) to its group's rows, in the same transaction
that submits it; an edit after submit takes the old contribution away and adds the new one; an
erased response is taken away. Each write is an atomic increment (upserts.upsert), so concurrent
submits in one group all count. A report then reads a few rows per group and metric, plus the two
ends of each score's histogram by index seeks: the same time for 10 responses as for 10,000.

Tallies are keyed by the questionnaire version they were scored with. A round whose tallies do not
count its submitted responses per group (another questionnaire version, a database upgraded from
before tallies, a response counted twice or missed by a submit racing a rebuild) is rebuilt from its
answers, once (`rebuild_round`). The one drift a count cannot see: an edit after submit racing a
rebuild of its round (rebuilds are rare: after a questionnaire version change).

Functions take a Connection and never commit: the caller owns the unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import groupby
from operator import itemgetter

from sqlalchemy import Connection, Select, and_, bindparam, case, delete, select

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate import RoundAggregator
from survey.domain.rounds.running_sums import (
    CHOICE,
    RESPONSES,
    SCORE,
    VALUE_SCALE,
    ScoredResponse,
    Tally,
    tally_changes,
)
from survey.store.models import Answer, Response, Round, RoundScoreValue, RoundTally
from survey.store.upserts import upsert

BATCH = 5000
_tallies, _values = RoundTally.__table__, RoundScoreValue.__table__
_KEY = ["round_id", "group_id", "scoring", "metric"]


def scoring_key(questionnaire: Questionnaire) -> str:
    """Tallies hold scores: they are valid only for the questionnaire version that computed them."""
    return f"{questionnaire.id}@{questionnaire.version}"


def submitted_answers(round_id: int, *columns) -> Select:
    """(response id, group id, profile, *columns, question id, value) of the round's submitted responses,
    ordered by response and streamed in batches: no ORM object per response, memory flat."""
    return (
        select(Response.id, Response.group_id, Response.profile, *columns, Answer.question_id, Answer.value)
        .join(Answer, Answer.response_id == Response.id)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .order_by(Response.id)
        .execution_options(yield_per=BATCH)
    )


def change_response(
    connection: Connection,
    questionnaire: Questionnaire,
    response: Response,
    before: Mapping[str, str] | None = None,
    after: Mapping[str, str] | None = None,
) -> None:
    """Move one response's contribution to its round's tallies from its `before` answers (None: it was not
    counted) to its `after` ones (None: it no longer counts). An edit writes only the rows it changes."""
    aggregator = RoundAggregator(questionnaire)
    changes = [
        (response.group_id, aggregator.score(response.profile, answers), sign)
        for answers, sign in ((before, -1), (after, 1))
        if answers is not None
    ]
    _write(connection, scoring_key(questionnaire), response.round_id, changes)


def rebuild_round(connection: Connection, questionnaire: Questionnaire, round_id: int) -> None:
    """Recompute a round's tallies from its answers, in one pass; the round row is locked meanwhile
    (PostgreSQL), so two rebuilds of one round never add up."""
    connection.execute(select(Round.id).where(Round.id == round_id).with_for_update())
    for table in (_tallies, _values):
        connection.execute(delete(table).where(table.c.round_id == round_id))
    aggregator = RoundAggregator(questionnaire)
    rows = connection.execute(submitted_answers(round_id))
    scored = (
        (group_id, aggregator.score(profile, [(question_id, value) for *_, question_id, value in answers]), 1)
        for (_, group_id, profile), answers in groupby(rows, key=itemgetter(0, 1, 2))
    )
    _write(connection, scoring_key(questionnaire), round_id, scored)


def _write(
    connection: Connection, scoring: str, round_id: int, changes: Iterable[tuple[int, ScoredResponse, int]]
) -> None:
    """Add the (group, scored response, sign) changes to the round's rows: one increment upsert per table.

    Rows go in key order: two transactions touching the same rows lock them in the same order, so
    concurrent submits in one group wait for each other on PostgreSQL instead of deadlocking.
    """
    summed = tally_changes(changes)
    key = {"round_id": round_id, "scoring": scoring}
    tally_rows = [
        {**key, "group_id": group_id, "metric": metric, "count": count, "total": total, "squares": squares}
        for (group_id, metric), (count, total, squares) in summed.sums.items()
    ]
    value_rows = [
        {**key, "group_id": group_id, "metric": metric, "value": value, "count": count}
        for (group_id, metric, value), count in summed.values.items()
    ]
    upsert(connection, _tallies, tally_rows, _KEY, ["count", "total", "squares"], increment=True)
    upsert(connection, _values, value_rows, [*_KEY, "value"], ["count"], increment=True)
    emptied = [row for row in value_rows if row["count"] < 0]
    if emptied:  # a value nobody has any more must not stay an extreme
        connection.execute(
            delete(_values).where(
                *(_values.c[column] == bindparam(column) for column in [*_KEY, "value"]), _values.c["count"] <= 0
            ),
            emptied,
        )


def read_round(connection: Connection, questionnaire: Questionnaire, round_id: int) -> list[Tally]:
    """The round's tallies, each score's min and max read from the ends of its histogram (index seeks)."""
    return [
        Tally(group_id, metric, count, total, squares, _points(low), _points(high))
        for group_id, metric, count, total, squares, low, high in connection.execute(
            _READ, {"round_id": round_id, "scoring": scoring_key(questionnaire)}
        )
    ]


def _points(value: int | None) -> float | None:
    return None if value is None else value / VALUE_SCALE


def _extreme(order):
    """The first value of the row's histogram in `order`; only scores have one (CASE skips the seek otherwise)."""
    same_row = [_values.c[column] == _tallies.c[column] for column in _KEY]
    seek = select(_values.c["value"]).where(and_(*same_row), _values.c["count"] > 0).order_by(order).limit(1)
    return case((_tallies.c.metric.startswith(f"{SCORE}:"), seek.scalar_subquery()), else_=None)


def _build_read() -> Select:
    return select(
        _tallies.c.group_id,
        _tallies.c.metric,
        _tallies.c["count"],
        _tallies.c.total,
        _tallies.c.squares,
        _extreme(_values.c["value"].asc()),
        _extreme(_values.c["value"].desc()),
    ).where(
        _tallies.c.round_id == bindparam("round_id"),
        _tallies.c.scoring == bindparam("scoring"),
        _tallies.c["count"] > 0,
    )


_READ = _build_read()


def responses_per_group(tallies: Iterable[Tally]) -> dict[int, int]:
    """Submitted responses per group, as the tallies count them."""
    return {tally.group: tally.count for tally in tallies if tally.metric == RESPONSES}


def counts_answers(tallies: list[Tally]) -> bool:
    """Whether the tallies count who gave each answer: those written before answer counts existed do not
    (every counted response answered something), and are rebuilt like any tally that misses something."""
    return not tallies or any(tally.metric.startswith(f"{CHOICE}:") for tally in tallies)
