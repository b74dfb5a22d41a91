"""Invitations and reminders through a real SMTP server on loopback (aiosmtpd): distinct personal links in
the engagement's language, reminders only to those who have not answered, outages retried, refusals shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from survey.extensions import db
from survey.store.models import OutboxMessage
from tests.web.consultant import create_engagement, login, make_consultant
from tests.web.fieldwork import (
    LINK,
    add_invitees,
    answer_through_link,
    group_id,
    invitation_rows,
    mail_pass,
    personal_links,
    press,
    round_page,
)

INVITEES = "Ana Lopez <ana@dupont.test>\nbruno@dupont.test\nCarla Petit <carla@dupont.test>\ndavid@dupont.test"


@pytest.fixture()
def french_engagement(app, browser):
    make_consultant(app, "claire@consulting.test")
    login(browser, "claire@consulting.test")
    engagement_id = create_engagement(browser, "Boulangerie L'Épi", language="fr")
    deadline = date.today() + timedelta(days=10)
    browser.get(round_page(engagement_id))
    settings = {"deadline": deadline.isoformat(), "reminder_days_before": "", "sender_name": "Claire Martin"}
    for name in ("Executive committee", "Community management", "Legal"):
        settings[f"target_{group_id(app, engagement_id, name)}"] = "3"
    assert browser.post(f"{round_page(engagement_id)}/settings", settings).status_code == 302
    assert add_invitees(browser, app, engagement_id, "Legal", INVITEES).status_code == 302
    return engagement_id


def test_invitations_arrive_with_distinct_links_in_the_engagements_language(
    app, browser, mail_server, french_engagement
):
    page = browser.get(round_page(french_engagement)).get_data(as_text=True)
    assert "Send 4 invitations" in page
    press(browser, french_engagement, "send")
    assert mail_server.received == []  # never inside the web request: the worker sends
    mail_pass(app)
    assert sorted(r for item in mail_server.received for r in item.recipients) == sorted(
        ["ana@dupont.test", "bruno@dupont.test", "carla@dupont.test", "david@dupont.test"]
    )
    links = personal_links(mail_server)
    assert len({paths[0] for paths in links.values()}) == 4
    ana = mail_server.recorder.to("ana@dupont.test")[0]
    assert ana.message["Subject"] == "Boulangerie L'Épi et les médias sociaux\u202f: votre avis, en vingt minutes"
    assert "Bonjour Ana Lopez," in ana.text
    assert "Claire Martin" in ana.text and "Boulangerie L'Épi" in ana.text  # plain text: nothing escaped
    assert "une vingtaine de minutes" in ana.text and "Vos réponses sont anonymes" in ana.text
    assert "\r\n\r\nClaire Martin étudie" in ana.text
    assert "pas même Claire Martin, ne peut savoir" in ana.text  # a consultant's name, mid-sentence as it is
    assert "dès qu’au moins deux autres personnes de votre groupe ont validé aussi" in ana.text
    assert "qui l’utilise.\r\n\r\nClaire Martin\r\n\r\n--\r\n" in ana.text  # signed by the consultant
    deadline = date.today() + timedelta(days=10)
    assert str(deadline.year) in ana.text and "Merci de répondre avant le" in ana.text
    assert "Boulangerie L&#39;Épi" in ana.html or "Boulangerie L&#x27;Épi" in ana.html
    unsubscribe = str(ana.message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<http") and unsubscribe.endswith("/unsubscribe>")
    assert ana.message["Reply-To"] == "claire@consulting.test"
    statuses = {row["address"]: row["status"] for row in invitation_rows(app)}
    assert set(statuses.values()) == {"sent"}
    mail_pass(app)
    assert len(mail_server.received) == 4  # a second pass sends nothing again


def test_reminders_reach_only_those_who_have_not_submitted_nor_unsubscribed(
    app, browser, mail_server, french_engagement, questionnaire
):
    press(browser, french_engagement, "send")
    mail_pass(app)
    links = personal_links(mail_server)
    answer_through_link(app, questionnaire, links["ana@dupont.test"][0], "staff")  # submitted
    answer_through_link(app, questionnaire, links["bruno@dupont.test"][0], "staff", submit=False)  # started only
    one_click = app.test_client().post(  # RFC 8058: what a mail client sends, without a CSRF token
        links["carla@dupont.test"][0] + "/unsubscribe",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    page = browser.get(round_page(french_engagement)).get_data(as_text=True)
    assert "Remind 2 people who haven&#39;t answered" in page or "Remind 2 people who haven't answered" in page
    press(browser, french_engagement, "remind")
    mail_pass(app)
    personal = [item for item in mail_server.received if LINK.search(item.text)]  # not the private links
    reminded = [item.recipients[0] for item in personal[4:]]
    assert sorted(reminded) == ["bruno@dupont.test", "david@dupont.test"]
    reminder = personal[4]
    assert reminder.message["Subject"].startswith("Rappel")
    assert LINK_OF(reminder) == links[reminder.recipients[0]][0]  # the same personal link
    press(browser, french_engagement, "remind")  # the second and last one allowed (MAIL_MAX_REMINDERS = 2)
    mail_pass(app)
    press(browser, french_engagement, "remind")
    mail_pass(app)
    assert len([item for item in mail_server.received if LINK.search(item.text)]) == 4 + 2 + 2
    assert (
        "Remind" not in browser.get(round_page(french_engagement)).get_data(as_text=True).split("mail-title")[1][:800]
    )


def LINK_OF(received) -> str:  # noqa: N802
    from tests.web.fieldwork import LINK

    return LINK.search(received.text).group(1)


def test_a_reminder_queued_before_a_submit_is_not_sent(app, browser, mail_server, french_engagement, questionnaire):
    press(browser, french_engagement, "send")
    mail_pass(app)
    links = personal_links(mail_server)
    press(browser, french_engagement, "remind")
    answer_through_link(app, questionnaire, links["david@dupont.test"][0], "staff")
    mail_pass(app)
    reminders = [item for item in mail_server.received[4:] if LINK.search(item.text)]  # not David's private link
    reminded = sorted(item.recipients[0] for item in reminders)
    assert reminded == ["ana@dupont.test", "bruno@dupont.test", "carla@dupont.test"]


def test_an_smtp_outage_leaves_messages_queued_then_sent(app, browser, mail_server, french_engagement):
    mail_server.stop()
    press(browser, french_engagement, "send")
    output = mail_pass(app)
    assert "sent 0, to retry 1" in output
    with app.app_context():
        messages = db.session.query(OutboxMessage).all()
        assert {m.status for m in messages} == {"queued"}
        assert max(m.attempts for m in messages) == 1
        assert all(m.next_attempt_at is not None for m in messages)
        waiting = next(m for m in messages if m.last_error)
    page = browser.get(round_page(french_engagement)).get_data(as_text=True)
    assert "4 e-mails are waiting for the mail worker." in page
    mail_server.start()
    mail_pass(app)
    assert mail_server.received == []  # not before its back-off has passed
    with app.app_context():
        db.session.query(OutboxMessage).update({"next_attempt_at": waiting.created_at})
        db.session.commit()
    mail_pass(app)
    assert len(mail_server.received) == 4


def test_a_refused_address_is_shown_on_the_round_page(app, browser, mail_server, french_engagement):
    mail_server.recorder.refused.add("david@dupont.test")
    press(browser, french_engagement, "send")
    mail_pass(app)
    assert len(mail_server.received) == 3
    page = browser.get(round_page(french_engagement)).get_data(as_text=True)
    assert "E-mails that could not be delivered" in page
    assert "david@dupont.test" in page and "550" in page
    assert {r["address"]: r["status"] for r in invitation_rows(app)}["david@dupont.test"] == "bounced"
