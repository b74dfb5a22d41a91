"""The consultant's page types, opened in a browser in either language: an account and an engagement
with submitted responses stored through the services, then a sign-in through the real form."""

from __future__ import annotations

import uuid

from survey.store.accounts import create_consultant
from tests.e2e.live import LiveServer, seed_response

PASSWORD = "browser tests only, not a secret"
REPORT_RADAR = "figure.radar svg"
# name -> path once signed in ({id}: the seeded engagement); the sign-in page itself needs nothing.
CONSULTANT_PAGE_TYPES: dict[str, str | None] = {
    "consultant-login": None,
    "consultant-dashboard": "/engagements",
    "consultant-engagement": "/engagements/{id}",
    "consultant-report": "/engagements/{id}/rounds/2/report",
    "consultant-comments": "/engagements/{id}/rounds/2/comments",
    "consultant-firm": "/account/firm",
    "consultant-responses": "/engagements/{id}/rounds/2/responses",
    "consultant-open-round": "/engagements/{id}/rounds",
    # What an invited respondent sees: the invite page, and a private link once its round has closed (410).
    "invite": "/i/{invite}",
    "survey-closed": "/r/{late}/review",
}


def seed_consultant(app) -> str:
    """A new consultant account (a unique e-mail: the live database is shared by the session); returns the e-mail."""
    email = f"consultant-{uuid.uuid4().hex[:12]}@example.org"
    with app.app_context():
        create_consultant(email, PASSWORD)
    return email


def seed_engagement(app, email: str, lang: str) -> int:
    """The demo's engagement (`flask --app app demo`: four role groups, two rounds, Legal under the anonymity
    threshold) in `lang`, for this consultant; returns its id."""
    from datetime import datetime

    from survey.extensions import db
    from survey.store.demo import seed_engagement as seed_demo_engagement
    from survey.store.models import Consultant

    with app.app_context():
        consultant = db.session.query(Consultant).filter_by(email=email).one()
        questionnaire = app.extensions["questionnaire"]
        return seed_demo_engagement(questionnaire, consultant.id, lang, datetime(2026, 11, 27, 9, 30))


def sign_in(page, server: LiveServer, email: str, lang: str) -> None:
    """Fill the sign-in form and wait for the dashboard; the ?lang= choice is kept for the session."""
    page.goto(f"{server.url}/login?lang={lang}")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("form.panel button[type=submit]")
    assert page.url.endswith("/engagements"), page.url


def open_consultant_page(page, server: LiveServer, name: str, lang: str) -> None:
    """Seed what the page needs, sign in and open it in `lang`."""
    path = CONSULTANT_PAGE_TYPES[name]
    if path is None:
        page.goto(f"{server.url}/login?lang={lang}")
        return
    email = seed_consultant(server.app)
    engagement_id = seed_engagement(server.app, email, lang)
    sign_in(page, server, email, lang)
    page.goto(server.url + path.format(id=engagement_id, **respondent_paths(server.app, engagement_id, name)))
    if name == "consultant-report":
        page.wait_for_selector(REPORT_RADAR)


def respondent_paths(app, engagement_id: int, name: str) -> dict[str, str]:
    """The invite token of the engagement's first group in its current round; for "survey-closed", a response
    left in progress in that round (its private token), and the round closed."""
    from survey.extensions import db
    from survey.store.engagements import close_round
    from survey.store.models import Engagement

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        round_, group = engagement.current_round, engagement.groups[0]
        paths = {"invite": next(i.token for i in round_.invites if i.group_id == group.id), "late": ""}
        if name != "survey-closed":
            return paths
        round_id, group_id, profile, lang = round_.id, group.id, group.profile, engagement.language
    paths["late"] = seed_response(app, profile, lang, round_id=round_id, group_id=group_id)
    with app.app_context():
        close_round(db.session.get(Engagement, engagement_id).current_round)
    return paths
