"""A scripted respondent over plain HTTP: its own cookies, CSRF tokens scraped from the forms,
and a retry when a connection drops, as a browser's reload would."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from survey.domain.questionnaire.journey import IMPORTANCE, steps_for
from survey.domain.questionnaire.model import Questionnaire

CSRF_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')
TOKEN_IN_LOCATION = re.compile(r"/r/([^/]+)/")
DROPPED = (ConnectionError, http.client.HTTPException, TimeoutError)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Outcome:
    """What one scripted respondent saw: the answers it sent and whether submit was acknowledged."""

    profile: str
    token: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    importance: dict[str, int] = field(default_factory=dict)
    acknowledged: bool = False
    errors: list[str] = field(default_factory=list)
    retries: int = 0


class Visitor:
    """One browser: a cookie jar, the last page's CSRF token, and retries on dropped connections."""

    def __init__(self, host: str, port: int, retries: int = 5, timeout: float = 30):
        self.host, self.port, self.retries, self.timeout = host, port, retries, timeout
        self.cookies: dict[str, str] = {}
        self.csrf_token = ""
        self.retried = 0

    def request(self, method: str, path: str, form: dict | None = None) -> Reply:
        for attempt in range(self.retries + 1):
            try:
                return self._send(method, path, form)
            except DROPPED:
                if attempt == self.retries:
                    raise
                self.retried += 1
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    def get(self, path: str) -> Reply:
        reply = self.request("GET", path)
        match = CSRF_PATTERN.search(reply.body)
        if match:
            self.csrf_token = match.group(1)
        return reply

    def post(self, path: str, form: dict) -> Reply:
        return self.request("POST", path, {"csrf_token": self.csrf_token, **form})

    def _send(self, method: str, path: str, form: dict | None) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            headers = {"Accept-Language": "en"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urlencode(form)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Reply(response.status, dict(response.headers.items()), text)
        finally:
            connection.close()


def pick(question, index: int) -> str:
    """A deterministic answer: every fifth question "don't know", others cycle through the choices."""
    if index % 5 == 4:
        return "dont_know"
    return question.choices[index % len(question.choices)].value


def complete_response(visitor: Visitor, questionnaire: Questionnaire, profile: str, number: int) -> Outcome:
    """The whole journey: landing, start, every page with Next, submit. Never raises on HTTP status."""
    outcome = Outcome(profile)

    def expect(reply: Reply, status: int, what: str) -> bool:
        if reply.status != status:
            outcome.errors.append(f"{what}: {reply.status} {reply.body[:200]!r}")
            return False
        return True

    try:
        if not expect(visitor.get("/"), 200, "GET /"):
            return outcome
        started = visitor.post("/start", {"profile": profile, "organisation": f"Load test {number}"})
        if not expect(started, 302, "POST /start"):
            return outcome
        outcome.token = TOKEN_IN_LOCATION.search(started.headers["Location"]).group(1)
        base = f"/r/{outcome.token}"
        for step in steps_for(questionnaire, profile):
            if step.kind == IMPORTANCE:
                path = f"{base}/importance"
                form = {d.id: str(1 + (number + i) % 5) for i, d in enumerate(questionnaire.dimensions)}
                outcome.importance = {d: int(v) for d, v in form.items()}
            else:
                path = f"{base}/q/{step.id}"
                form = {"comment": f"Comment {number} on {step.id}"}
                for question in questionnaire.dimension(step.id).applicable_questions(profile):
                    form[question.id] = outcome.answers[question.id] = pick(question, number + len(outcome.answers))
            if not expect(visitor.get(path), 200, f"GET {step.id}"):
                return outcome
            if not expect(visitor.post(path, {**form, "action": "next"}), 302, f"POST {step.id}"):
                return outcome
        submitted = visitor.post(f"{base}/submit", {})
        if expect(submitted, 302, "POST submit") and submitted.headers["Location"].endswith("/report"):
            outcome.acknowledged = True
    except DROPPED as error:
        outcome.errors.append(f"connection failed after {visitor.retries} retries: {error!r}")
    finally:
        outcome.retries = visitor.retried
    return outcome
