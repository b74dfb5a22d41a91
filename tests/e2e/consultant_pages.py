"""The consultant's page types, opened in a browser in either language: an account and an engagement
with submitted responses stored through the services, then a sign-in through the real form."""

from __future__ import annotations

import uuid

from survey.store.accounts import create_consultant
from survey.store.engagements import create_engagement
from tests.e2e.live import LiveServer, seed_response

PASSWORD = "browser tests only, not a secret"
REPORT_RADAR = "figure.radar svg"
# name -> path once signed in ({id}: the seeded engagement); the sign-in page itself needs nothing.
CONSULTANT_PAGE_TYPES: dict[str, str | None] = {
    "consultant-login": None,
    "consultant-dashboard": "/engagements",
    "consultant-engagement": "/engagements/{id}",
    "consultant-report": "/engagements/{id}/rounds/1/report",
    "consultant-responses": "/engagements/{id}/rounds/1/responses",
    "consultant-open-round": "/engagements/{id}/rounds",
    # What an invited respondent sees: the invite page, and a private link once its round has closed (410).
    "invite": "/i/{invite}",
    "survey-closed": "/r/{late}/review",
}
# (group, profile, submitted responses, outlook): three groups shown (the widest table a phone must hold), a
# fourth below the anonymity threshold; the board sees things rosier than the community managers.
SEEDED_GROUPS = (
    ("Executive committee", "executive", 3, 2),
    ("Communication and marketing", "staff", 4, 0),
    ("Community management", "staff", 3, -2),
    ("Legal", "staff", 1, 1),
)


def seed_consultant(app) -> str:
    """A new consultant account (a unique e-mail: the live database is shared by the session); returns the e-mail."""
    email = f"consultant-{uuid.uuid4().hex[:12]}@example.org"
    with app.app_context():
        create_consultant(email, PASSWORD)
    return email


def seed_engagement(app, email: str, lang: str) -> int:
    """An engagement in `lang` with round 1 answered as SEEDED_GROUPS says; returns its id."""
    from survey.extensions import db
    from survey.store.models import Consultant

    with app.app_context():
        consultant = db.session.query(Consultant).filter_by(email=email).one()
        groups = [(name, profile) for name, profile, *_ in SEEDED_GROUPS]
        engagement = create_engagement(consultant.id, "ACME & Co", lang, groups, None)
        engagement_id, round_id = engagement.id, engagement.rounds[0].id
        placed = [
            (group.id, group.profile, count, outlook)
            for group, (*_, count, outlook) in zip(engagement.groups, SEEDED_GROUPS, strict=True)
        ]
    for group_id, profile, count, outlook in placed:
        for _ in range(count):
            seed_response(app, profile, lang, submitted=True, round_id=round_id, group_id=group_id, outlook=outlook)
    return engagement_id


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
    """The invite token of the engagement's first group; for "survey-closed", a response left in progress
    in round 1 (its private token), and round 1 closed."""
    from survey.extensions import db
    from survey.store.engagements import close_round
    from survey.store.models import Engagement

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        round_, group = engagement.rounds[0], engagement.groups[0]
        paths = {"invite": next(i.token for i in round_.invites if i.group_id == group.id), "late": ""}
        if name != "survey-closed":
            return paths
        round_id, group_id, profile, lang = round_.id, group.id, group.profile, engagement.language
    paths["late"] = seed_response(app, profile, lang, round_id=round_id, group_id=group_id)
    with app.app_context():
        close_round(db.session.get(Engagement, engagement_id).rounds[0])
    return paths
