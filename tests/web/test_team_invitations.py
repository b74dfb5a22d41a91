"""An executive invites their team by pasted addresses, when mail is configured: the fieldwork machinery (the
invitees, the outbox, the mail worker) sends personal links, from the app, with no consultant's address."""

from __future__ import annotations

from sqlalchemy import select

from survey.extensions import db
from survey.store.models import Engagement, Response
from survey.store.models.fieldwork import Invitation
from tests.web.fieldwork import answer_through_link, mail_pass, personal_links
from tests.web.test_team_survey import ask_team, submitted_executive, team_engagement_id

ADDRESSES = "Ana Lopez <ana@acme.test>\nbruno@acme.test\ncarla@acme.test"


def team_group(app, name: str) -> int:
    with app.app_context():
        engagement = db.session.get(Engagement, team_engagement_id(app))
        return next(group.id for group in engagement.groups if group.name == name)


def invite(browser, token: str, group: int, addresses: str):
    browser.get(f"/r/{token}/team")
    return browser.post(f"/r/{token}/team/invitations", {"group": str(group), "addresses": addresses})


def test_pasted_addresses_get_personal_links_that_start_a_response_in_the_team_group(
    app, browser, questionnaire, mail_server
):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive, leadership="y")
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Invite your team by e-mail" in page
    assert '<label for="addresses">' in page and '<label for="team-invite-group">' in page
    assert 'name="csrf_token"' in page[page.index("team-invite-title") :]
    team = team_group(app, "Team")
    response = invite(browser, executive, team, ADDRESSES)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/r/{executive}/team")
    assert "3 invitations will be sent." in browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert mail_server.received == []  # never inside the web request: the worker sends
    mail_pass(app)
    assert sorted(r for item in mail_server.received for r in item.recipients) == [
        "ana@acme.test",
        "bruno@acme.test",
        "carla@acme.test",
    ]
    ana = mail_server.recorder.to("ana@acme.test")[0]
    assert ana.message["Reply-To"] is None  # no consultant: nobody's address to reply to
    assert str(ana.message["From"]) == "Your manager <survey@consulting.test>"  # the app's MAIL_DEFAULT_SENDER
    assert "Your manager is looking at how Acme runs social media" in ana.text and "Hello Ana Lopez," in ana.text
    links = personal_links(mail_server)
    assert len({paths[0] for paths in links.values()}) == 3
    private = answer_through_link(app, questionnaire, links["ana@acme.test"][0], "staff")
    with app.app_context():
        started = db.session.scalar(select(Response).where(Response.invitation_id.is_not(None)))
        assert started.group_id == team and started.profile == "staff" and started.submitted_at is not None
        assert private
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "1 of 3 team answers." in page  # the invitees make the target


def test_a_wrong_line_imports_nothing_and_keeps_every_line(app, browser, questionnaire, mail_server):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    response = invite(browser, executive, team_group(app, "Team"), "ana@acme.test\nnot an address")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 2: “not an address” is not an e-mail address." in page and 'aria-invalid="true"' in page
    assert "ana@acme.test\nnot an address" in page
    with app.app_context():
        assert db.session.scalar(select(Invitation.id)) is None


def test_without_mail_there_is_no_invitation_form(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    assert "Invite your team by e-mail" not in browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert invite(browser, executive, team_group(app, "Team"), "ana@acme.test").status_code == 404


def test_only_the_owner_link_invites(app, browser, questionnaire, mail_server):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    other = submitted_executive(app, browser, questionnaire)
    assert invite(browser, other, team_group(app, "Team"), "ana@acme.test").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Invitation.id)) is None


def test_a_french_team_survey_invites_in_french_from_the_app(app, browser, questionnaire, mail_server):
    executive = submitted_executive(app, browser, questionnaire, lang="fr")
    ask_team(browser, executive)
    assert invite(browser, executive, team_group(app, "Équipe"), "ana@acme.test").status_code == 302
    mail_pass(app)
    ana = mail_server.recorder.to("ana@acme.test")[0]
    assert str(ana.message["From"]) == "Votre responsable <survey@consulting.test>"
    assert ana.message["Reply-To"] is None and "Votre responsable étudie" in ana.text
