"""Helpers that act like a consultant and like invited respondents, through the real pages."""

from __future__ import annotations

import re

from survey.extensions import db
from survey.store.accounts import create_api_token, create_consultant
from survey.store.models import Consultant
from tests.web.journey import answer_everything

PASSWORD = "correct horse battery staple"
GROUPS = [("Executive committee", "executive"), ("Community management", "staff"), ("Legal", "staff")]


def make_consultant(app, email: str) -> int:
    with app.app_context():
        return create_consultant(email, PASSWORD).id


def api_token_for(app, email: str) -> str:
    with app.app_context():
        consultant = db.session.query(Consultant).filter_by(email=email).one()
        return create_api_token(consultant, "tests")


def login(browser, email: str, password: str = PASSWORD):
    browser.get("/login")
    return browser.post("/login", {"email": email, "password": password})


def create_engagement(browser, client_name: str = "ACME", groups=GROUPS, language: str = "en", **extra) -> int:
    """Create an engagement from the form; returns its id."""
    browser.get("/engagements/new")
    data = {"client_name": client_name, "language": language, **extra}
    for index in range(len(groups) + 2):
        name, profile = groups[index] if index < len(groups) else ("", "staff")
        data[f"groups-{index}-id"] = ""
        data[f"groups-{index}-name"] = name
        data[f"groups-{index}-profile"] = profile
    response = browser.post("/engagements/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return int(re.search(r"/engagements/(\d+)", response.headers["Location"]).group(1))


def invite_links(browser, engagement_id: int) -> dict[tuple[int, str], str]:
    """(round number, group name) -> invite token, read from the engagement page."""
    page = browser.get(f"/engagements/{engagement_id}").get_data(as_text=True)
    links = {}
    for section in re.findall(r'<section class="round panel".*?</section>', page, re.S):
        number = int(re.search(r'id="round-(\d+)"', section).group(1))
        for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
            token = re.search(r"/i/([A-Za-z0-9_-]+)", row)
            name = re.search(r'<th scope="row">([^<]+)<br>', row)
            if token and name:
                links[(number, name.group(1).strip())] = token.group(1)
    return links


def respond(app, invite_token: str, questionnaire, profile: str, submit: bool = True, respondent=None) -> str:
    """A respondent (a fresh browser, or `respondent`'s) opens the invite, answers everything, submits; returns
    the private token."""
    from tests.conftest import Browser

    respondent = respondent or Browser(app.test_client())
    assert respondent.get(f"/i/{invite_token}").status_code == 200
    started = respondent.post(f"/i/{invite_token}")
    assert started.status_code == 302, started.get_data(as_text=True)[:500]
    token = re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1)
    answer_everything(respondent, questionnaire, token, profile)
    if submit:
        respondent.get(f"/r/{token}/review")
        assert respondent.post(f"/r/{token}/submit").status_code == 302
    return token


def all_answers(questionnaire, profile: str, choice: str) -> dict[str, str]:
    """Every applicable question answered with its best ("best"), worst ("worst") choice or "dont_know"."""
    answers = {}
    for dimension in questionnaire.dimensions:
        for question in dimension.applicable_questions(profile):
            if choice == "dont_know":
                answers[question.id] = "dont_know"
            else:
                ordered = sorted(question.choices, key=lambda c: c.score)
                answers[question.id] = (ordered[-1] if choice == "best" else ordered[0]).value
    return answers


def seed_responses(
    app, engagement_id: int, group_name: str, answers: dict, count: int, number: int = 1, comment=None
) -> list[tuple[int, str]]:
    """`count` submitted responses in a group of a round, stored through the same services as the pages;
    returns each one's id and private token."""
    from survey.store.models import Engagement
    from survey.store.responses import create_response, save_answers, submit_response

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        round_ = next(r for r in engagement.rounds if r.number == number)
        group = next(g for g in engagement.groups if g.name == group_name)
        questionnaire = app.extensions["questionnaire"]
        created = []
        for _ in range(count):
            response = create_response(questionnaire, group.profile, "x", "en", round_id=round_.id, group_id=group.id)
            created.append((response.id, response.token))
            save_answers(response, answers, {"autonomy": comment} if comment else None)
            submit_response(questionnaire, response)
        return created
