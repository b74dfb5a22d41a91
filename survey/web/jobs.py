"""The job worker: builds a large round's documents off the web request (see store/queues/jobs.py).

`flask --app app jobs worker` runs it until stopped (SIGTERM or Ctrl-C finish the build in hand);
`flask --app app jobs run` runs one pass, for cron. Several may run at once, on any number of machines:
each claims one job at a time with a lease (store/queues/leases.py, shared with the mail worker). The builders
are registered by kind in app.extensions["job_builders"] by the blueprint that knows the documents.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from survey.extensions import db
from survey.store.queues import jobs
from survey.store.queues.leases import new_worker_id, retry_wait, run_until_stopped

log = logging.getLogger(__name__)


class JobWorker:
    def __init__(self, app: Flask):
        self.app = app
        self.id = new_worker_id()
        self.stopping = False
        self.lease = timedelta(seconds=float(app.config["JOBS_LEASE_SECONDS"]))
        self.max_attempts = int(app.config["JOBS_MAX_ATTEMPTS"])
        self.retry_base = float(app.config["JOBS_RETRY_SECONDS"])

    def run_pass(self) -> int:
        """Every job due now, one after the other; how many files were built."""
        built = 0
        while not self.stopping:
            claimed = jobs.QUEUE.claim(self.id, 1, self.lease)
            if not claimed:
                break
            built += self.run(claimed[0])
        return built

    def run(self, job_id: int) -> int:
        job = jobs.job_to_run(job_id)
        builder = self.app.extensions["job_builders"][job.kind]
        try:
            content, lang = builder(dict(job.payload))
        except Exception as error:  # noqa: BLE001 - any failure of a build is recorded on its job, then retried
            db.session.rollback()
            message = f"{type(error).__name__}: {error}"
            log.warning("job %s (%s) failed: %s", job_id, job.kind, message)
            if job.attempts >= self.max_attempts:
                jobs.mark_failed(job_id, self.id, message)
            else:
                jobs.mark_retry(job_id, self.id, message, retry_wait(job.attempts, self.retry_base, 3600))
            return 0
        if not jobs.QUEUE.hold(job_id, self.id, self.lease):
            return 0  # its lease lapsed and another worker has it now
        jobs.mark_built(jobs.job_to_run(job_id), self.id, content, lang)
        return 1


@click.group("jobs")
def jobs_group() -> None:
    """Build a large round's deck, workbook and PDF in the background."""


@jobs_group.command("run")
@with_appcontext
def run_command() -> None:
    """One pass: build every document asked for."""
    worker = JobWorker(current_app._get_current_object())
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        click.echo(f"jobs run: {worker.run_pass()} built", err=True)


@jobs_group.command("worker")
@click.option("--poll", type=float, default=None, help="Seconds between two passes when idle (JOBS_POLL_SECONDS).")
@with_appcontext
def worker_command(poll: float | None) -> None:
    """Build documents as they are asked for, until SIGTERM or Ctrl-C (the build in hand is finished first)."""
    worker = JobWorker(current_app._get_current_object())
    poll = current_app.config["JOBS_POLL_SECONDS"] if poll is None else poll

    run_until_stopped(worker, "jobs worker", poll, lambda built: f"built {built}" if built else None)
