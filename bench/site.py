"""The site under test: a throw-away database, migrated and seeded through the app's own code, and a
small HTTP client for the requests a scenario needs before its load (a page's CSRF token, a cookie)."""

from __future__ import annotations

import http.client
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from flask import Flask
from flask_migrate import upgrade

from survey import create_app
from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
from survey.store.responses import create_response, save_answers, submit_response

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Page:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def csrf_token(self) -> str:
        match = CSRF_INPUT.search(self.text)
        if match is None:
            raise ValueError("no csrf_token input on the page")
        return match.group(1)

    def cookie(self, name: str = "session") -> str:
        """`name=value`, ready for a Cookie header."""
        cookie = SimpleCookie(self.headers.get("set-cookie", ""))
        if name not in cookie:
            raise ValueError(f"the page set no {name!r} cookie")
        return f"{name}={cookie[name].value}"


@dataclass
class Site:
    """The app's base URL, an in-process app on the same database, and what was seeded (path fields)."""

    base_url: str
    app: Flask
    seeded: dict[str, Any] = field(default_factory=dict)
    server_cpu_seconds: Callable[[], float] = lambda: 0.0  # CPU time used so far by the server's processes

    def path(self, template: str) -> str:
        """`/r/{staff_token}/q/{dimension}` with the seeded values filled in."""
        return template.format_map(self.seeded)

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None) -> Page:
        """One request, redirects not followed."""
        host, port = self.base_url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
            return Page(answer.status, {k.lower(): v for k, v in answer.getheaders()}, text)
        finally:
            connection.close()


def migrated_app(database_url: str, secret_key: str) -> Flask:
    """The app on a new database whose schema is built by the real migrations."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret_key})
    with app.app_context():
        upgrade()
    return app


def seed(app: Flask) -> dict[str, Any]:
    """A staff response with every question answered (mid-survey) and a submitted one for the report."""
    questionnaire: Questionnaire = app.extensions["questionnaire"]
    profile = "staff"
    answers = {
        question_id: _answer(questionnaire, question_id, i)
        for i, question_id in enumerate(questionnaire.applicable_question_ids(profile))
    }
    comments = {d.id: f"Bench comment on {d.id}." for d in questionnaire.dimensions}
    heaviest = max(
        questionnaire.dimensions,
        key=lambda d: sum(len(q.choices) + 1 for q in d.applicable_questions(profile)),
    )
    with app.app_context():
        in_progress = create_response(questionnaire, profile, "Bench Org", "en")
        save_answers(in_progress, answers, comments)
        submitted = create_response(questionnaire, profile, "Bench Org", "en")
        save_answers(submitted, answers, comments)
        submit_response(questionnaire, submitted)
        return {
            "profile": profile,
            "staff_token": in_progress.token,
            "report_token": submitted.token,
            "dimension": heaviest.id,
            "page_answers": {q.id: answers[q.id] for q in heaviest.applicable_questions(profile)},
            "page_comment": comments[heaviest.id],
        }


def _answer(questionnaire: Questionnaire, question_id: str, index: int) -> str:
    """Deterministic answers: every seventh "don't know", the others cycle through the choices."""
    choices = questionnaire.questions_by_id[question_id].choices
    return DONT_KNOW if index % 7 == 6 else choices[index % len(choices)].value
