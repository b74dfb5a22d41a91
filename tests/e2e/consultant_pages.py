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
    "consultant-fieldwork": "/engagements/{id}/rounds/2/fieldwork",
    "consultant-comments": "/engagements/{id}/rounds/2/comments",
    "consultant-firm": "/account/firm",
    "consultant-responses": "/engagements/{id}/rounds/2/responses",
    "consultant-open-round": "/engagements/{id}/rounds",
    # What an invited respondent sees: the invite page, and a private link once its round has closed (410).
    "invite": "/i/{invite}",
    "survey-closed": "/r/{late}/review",
}
# The round page's invitees: (group index, "Name <address>", what became of them).
SEEDED_INVITEES = (
    (0, "Hélène Dubois <helene.dubois@acme.example>", "submitted"),
    (0, "Marc Lefèvre <marc.lefevre@acme.example>", "submitted"),
    (0, "Sophie Laurent <sophie.laurent@acme.example>", "started"),
    (0, "Paul Girard <paul.girard@acme.example>", "sent"),
    (3, "Nadia Benali <nadia.benali@acme.example>", "submitted"),
    (3, "Thomas Roux <thomas.roux@acme.example>", "sent"),
    (3, "julie.morel@acme.example", "bounced"),
    (3, "Karim Haddad <karim.haddad@acme.example>", "new"),
)


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
    if name == "consultant-fieldwork":
        seed_fieldwork(server.app, engagement_id)
    sign_in(page, server, email, lang)
    page.goto(server.url + path.format(id=engagement_id, **respondent_paths(server.app, engagement_id, name)))
    if name == "consultant-report":
        page.wait_for_selector(REPORT_RADAR)


def seed_fieldwork(app, engagement_id: int) -> None:
    """Invitees in two groups at every stage, a deadline three weeks ahead, a target of 5 for the committee,
    and one address the mail server refused."""
    from datetime import timedelta

    from sqlalchemy import update

    from survey.domain.fieldwork.invitees import parse_pasted
    from survey.extensions import db
    from survey.store.fieldwork.invitations import import_invitees
    from survey.store.fieldwork.settings import save_fieldwork_settings
    from survey.store.models import Engagement, Invitation, OutboxMessage, Response, utcnow

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        round_ = engagement.current_round  # the demo's round 2, open
        groups = engagement.groups
        for index in {index for index, *_ in SEEDED_INVITEES}:
            lines = "\n".join(line for i, line, _ in SEEDED_INVITEES if i == index)
            import_invitees(round_, groups[index].id, parse_pasted(lines).invitees, app.config["SECRET_KEY"])
        deadline = utcnow().replace(hour=23, minute=59, second=59, microsecond=0) + timedelta(days=21)
        save_fieldwork_settings(round_, deadline, 3, "Claire Martin", {groups[0].id: 5})
        for _, line, status in SEEDED_INVITEES:
            address = parse_pasted(line).invitees[0].address
            mine = (Invitation.round_id == round_.id, Invitation.address == address)
            db.session.execute(update(Invitation).where(*mine).values(status=status))
            if status == "bounced":
                invitation = db.session.query(Invitation).filter(*mine).one()
                db.session.add(
                    OutboxMessage(
                        invitation_id=invitation.id,
                        kind="invitation",
                        batch="seed",
                        status="failed",
                        attempts=1,
                        last_error="550 5.1.1 <julie.morel@acme.example>: Recipient address rejected",
                    )
                )
        for index in {index for index, *_ in SEEDED_INVITEES}:  # their answers came through their links
            invited = sum(1 for i, _, status in SEEDED_INVITEES if i == index and status == "submitted")
            answered = db.session.query(Response.id).filter_by(round_id=round_.id, group_id=groups[index].id)
            ids = [response_id for (response_id,) in answered.order_by(Response.id).limit(invited)]
            db.session.execute(update(Response).where(Response.id.in_(ids)).values(invited=True))
        db.session.commit()
    if not app.config.get("MAIL_SERVER"):
        app.config["MAIL_SERVER"] = "smtp.acme.example"  # mail configured (nothing is sent: no worker runs)


def respondent_paths(app, engagement_id: int, name: str) -> dict[str, str]:
    """The invite token of the engagement's first group in its current round; for "survey-closed", a response
    left in progress in that round (its private token), and the round closed."""
    from survey.extensions import db
    from survey.store.engagements import close_round, invite_token
    from survey.store.models import Engagement

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        round_, group = engagement.current_round, engagement.groups[0]
        paths = {"invite": next(invite_token(i) for i in round_.invites if i.group_id == group.id), "late": ""}
        if name != "survey-closed":
            return paths
        round_id, group_id, profile, lang = round_.id, group.id, group.profile, engagement.language
    paths["late"] = seed_response(app, profile, lang, round_id=round_id, group_id=group_id)
    with app.app_context():
        close_round(db.session.get(Engagement, engagement_id).current_round)
    return paths
