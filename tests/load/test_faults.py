"""Faults on a real gunicorn: the database stops, or its file turns read-only. Visitors get a clear
503 page, /healthz answers 503, no traceback is shown, and service resumes once the database is back."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from survey.domain.questionnaire.journey import steps_for
from tests.load.postgres import migrate, private_cluster
from tests.load.server import gunicorn
from tests.load.visitor import TOKEN_IN_LOCATION, Reply, Visitor, complete_response

pytestmark = pytest.mark.slow

# Root ignores file permissions; without these two capabilities it obeys them like anyone else.
DROP_PERMISSION_OVERRIDE = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")


def assert_unavailable_page(reply: Reply) -> None:
    assert reply.status == 503, reply.body[:300]
    assert "Temporarily unavailable" in reply.body and "Your answers saved so far are safe" in reply.body
    assert "Traceback" not in reply.body
    assert reply.headers.get("Retry-After")


def assert_health(visitor: Visitor, status: int) -> None:
    reply = visitor.get("/healthz")
    assert reply.status == status, reply.body
    assert json.loads(reply.body)["status"] == ("ok" if status == 200 else "unavailable")


def test_postgresql_stopped_gives_503_and_service_resumes_when_it_is_back(tmp_path, questionnaire):
    with private_cluster() as cluster:
        migrate(cluster.url)
        with gunicorn(cluster.url, tmp_path) as server:
            visitor = Visitor(server.host, server.port, retries=0)
            visitor.get("/")
            token = TOKEN_IN_LOCATION.search(visitor.post("/start", {"profile": "executive"}).headers["Location"])[1]
            first = steps_for(questionnaire, "executive")[0].id
            question = questionnaire.dimension(first).applicable_questions("executive")[0]
            page = f"/r/{token}/q/{first}"
            assert visitor.get(page).status == 200
            assert visitor.post(page, {question.id: "dont_know", "action": "back"}).status == 302

            cluster.stop()
            assert_unavailable_page(visitor.get(page))
            assert_unavailable_page(visitor.post(page, {question.id: "dont_know", "action": "next"}))
            assert visitor.get("/").status == 200  # the landing page needs no database
            assert_unavailable_page(visitor.post("/start", {"profile": "staff"}))  # with the landing page's form
            assert_health(visitor, 503)

            cluster.start()
            assert_health(visitor, 200)
            resumed = visitor.get(page)
            assert resumed.status == 200 and f'name="{question.id}" value="dont_know" checked' in resumed.body
            assert complete_response(visitor, questionnaire, "staff", 7).acknowledged
        assert "Traceback" not in server.log()


def test_read_only_sqlite_file_gives_503_and_service_resumes_when_writable(tmp_path, questionnaire):
    wrapper: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("as root, setpriv is needed to make a read-only file read-only")
        wrapper = DROP_PERMISSION_OVERRIDE
    database = tmp_path / "readiness.db"
    migrate(f"sqlite:///{database}")
    database.chmod(0o444)
    with gunicorn(f"sqlite:///{database}", tmp_path, workers=1, wrapper=wrapper) as server:
        visitor = Visitor(server.host, server.port, retries=0)
        assert visitor.get("/").status == 200
        assert_unavailable_page(visitor.post("/start", {"profile": "candidate"}))
        assert_health(visitor, 503)

        database.chmod(0o644)
        # A connection that failed is dropped; SQLite gave the -wal/-shm files the database's read-only
        # mode, and they go once no connection holds them: the service is back within a few requests.
        assert any(visitor.get("/healthz").status == 200 for _ in range(5))
        assert_health(visitor, 200)
        assert complete_response(visitor, questionnaire, "candidate", 3).acknowledged
        log = server.log()
    assert "attempt to write a readonly database" in log
    assert "Traceback" not in log
