"""A large round's deck, workbook and PDF are built off the request by the job worker, once per document
version, and stored in the database for every instance. Both databases."""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from survey.extensions import db
from survey.store.models import Engagement, Job, RenderedDocument
from survey.store.queues import jobs
from survey.web.jobs import JobWorker
from tests.conftest import Browser
from tests.web.consultant import all_answers, create_engagement, login, seed_responses

GROUPS = [("Direction", "executive"), ("Équipe", "staff")]
XLSX = "report.xlsx"


@pytest.fixture()
def large(app, monkeypatch):
    """Every round counts as large: its documents are built by the worker."""
    monkeypatch.setitem(app.config, "JOBS_MIN_RESPONSES", 1)
    monkeypatch.setitem(app.config, "JOBS_RETRY_SECONDS", 0)
    return app


@pytest.fixture()
def round_url(app, large, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Initech", GROUPS, language="en")
    for name, profile in GROUPS:
        seed_responses(app, engagement_id, name, all_answers(questionnaire, profile, "best"), 3)
    return f"/engagements/{engagement_id}/rounds/1"


def counted_builds(app, monkeypatch) -> list[str]:
    """The builds the worker runs, by kind (the real builders, counted)."""
    builds, builders = [], dict(app.extensions["job_builders"])

    def counting(kind):
        def build(payload):
            builds.append(kind)
            return builders[kind](payload)

        return build

    monkeypatch.setitem(app.extensions, "job_builders", {kind: counting(kind) for kind in builders})
    return builds


def run_worker(app, worker=None) -> int:
    with app.test_request_context():
        return (worker or JobWorker(app)).run_pass()


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_two_concurrent_first_requests_answer_at_once_and_build_once(app, consultant, round_url, monkeypatch):
    builds = counted_builds(app, monkeypatch)
    other = Browser(app.test_client())
    login(other, "ada@example.com")
    answers, start = [], threading.Barrier(2)

    def download(browser):
        start.wait()
        answers.append(browser.client.get(f"{round_url}/{XLSX}"))

    threads = [threading.Thread(target=download, args=(b,)) for b in (consultant, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 2
    for answer in answers:  # a progress page that reloads itself, no script needed
        page = answer.get_data(as_text=True)
        assert answer.status_code == 202 and answer.mimetype == "text/html"
        assert '<meta http-equiv="refresh" content="3">' in page and "being prepared" in page
    assert count(app, Job) == 1
    assert consultant.client.get(f"{round_url}/{XLSX}").status_code == 202  # still building: no second job
    assert count(app, Job) == 1

    assert run_worker(app) == 1 and builds == ["xlsx"]
    served = other.client.get(f"{round_url}/{XLSX}")
    assert served.status_code == 200 and served.mimetype.endswith("spreadsheetml.sheet")
    cells = [
        cell.value for sheet in load_workbook(io.BytesIO(served.data)) for row in sheet.iter_rows() for cell in row
    ]
    assert any("Initech" in str(value) for value in cells)
    assert consultant.client.get(f"{round_url}/{XLSX}").data == served.data
    assert run_worker(app) == 0 and builds == ["xlsx"]  # nothing left to build


def test_a_killed_workers_job_is_taken_again_after_its_lease_and_finishes(app, consultant, round_url, monkeypatch):
    builds = counted_builds(app, monkeypatch)
    assert consultant.get(f"{round_url}/report.pptx").status_code == 202
    with app.app_context():
        killed = JobWorker(app)  # claims the job, then dies before building it: its lease lapses
        assert jobs.QUEUE.claim(killed.id, 1, timedelta(seconds=-1)) != []
    restarted = JobWorker(app)
    assert run_worker(app, restarted) == 1 and builds == ["pptx"]
    with app.app_context():
        job = db.session.scalars(select(Job)).one()
        assert (job.status, job.attempts, job.claimed_by) == ("done", 2, restarted.id)
    served = consultant.client.get(f"{round_url}/report.pptx")
    assert served.status_code == 200 and served.data[:2] == b"PK"


def test_a_job_whose_lease_still_runs_is_left_to_its_worker(app, consultant, round_url):
    assert consultant.get(f"{round_url}/report.pptx").status_code == 202
    with app.app_context():
        assert jobs.QUEUE.claim("busy-worker", 1, timedelta(minutes=10)) != []
    assert run_worker(app) == 0
    assert consultant.get(f"{round_url}/report.pptx").status_code == 202


def test_a_failed_build_is_tried_again_then_reported(app, consultant, round_url, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_MAX_ATTEMPTS", 2)

    def broken(payload):
        raise RuntimeError("disk full")

    monkeypatch.setitem(app.extensions, "job_builders", {"pdf": broken})
    assert consultant.get(f"{round_url}/report.pdf").status_code == 202
    run_worker(app)  # the first attempt fails and is queued again (no wait here), the second fails for good
    failed = consultant.client.get(f"{round_url}/report.pdf")
    assert failed.status_code == 500 and "could not be built" in failed.get_data(as_text=True)
    assert "http-equiv" not in failed.get_data(as_text=True)  # no endless reloading
    with app.app_context():
        assert db.session.scalars(select(Job.last_error)).one() == "RuntimeError: disk full"


def test_the_pdf_built_in_the_background_is_the_rounds_pdf(app, consultant, round_url):
    assert consultant.get(f"{round_url}/report.pdf").status_code == 202
    assert run_worker(app) == 1
    served = consultant.client.get(f"{round_url}/report.pdf")
    assert served.status_code == 200 and served.data.startswith(b"%PDF")


def test_new_answers_make_a_new_build_that_drops_the_old_file_and_erasing_the_round_erases_both(
    app, consultant, round_url, questionnaire
):
    consultant.get(f"{round_url}/{XLSX}")
    run_worker(app)
    first = consultant.client.get(f"{round_url}/{XLSX}").data
    engagement_id = int(round_url.split("/")[2])
    seed_responses(app, engagement_id, "Équipe", all_answers(questionnaire, "staff", "worst"), 1)
    assert consultant.client.get(f"{round_url}/{XLSX}").status_code == 202  # the stored file is out of date
    run_worker(app)
    second = consultant.client.get(f"{round_url}/{XLSX}")
    assert second.status_code == 200 and second.data != first
    assert count(app, RenderedDocument) == 1  # the old one dropped
    with app.app_context():
        from survey.store.engagements import delete_engagement

        delete_engagement(db.session.get(Engagement, engagement_id))
    assert count(app, RenderedDocument) == 0 and count(app, Job) == 0


def test_a_small_round_is_still_built_in_the_request(app, consultant, questionnaire):
    engagement_id = create_engagement(consultant, "Small", GROUPS, language="en")
    seed_responses(app, engagement_id, "Direction", all_answers(questionnaire, "executive", "best"), 3)
    served = consultant.get(f"/engagements/{engagement_id}/rounds/1/{XLSX}")
    assert served.status_code == 200 and served.mimetype.endswith("spreadsheetml.sheet")
    assert count(app, Job) == 0


def test_the_jobs_command_builds_what_is_waiting(app, consultant, round_url):
    assert consultant.get(f"{round_url}/report.pptx").status_code == 202
    result = app.test_cli_runner().invoke(args=["jobs", "run"])
    assert result.exit_code == 0 and "1 built" in result.output
    assert consultant.client.get(f"{round_url}/report.pptx").status_code == 200


def test_a_built_file_dropped_since_is_built_again_rather_than_waited_for_forever(app, consultant, round_url):
    """A version's file can be replaced and its version come back (answers added, then erased): its job is
    done but its file gone, so the download asks for a new build instead of a progress page that never ends."""
    consultant.get(f"{round_url}/{XLSX}")
    assert run_worker(app) == 1
    with app.app_context():
        db.session.execute(RenderedDocument.__table__.delete())
        db.session.commit()
    assert consultant.client.get(f"{round_url}/{XLSX}").status_code == 202
    assert run_worker(app) == 1
    assert consultant.client.get(f"{round_url}/{XLSX}").status_code == 200
