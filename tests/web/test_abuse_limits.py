"""Abuse limits: responses started and PDFs rendered per client address, PDF renders queued per worker,
a /healthz that does not write on every call, no rate-limit headers on the sign-in form, and a loud
warning when gunicorn's workers would each count the limits on their own."""

from __future__ import annotations

import runpy
import threading
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from survey.config import PROJECT_ROOT
from survey.documents.pdf import renderer as pdf
from survey.extensions import db
from tests.conftest import Browser, rate_limited_app
from tests.web.consultant import create_engagement, invite_links, login, make_consultant
from tests.web.journey import start


class FakeRenderer:
    """Stands for WeasyPrint's HTML: each render takes a while and records how many ran at once."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.running = self.peak = self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, **_):
        return self

    def write_pdf(self, **_) -> bytes:
        with self.lock:
            self.running += 1
            self.renders += 1
            self.peak = max(self.peak, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return b"%PDF-1.7 fake"


@pytest.fixture()
def renderer(monkeypatch):
    fake = FakeRenderer()
    monkeypatch.setattr(pdf, "HTML", fake)
    return fake


@pytest.fixture()
def limited_app(app):
    """The same database with the limiter on and small limits, so that a test reaches them quickly."""
    with rate_limited_app(app, START_RATE_LIMIT="3 per minute", PDF_RATE_LIMIT="2 per minute") as limited:
        yield limited


def from_address(app, address: str) -> Browser:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return Browser(client)


def test_starting_responses_is_limited_per_address(limited_app):
    script = from_address(limited_app, "203.0.113.7")
    for _ in range(3):
        start(script, "staff")
    script.get("/")
    refused = script.post("/start", {"profile": "staff"})
    assert refused.status_code == 429 and "Too many attempts" in refused.get_data(as_text=True)
    start(from_address(limited_app, "198.51.100.2"), "staff")  # someone else is not held up


def test_an_invite_link_starts_responses_within_the_same_limit(limited_app):
    make_consultant(limited_app, "ada@example.com")
    consultant = from_address(limited_app, "192.0.2.1")
    login(consultant, "ada@example.com")
    invite = invite_links(consultant, create_engagement(consultant))[(1, "Legal")]
    script = from_address(limited_app, "203.0.113.7")
    statuses = []
    for _ in range(4):
        script.get(f"/i/{invite}")
        statuses.append(script.post(f"/i/{invite}").status_code)
    assert statuses == [302, 302, 302, 429]
    assert script.get(f"/i/{invite}").status_code == 200  # the page itself is not limited


def test_pdf_renders_are_limited_per_address_but_cached_downloads_are_free(limited_app, renderer, questionnaire):
    respondent = from_address(limited_app, "203.0.113.7")
    token = start(respondent, "candidate")
    assert respondent.get(f"/r/{token}/report.pdf").status_code == 200
    for _ in range(5):
        assert respondent.get(f"/r/{token}/report.pdf").status_code == 200  # cached: not counted
    assert respondent.get(f"/r/{token}/report.pdf?lang=fr").status_code == 200
    assert renderer.renders == 2
    question = questionnaire.dimension("budget").applicable_questions("candidate")[0]
    respondent.get(f"/r/{token}/q/budget")
    respondent.post(f"/r/{token}/q/budget", {question.id: question.choices[0].value, "action": "back"})
    assert respondent.get(f"/r/{token}/report.pdf").status_code == 429  # a third render within the minute
    assert renderer.renders == 2


def test_concurrent_pdf_renders_wait_for_the_workers_slot(app, renderer):
    renderer.seconds = 0.3
    tokens = [start(Browser(app.test_client()), "candidate") for _ in range(3)]
    statuses = []

    def download(token: str) -> None:
        statuses.append(app.test_client().get(f"/r/{token}/report.pdf").status_code)

    threads = [threading.Thread(target=download, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200]
    assert renderer.renders == 3 and renderer.peak == 1


def test_a_render_that_waits_too_long_gets_a_try_again_page(app, renderer, monkeypatch):
    from survey.documents.pdf.render_slots import RenderSlots

    slots = RenderSlots(1, 0.05)
    monkeypatch.setitem(app.extensions, "pdf_render_slots", slots)
    browser = Browser(app.test_client())
    token = start(browser, "candidate")
    with slots.slot():  # another download holds the only slot
        busy = browser.get(f"/r/{token}/report.pdf")
    assert busy.status_code == 503 and busy.headers["Retry-After"]
    assert "Please try again in a few seconds" in busy.get_data(as_text=True)
    assert browser.get(f"/r/{token}/report.pdf").status_code == 200


def test_healthz_does_not_write_to_the_database_on_every_call(app, client):
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(connection, cursor, statement, *args) -> None:
        statements.append(statement.lstrip().upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        for _ in range(20):
            assert client.get("/healthz").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    writes = [statement for statement in statements if statement.startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(statements) >= 20 and len(writes) <= 1


def test_the_sign_in_form_sends_no_rate_limit_headers(limited_app):
    make_consultant(limited_app, "ada@example.com")
    browser = from_address(limited_app, "203.0.113.7")
    replies = [login(browser, "ada@example.com", "wrong password, again") for _ in range(6)]
    assert [reply.status_code for reply in replies] == [401] * 5 + [429]
    for reply in replies:
        assert not [name for name in reply.headers.keys() if name.lower().startswith("x-ratelimit")]  # noqa: SIM118
        assert "Retry-After" not in reply.headers


def run_gunicorn_start_hook(app, workers: int) -> list[str]:
    """gunicorn.conf.py's on_starting, as gunicorn calls it, with `workers` workers; returns the warnings."""
    warnings: list[str] = []
    settings = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    server = SimpleNamespace(
        app=SimpleNamespace(wsgi=lambda: app),
        cfg=SimpleNamespace(workers=workers),
        log=SimpleNamespace(warning=warnings.append),
    )
    settings["on_starting"](server)
    return warnings


def test_gunicorn_warns_loudly_when_each_worker_would_count_the_limits(app, monkeypatch):
    for name in ("APP_ENV", "REQUEST_LOG_BY_SERVER"):  # gunicorn.conf.py sets them: put them back afterwards
        monkeypatch.setenv(name, __import__("os").environ.get(name, ""))
    monkeypatch.setitem(app.config, "RATELIMIT_ENABLED", True)
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "memory://")
    (warning,) = run_gunicorn_start_hook(app, workers=2)
    assert "RATE LIMITS ARE COUNTED PER WORKER" in warning and "2 workers" in warning and "\n" not in warning
    assert run_gunicorn_start_hook(app, workers=1) == []
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "redis://limits.internal:6379")
    assert run_gunicorn_start_hook(app, workers=4) == []
