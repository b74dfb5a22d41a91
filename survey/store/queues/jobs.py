"""Background builds of a round's documents, one per document version, claimed with a lease (store/queues/leases.py).

A download of a large round's deck, workbook or PDF asks for its build (`request_build`): one INSERT that
does nothing when the same key (a digest of everything the document shows) is already asked for, so that
a build happens once however many requests and instances ask. `flask --app app jobs worker` builds it and
stores the file in rendered_documents, where every instance reads it. A job that fails is tried again
after a back-off, up to JOBS_MAX_ATTEMPTS; a worker that dies leaves its job to the next one once its lease
lapses. Jobs go with their round (foreign key); the stored files with their round's erasure
(store/documents.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from survey.extensions import db
from survey.store.documents import replace_documents
from survey.store.models import utcnow
from survey.store.models.jobs import JOB_DONE, JOB_FAILED, JOB_QUEUED, JOB_RUNNING, Job
from survey.store.queues.leases import LeasedTable

_jobs = Job.__table__
QUEUE = LeasedTable(_jobs, waiting=JOB_QUEUED, taken=JOB_RUNNING)


@dataclass(frozen=True)
class JobState:
    status: str
    attempts: int
    error: str | None


def job_state(key: str) -> JobState | None:
    row = db.session.execute(
        select(_jobs.c.status, _jobs.c.attempts, _jobs.c.last_error).where(_jobs.c.key == key)
    ).first()
    return JobState(*row) if row else None


def request_build(key: str, kind: str, round_id: int, payload: dict) -> JobState:
    """Ask for the document `key` to be built (once: a second request finds the first's job); its state."""
    found = job_state(key)
    if found is not None and found.status == JOB_DONE:  # built, then its file replaced: build it again
        db.session.execute(
            update(_jobs)
            .where(_jobs.c.key == key, _jobs.c.status == JOB_DONE)
            .values(status=JOB_QUEUED, attempts=0, next_attempt_at=utcnow(), finished_at=None)
        )
        db.session.commit()
        return job_state(key)
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            db.session.execute(
                _jobs.insert().values(
                    key=key,
                    kind=kind,
                    round_id=round_id,
                    payload=payload,
                    status=JOB_QUEUED,
                    attempts=0,
                    next_attempt_at=utcnow(),
                    created_at=utcnow(),
                )
            )
        db.session.commit()
    except IntegrityError:  # another request asked at the same moment: its job is the one
        db.session.rollback()
    return job_state(key)


def job_to_run(job_id: int) -> Job:
    return db.session.get(Job, job_id)


def mark_built(job: Job, worker: str, content: bytes, lang: str) -> None:
    """Store the file in place of the round's older ones of the same kind, and close the job, in one commit."""
    replace_documents(job.key, content, lang, None, job.round_id, kind=job.kind, variant=variant_of(job.payload))
    QUEUE.finish(job.id, worker, status=JOB_DONE, finished_at=utcnow(), last_error=None)
    db.session.commit()


def variant_of(payload: dict) -> str:
    """Which variant of its kind a round's file is (the benchmark cell its deck or workbook shows)."""
    cell = payload.get("benchmark") or {}
    return "&".join(f"{name}={cell[name]}" for name in sorted(cell))


def mark_retry(job_id: int, worker: str, error: str, wait: timedelta) -> None:
    QUEUE.finish(job_id, worker, status=JOB_QUEUED, next_attempt_at=utcnow() + wait, last_error=error[:300])
    db.session.commit()


def mark_failed(job_id: int, worker: str, error: str) -> None:
    QUEUE.finish(job_id, worker, status=JOB_FAILED, finished_at=utcnow(), last_error=error[:300])
    db.session.commit()
