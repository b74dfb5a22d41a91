"""Helpers that walk the survey like a respondent would, through the real pages."""

from __future__ import annotations

import re

from survey.domain.questionnaire.journey import steps_for


def start(browser, profile: str, organisation: str = "", lang: str = "en", version: str | None = None) -> str:
    """Start a response from the landing page; returns the private token. `version="quick"`: 10 minutes."""
    browser.get(f"/?lang={lang}")
    form = {"profile": profile, "organisation": organisation, **({"version": version} if version else {})}
    response = browser.post("/start", form)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    match = re.search(r"/r/([^/]+)/", response.headers["Location"])
    return match.group(1)


def pick(question, index: int) -> str:
    """A deterministic answer: every fifth question "don't know", others cycle through the choices."""
    if index % 5 == 4:
        return "dont_know"
    return question.choices[index % len(question.choices)].value


def answer_everything(browser, questionnaire, token: str, profile: str) -> dict[str, str]:
    """Fill every page with Next, as a respondent would; returns the answers given."""
    given: dict[str, str] = {}
    for step in steps_for(questionnaire, profile):
        if step.kind == "importance":
            url = f"/r/{token}/importance"
            data = {d.id: str(1 + i % 5) for i, d in enumerate(questionnaire.dimensions)}
        else:
            url = f"/r/{token}/q/{step.id}"
            data = {}
            for question in questionnaire.dimension(step.id).applicable_questions(profile):
                data[question.id] = given[question.id] = pick(question, len(given))
            data["comment"] = f"Comment on {step.id}"
        assert browser.get(url).status_code == 200
        response = browser.post(url, {**data, "action": "next"})
        assert response.status_code == 302, (url, response.get_data(as_text=True)[:2000])
    return given
