"""A live app on a throw-away SQLite database and a headless Debian Chromium, shared by the browser
tests and the screenshot command; plus seeding, to reach any page without clicking through the survey."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from survey import create_app
from survey.domain.questionnaire.journey import rates_importance
from survey.domain.questionnaire.model import DONT_KNOW
from survey.extensions import db, get_questionnaire
from survey.store.models import Response
from survey.store.responses import create_response, save_answers, save_importance, submit_response
from survey.store.tokens import token_digest
from tests.conftest import FAST_PASSWORD_HASH

# Playwright's own browser download does not work here: the tests drive Debian's chromium package.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Where each practice sits on its questions' scales (0: the least developed choice), so that a seeded
# report shows contrasts, strengths and weak spots rather than nine equal scores.
SEEDED_POSITIONS = (2, 3, 1, 2, 2, 3, 0, 3, 1)
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
MOBILE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: install Debian's chromium package (.ci/run does, with apt-get)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is missing: pip install -r requirements-dev.txt"
    return None


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass(frozen=True)
class LiveServer:
    app: Flask
    url: str


@contextmanager
def live_server(directory: Path) -> Iterator[LiveServer]:
    """The real app served by werkzeug on 127.0.0.1 (a free port) in a background thread,
    its SQLite database in `directory` built by the real migrations."""
    app = create_app(
        {
            "SECRET_KEY": "browser-tests-only",
            "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'e2e.db'}",
            # Every consultant page type signs in through the form, all from 127.0.0.1 within a minute.
            "LOGIN_RATE_LIMIT": "1000 per minute",
            # Likewise every response the browser tests start, and every PDF they download.
            "START_RATE_LIMIT": "10000 per minute",
            "PDF_RATE_LIMIT": "10000 per minute",
        }
    )
    with app.app_context():
        upgrade()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            db.engine.dispose()


def seed_response(
    app: Flask,
    profile: str,
    lang: str,
    organisation: str = "ACME & Co",
    answered: bool = True,
    submitted: bool = False,
    round_id: int | None = None,
    group_id: int | None = None,
) -> str:
    """A response stored directly (the journey tests click; the others only need the page): returns its token.
    With a round and a group, it is one of an engagement's anonymous responses."""
    with app.app_context():
        questionnaire = get_questionnaire()
        response = create_response(questionnaire, profile, organisation, lang, round_id=round_id, group_id=group_id)
        if answered:
            answers, comments = {}, {}
            for dimension_index, dimension in enumerate(questionnaire.dimensions):
                for question_index, question in enumerate(dimension.applicable_questions(profile)):
                    answers[question.id] = seeded_answer(question, dimension_index, question_index)
                comments[dimension.id] = f"A comment on {dimension.title.get(lang).lower()}."
            save_answers(response, answers, comments)
            if rates_importance(profile):
                save_importance(response, {d.id: 1 + i % 5 for i, d in enumerate(questionnaire.dimensions)})
        if submitted:
            submit_response(questionnaire, response)
        return response.token


def seeded_answer(question, dimension_index: int, question_index: int) -> str:
    """Around the practice's seeded position, one step either way; now and then "don't know"."""
    if (dimension_index + question_index) % 7 == 6:
        return DONT_KNOW
    position = SEEDED_POSITIONS[dimension_index % len(SEEDED_POSITIONS)] + question_index % 3 - 1
    return question.choices[min(max(position, 0), len(question.choices) - 1)].value


def stored_response(app: Flask, token: str) -> dict:
    """What the database holds for a response, to check what the browser did."""
    with app.app_context():
        response = db.session.query(Response).filter_by(token_hash=token_digest(token)).one()
        return {
            "language": response.language,
            "answers": response.answer_values(),
            "importance": response.importance(),
            "submitted": response.submitted_at is not None,
        }
