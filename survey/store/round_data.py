"""Reading a round: its report's figures (from its tallies), its exports' streamed answers,
participation, comments. Only submitted responses count in reports and exports.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from survey.domain.questionnaire.model import Questionnaire
from survey.domain.rounds.aggregate import RoundAggregate, aggregate_tallies
from survey.domain.rounds.anonymity import row_policy
from survey.domain.rounds.export_rows import ExportedResponse, exported_responses
from survey.extensions import db
from survey.store.fieldwork.group_links import people_per_group, threshold_people  # noqa: F401 (a reader of round_data)
from survey.store.fieldwork.settings import group_headcounts
from survey.store.models import Answer, Response, RoleGroup, Round
from survey.store.tallies import (
    BATCH,
    counts_answers,
    read_round,
    rebuild_round,
    responses_per_group,
)
from survey.store.tokens import derivation_key


@dataclass(frozen=True)
class Participation:
    group: RoleGroup
    started: int
    submitted: int
    people: int = 0  # the submitted responses' respondents, as the anonymity threshold counts them
    headcount: int | None = None  # how many people the group has at the client, if the consultant said

    @property
    def response_rate(self) -> float | None:
        """Submitted responses against the group's headcount (0 to 1, or more if the headcount was low)."""
        return self.submitted / self.headcount if self.headcount else None


@dataclass(frozen=True)
class ResponseLine:
    id: int
    group_name: str
    created_at: datetime
    submitted_at: datetime | None


def export_rows(round_id: int) -> Iterator[tuple]:
    """(response id, group id, profile, submitted at, {question id: value}) of the round's submitted responses,
    one row each, ordered by response, streamed.

    The database gathers each response's answers into one JSON object (PostgreSQL's json_object_agg, SQLite's
    json_group_object), so that 10,000 rows cross to Python instead of 540,000 answer rows: half the process's
    time of reading those rows alone, and no grouping of them in Python. Read on the driver's cursor, in the
    session's transaction (SQLAlchemy's result rows cost three times the read). The time comes as the driver
    gives it (a datetime, or SQLite's ISO text): export_rows.submitted_day reads either."""
    connection = db.session.connection()
    postgresql = connection.dialect.name == "postgresql"
    answers = (func.json_object_agg if postgresql else func.json_group_object)(Answer.question_id, Answer.value)
    statement = (
        select(Response.id, Response.group_id, Response.profile, Response.submitted_at, answers)
        .join(Answer, Answer.response_id == Response.id)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .group_by(Response.id)
        .order_by(Response.id)
    )
    compiled = statement.compile(dialect=connection.dialect)
    params = compiled.params
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    raw = connection.connection
    # PostgreSQL: a server-side cursor, so that a large round streams (memory flat); psycopg decodes the JSON
    cursor = raw.cursor(name=f"export_rows_{round_id}") if postgresql else raw.cursor()
    try:
        cursor.execute(str(compiled), params)
        while batch := cursor.fetchmany(BATCH):
            if postgresql:
                yield from batch
            else:
                yield from ((*row[:4], json.loads(row[4])) for row in batch)
    finally:
        cursor.close()


def exported_round(questionnaire: Questionnaire, round_: Round, scored: bool = True) -> Iterator[ExportedResponse]:
    """The round's submitted responses as exported (CSV, JSON, API), anonymity rules applied
    (domain.anonymity.row_policy); without their scores unless `scored`."""
    names = dict(round_groups(round_))
    profiles = {group.id: group.profile for group in round_.engagement.groups}
    policy = row_policy(questionnaire, anonymity_counts(round_.id), profiles)
    return exported_responses(questionnaire, export_rows(round_.id), names, policy, export_order_key(), scored)


def export_order_key():
    """A keyed hash of a response's id (HMAC under a key derived from SECRET_KEY): the exports' rows come in
    its order within each group, which says nothing of when anyone started, and cannot be recomputed without
    the key."""
    key = derivation_key(current_app.config["SECRET_KEY"], "export-order")
    return lambda response_id: hmac.new(key, str(response_id).encode(), hashlib.sha256).digest()


def round_groups(round_: Round) -> list[tuple[int, str]]:
    return [(group.id, group.name) for group in round_.engagement.groups]


def aggregate_round(questionnaire: Questionnaire, round_: Round) -> RoundAggregate:
    """The round's figures, anonymity rules applied (see aggregate.py), from its tallies (see tallies.py).

    A few rows per group whatever the round's size, so no cache is needed. Tallies that do not count
    the round's submitted responses (scored by another questionnaire version, or written before tallies
    existed) are rebuilt from the answers first, once.
    """
    round_id, groups = round_.id, round_groups(round_)
    tallies = read_round(db.session.connection(), questionnaire, round_id)
    if responses_per_group(tallies) != submitted_per_group(round_id) or not counts_answers(tallies):
        db.session.commit()  # a fresh transaction: SQLite refuses a write after a read of an older state
        rebuild_round(db.session.connection(), questionnaire, round_id)
        db.session.commit()
        tallies = read_round(db.session.connection(), questionnaire, round_id)
    return aggregate_tallies(questionnaire, tallies, groups, people=anonymity_counts(round_id))


def submitted_per_group(round_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(Response.group_id, func.count())
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None))
        .group_by(Response.group_id)
    ).tuples()
    return {group_id: count for group_id, count in rows}


def anonymity_counts(round_id: int) -> dict[int, int]:
    """What the anonymity threshold counts per group: people told apart by browser, and in a group with
    personal invitations each invitation's response plus the group link's from before the first invitation
    (see store/fieldwork/group_links.py: the group link then takes no more, so it cannot pad the group)."""
    return threshold_people(round_id)


def in_progress(round_: Round) -> int:
    """Responses started in the round and not submitted: what closing it will refuse."""
    return sum(line.started - line.submitted for line in participation(round_))


def participation(round_: Round) -> list[Participation]:
    """Responses started and submitted in each group of the round, and the people who submitted them."""
    counts = {
        group_id: (started, submitted)
        for group_id, started, submitted in db.session.execute(
            select(Response.group_id, func.count(), func.count(Response.submitted_at))
            .where(Response.round_id == round_.id)
            .group_by(Response.group_id)
        ).tuples()
    }
    people, headcounts = threshold_people(round_.id), group_headcounts(round_.id)
    return [
        Participation(group, *counts.get(group.id, (0, 0)), people.get(group.id, 0), headcounts.get(group.id))
        for group in round_.engagement.groups
    ]


COMMENTS_PER_DIMENSION = 20  # shown per practice in a report (see comment_choices.delivered_round_comments)


def response_count(round_id: int) -> int:
    return db.session.scalar(select(func.count()).where(Response.round_id == round_id)) or 0


def response_lines(round_: Round, start: int = 0, limit: int | None = None) -> list[ResponseLine]:
    """The round's responses from line `start`, most recently started first (then the latest created),
    for the page where the consultant can delete one."""
    names = {group.id: group.name for group in round_.engagement.groups}
    rows = db.session.execute(
        select(Response.id, Response.group_id, Response.created_at, Response.submitted_at)
        .where(Response.round_id == round_.id)
        .order_by(Response.created_at.desc(), Response.id.desc())
        .offset(start)
        .limit(limit)
    ).tuples()
    return [ResponseLine(rid, names.get(gid, ""), created, submitted) for rid, gid, created, submitted in rows]


def responses_version(round_id: int) -> tuple[int, datetime | None]:
    """How many responses the round has and when one last changed: what a list of its responses depends on
    (an erased response lowers the count; an edit or a submit moves the time)."""
    count, changed = db.session.execute(
        select(func.count(), func.max(Response.updated_at)).where(Response.round_id == round_id)
    ).one()
    return count, changed
