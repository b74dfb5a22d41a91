"""Reminders of a team survey's personal invitations, from the owner's team page only: on demand ("Remind N
people"), and scheduled days before a deadline, queued by the mail worker's pass; the e-mails name "your
manager" in a sentence as a reader would write it, in English and in French."""

from __future__ import annotations

from datetime import timedelta

from survey.extensions import db
from survey.store.models import Engagement, utcnow
from tests.conftest import Browser
from tests.web.fieldwork import LINK, answer_through_link, mail_pass, personal_links
from tests.web.test_team_invitations import invite, team_group
from tests.web.test_team_survey import ask_team, submitted_executive, team_engagement_id

ADDRESSES = "Ana Lopez <ana@acme.test>\nbruno@acme.test\ncarla@acme.test"


def invited_team(app, browser, questionnaire, lang="en") -> str:
    """An executive's team survey whose three invitees were sent their invitation; the owner's token."""
    executive = submitted_executive(app, browser, questionnaire, lang=lang)
    ask_team(browser, executive)
    team = team_group(app, "Team" if lang == "en" else "Équipe")
    assert invite(browser, executive, team, ADDRESSES).status_code == 302
    mail_pass(app)
    return executive


def remind(browser, token: str, page_token: str | None = None):
    """Press "Remind N people" (the CSRF token read from the page of `page_token`, the owner's by default)."""
    browser.get(f"/r/{page_token or token}/team")
    return browser.post(f"/r/{token}/team/reminders")


def reminders(mail_server) -> list:
    return [item for item in mail_server.received if item.message["Subject"].startswith(("Reminder", "Rappel"))]


def test_the_owner_reminds_only_those_who_have_not_submitted(app, browser, questionnaire, mail_server):
    executive = invited_team(app, browser, questionnaire)
    links = personal_links(mail_server)
    answer_through_link(app, questionnaire, links["ana@acme.test"][0], "staff")  # submitted
    answer_through_link(app, questionnaire, links["bruno@acme.test"][0], "staff", submit=False)  # started only
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    section = page[page.index('id="team-remind-title"') :]
    assert "Remind 2 people who haven&#39;t answered" in section or "Remind 2 people who haven't answered" in section
    assert "at most 2 reminders per person" in section
    form = section[section.index("<form") : section.index("</form>")]
    assert f'action="/r/{executive}/team/reminders"' in form and 'name="csrf_token"' in form
    response = remind(browser, executive)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/r/{executive}/team")
    assert "2 reminders will be sent." in browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert reminders(mail_server) == []  # never inside the web request: the worker sends
    mail_pass(app)
    sent = reminders(mail_server)
    assert sorted(item.recipients[0] for item in sent) == ["bruno@acme.test", "carla@acme.test"]
    bruno = next(item for item in sent if item.recipients[0] == "bruno@acme.test")
    assert LINK.search(bruno.text).group(1) == links["bruno@acme.test"][0]  # the same personal link
    assert "A reminder: your manager would still like your view on how Acme runs social media" in bruno.text
    assert str(bruno.message["From"]) == "Your manager <survey@consulting.test>"
    # At most MAIL_MAX_REMINDERS (2) each: a second press reminds them again, a third nobody.
    assert remind(browser, executive).status_code == 302
    mail_pass(app)
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Nobody to remind for now" in page and "/team/reminders" not in page
    assert remind(browser, executive).status_code == 302
    mail_pass(app)
    assert len(reminders(mail_server)) == 4


def test_only_the_owner_link_reminds(app, browser, questionnaire, mail_server):
    executive = invited_team(app, browser, questionnaire)
    member = answer_through_link(app, questionnaire, personal_links(mail_server)["bruno@acme.test"][0], "staff")
    other = submitted_executive(app, Browser(app.test_client()), questionnaire)
    stranger = Browser(app.test_client())
    schedule = {"deadline": "", "reminder_days_before": ""}
    for token in (member, other, "not-a-token"):
        for action, data in (("reminders", {}), ("schedule", schedule)):
            stranger.get(f"/r/{executive}/team")  # a valid CSRF token: the token in the path is what is refused
            assert stranger.post(f"/r/{token}/team/{action}", data).status_code == 404
    assert Browser(app.test_client()).post(f"/r/{executive}/team/reminders").status_code == 400  # no CSRF token
    mail_pass(app)
    assert reminders(mail_server) == []


def test_without_mail_there_is_no_reminder(app, browser, questionnaire):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Reminders and deadline" not in page and "/team/reminders" not in page
    assert remind(browser, executive).status_code == 404
    browser.get(f"/r/{executive}/team")
    assert browser.post(f"/r/{executive}/team/schedule", {"deadline": ""}).status_code == 404


def set_deadline(app, moment) -> None:
    with app.app_context():
        engagement = db.session.get(Engagement, team_engagement_id(app))
        engagement.current_round.deadline = moment
        db.session.commit()


def test_a_scheduled_reminder_is_queued_by_the_workers_pass_once(app, browser, questionnaire, mail_server):
    executive = invited_team(app, browser, questionnaire)
    answer_through_link(app, questionnaire, personal_links(mail_server)["ana@acme.test"][0], "staff")
    day = (utcnow() + timedelta(days=10)).date()
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert '<label for="deadline">' in page and '<label for="reminder_days_before">' in page
    saved = browser.post(f"/r/{executive}/team/schedule", {"deadline": day.isoformat(), "reminder_days_before": "3"})
    assert saved.status_code == 302
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Changes saved." in page and f'value="{day.isoformat()}"' in page and '<option value="3" selected>' in page
    assert "reminders queued 0" in mail_pass(app)  # not yet: 10 days before the deadline
    set_deadline(app, utcnow() + timedelta(days=2))
    assert "reminders queued 2" in mail_pass(app)
    assert sorted(item.recipients[0] for item in reminders(mail_server)) == ["bruno@acme.test", "carla@acme.test"]
    assert "Please answer by" in reminders(mail_server)[0].text
    assert "reminders queued 0" in mail_pass(app)  # once per schedule
    assert len(reminders(mail_server)) == 2


def test_a_deadline_in_the_past_is_refused_on_the_team_page(app, browser, questionnaire, mail_server):
    executive = submitted_executive(app, browser, questionnaire)
    ask_team(browser, executive)
    browser.get(f"/r/{executive}/team")
    yesterday = (utcnow() - timedelta(days=1)).date().isoformat()
    response = browser.post(f"/r/{executive}/team/schedule", {"deadline": yesterday, "reminder_days_before": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "The deadline cannot be in the past." in page
    assert 'aria-invalid="true"' in page and 'id="deadline-error"' in page


def test_the_mails_name_the_manager_as_a_sentence_would_in_english(app, browser, questionnaire, mail_server):
    invited_team(app, browser, questionnaire)
    text = mail_server.recorder.to("carla@acme.test")[0].text
    assert "\r\n\r\nYour manager is looking at how Acme runs social media" in text
    assert "nobody, not even your manager, can tell which answers are yours" in text
    assert "sent by the survey application: your manager never sees it" in text
    assert "as soon as at least two other people of your group have submitted too, or when the survey closes" in text
    assert "for good:" not in text  # no more the claim that a submit alone separates answers from addresses
    assert "first browser that uses it.\r\n\r\n--\r\n" in text  # not signed by a name that is nobody's


def test_the_mails_name_the_manager_as_a_sentence_would_in_french(app, browser, questionnaire, mail_server):
    executive = invited_team(app, browser, questionnaire, lang="fr")
    invitation = mail_server.recorder.to("carla@acme.test")[0]
    assert "Votre responsable étudie la façon dont Acme" in invitation.text
    assert "personne, pas même votre responsable, ne peut savoir" in invitation.text
    assert "questionnaire\u202f: votre responsable ne le voit jamais" in invitation.text
    assert "dès qu’au moins deux autres personnes de votre groupe ont validé aussi" in invitation.text
    assert "qui l’utilise.\r\n\r\n--\r\n" in invitation.text
    page = browser.get(f"/r/{executive}/team").get_data(as_text=True)
    assert "Relances et date limite" in page and "Relancer 3 personnes qui n’ont pas répondu" in page
    remind(browser, executive)
    assert "3 relances vont être envoyées." in browser.get(f"/r/{executive}/team").get_data(as_text=True)
    mail_pass(app)
    reminder = reminders(mail_server)[0]
    assert reminder.message["Subject"].startswith("Rappel")
    assert "votre responsable aimerait toujours connaître votre avis" in reminder.text
    assert "Votre responsable aimerait" not in reminder.text
