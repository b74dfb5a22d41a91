"""Work tables claimed with a lease: the outbox (e-mails) and the jobs (long builds) share this.

A worker claims a few rows due now: on PostgreSQL with SELECT ... FOR UPDATE SKIP LOCKED (two workers
never claim the same row, nor wait for each other), on SQLite by its single writer. The claim is a lease:
a worker that dies leaves its rows to be claimed again once the lease ends; a worker checks that a row is
still its own (and extends the lease) before each piece of work. A table qualifies with the columns
`id`, `status`, `attempts`, `next_attempt_at`, `lease_until` and `claimed_by`.
"""

from __future__ import annotations

import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import current_app
from sqlalchemy import Table, and_, or_, select, update

from survey.extensions import db
from survey.store.models import utcnow


@dataclass(frozen=True)
class LeasedTable:
    """A work table and the two statuses of its rows that leases move between."""

    table: Table
    waiting: str  # due when next_attempt_at has come
    taken: str  # claimed; due again when the lease has lapsed

    def claim(self, worker: str, size: int, lease: timedelta, now: datetime | None = None) -> list[int]:
        """Claim up to `size` rows due now (or whose claim lapsed: a worker died) for `lease`; their ids."""
        t, now = self.table, now or utcnow()
        due = or_(
            and_(t.c.status == self.waiting, t.c.next_attempt_at <= now),
            and_(t.c.status == self.taken, t.c.lease_until < now),
        )
        chosen = select(t.c.id).where(due).order_by(t.c.id).limit(size).with_for_update(skip_locked=True)
        db.session.execute(
            update(t)
            .where(t.c.id.in_(chosen))
            .values(status=self.taken, claimed_by=worker, lease_until=now + lease, attempts=t.c.attempts + 1)
        )
        mine = select(t.c.id).where(t.c.claimed_by == worker, t.c.status == self.taken)
        ids = list(db.session.scalars(mine.order_by(t.c.id)))
        db.session.commit()
        return ids

    def hold(self, row_id: int, worker: str, lease: timedelta) -> bool:
        """Just before the work: is the row still this worker's? Extends its lease if so."""
        t = self.table
        held = db.session.execute(
            update(t)
            .where(t.c.id == row_id, t.c.claimed_by == worker, t.c.status == self.taken)
            .values(lease_until=utcnow() + lease)
        ).rowcount
        db.session.commit()
        return held == 1

    def release(self, row_ids: list[int], worker: str, wait: timedelta = timedelta(0)) -> None:
        """Give back claimed rows not tried (the worker stops, a server is down): their claim is undone."""
        if row_ids:
            t = self.table
            db.session.execute(
                update(t)
                .where(t.c.id.in_(row_ids), t.c.claimed_by == worker, t.c.status == self.taken)
                .values(
                    status=self.waiting,
                    attempts=t.c.attempts - 1,
                    next_attempt_at=utcnow() + wait,
                    lease_until=None,
                    claimed_by=None,
                )
            )
            db.session.commit()

    def finish(self, row_id: int, worker: str, **values) -> None:
        """Record the outcome of the worker's row (its new status and columns); the lease ends."""
        t = self.table
        db.session.execute(
            update(t).where(t.c.id == row_id, t.c.claimed_by == worker).values(lease_until=None, **values)
        )


def new_worker_id() -> str:
    return secrets.token_hex(8)


def retry_wait(attempts: int, base_seconds: float, max_seconds: float) -> timedelta:
    """Back-off: base, 2 x base, 4 x base... capped, so an outage of hours costs a few tries an hour."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds))


def run_until_stopped(worker, name: str, poll: float, describe: Callable[[object], str | None]) -> None:
    """A worker process's life (`flask mail worker`, `flask jobs worker`): a pass, then a nap of `poll` seconds,
    until SIGTERM or Ctrl-C, which stop it between two pieces of work. The passes run in a request context on
    PUBLIC_URL (the links of e-mails, the templates of documents); `describe` says what a pass did, if worth it."""

    def stop(signum, frame) -> None:
        worker.stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"{name} {worker.id}: started", err=True)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        while not worker.stopping:
            said = describe(worker.run_pass())
            if said:
                click.echo(f"{name} {worker.id}: {said}", err=True)
            slept = 0.0
            while not worker.stopping and slept < poll:
                time.sleep(min(0.2, poll))
                slept += 0.2
    click.echo(f"{name} {worker.id}: stopped", err=True)
