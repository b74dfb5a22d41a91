"""Load on a real gunicorn: 8 concurrent respondents complete 300 responses, on SQLite and on
PostgreSQL, while workers are killed with SIGKILL. Loopback only, bounded in time."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import throwaway_database
from tests.load.postgres import migrate
from tests.load.server import Server, gunicorn
from tests.load.verify import check_database
from tests.load.visitor import Outcome, Visitor, complete_response

pytestmark = pytest.mark.slow

CLIENTS = 8
RESPONSES = 300
KILLS = 3
DEADLINE_SECONDS = 600  # generous on a busy 2-core machine; a hung server fails the test, never hangs the suite


def run_load(server: Server, questionnaire, count: int, on_progress=None) -> list[Outcome]:
    """`count` respondents, CLIENTS at a time, each a new browser with its own cookies."""
    profiles = questionnaire.profile_ids
    done = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + DEADLINE_SECONDS

    def respondent(number: int) -> Outcome:
        if time.monotonic() > deadline:
            return Outcome(profiles[number % 3], errors=["not started: the load's deadline had passed"])
        outcome = complete_response(Visitor(server.host, server.port), questionnaire, profiles[number % 3], number)
        with lock:
            done[0] += 1
            finished = done[0]
        if on_progress:
            on_progress(finished)
        return outcome

    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(respondent, number) for number in range(count)]
        return [future.result() for future in futures]


def report(outcomes: list[Outcome], started: float) -> str:
    errors = [error for outcome in outcomes for error in outcome.errors]
    return (
        f"{sum(o.acknowledged for o in outcomes)}/{len(outcomes)} acknowledged in {time.monotonic() - started:.1f} s, "
        f"{sum(o.retries for o in outcomes)} retries, {len(errors)} errors {errors[:3]}"
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    with throwaway_database(request.param, tmp_path_factory) as url:
        migrate(url)
        yield url


def test_300_concurrent_responses_survive_killed_workers_and_are_stored_whole(database_url, tmp_path, questionnaire):
    """8 clients complete 300 responses while a worker dies by SIGKILL at a quarter, half and three
    quarters of the load. A client retries a request whose connection dropped, as a browser's reload
    would; nothing else may fail. Every acknowledged submit is stored with every answer, and no
    response is marked submitted with an answer missing."""
    killed: list[int] = []
    marks = [RESPONSES * (k + 1) // (KILLS + 1) for k in range(KILLS)]

    with gunicorn(database_url, tmp_path) as server:

        def kill_a_worker_at_marks(finished: int) -> None:
            if finished in marks:
                workers = server.worker_pids()
                victim = workers[len(killed) % len(workers)]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        started = time.monotonic()
        outcomes = run_load(server, questionnaire, RESPONSES, kill_a_worker_at_marks)
        summary = report(outcomes, started)
        log = server.log()
    print(f"{summary}; killed workers {killed}")
    assert len(killed) == KILLS and all(f"pid:{pid}" in log for pid in killed), "a worker was not killed"
    assert all(o.acknowledged and not o.errors for o in outcomes), summary
    stored = check_database(database_url, questionnaire, outcomes)
    assert stored.problems == []
    assert stored.submitted == RESPONSES
    assert stored.responses - RESPONSES <= sum(o.retries for o in outcomes)  # only a retried start leaves a stray
    assert "database is locked" not in log
    assert "Traceback" not in log
    request_lines = [line for line in log.splitlines() if line.startswith('{"time"')]
    assert len(request_lines) >= RESPONSES * 20  # one structured line per request
    assert not any(outcome.token in log for outcome in outcomes), "a private token reached the log"
