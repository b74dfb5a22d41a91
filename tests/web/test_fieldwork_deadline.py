"""Deadlines and scheduled reminders: shown on the invitation page, the round closes itself at the deadline
(links answer 410, the worker records it), a reminder scheduled days before goes out once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from survey.extensions import db
from survey.store.models import Round, utcnow
from tests.conftest import Browser
from tests.web.consultant import create_engagement, invite_links, login, make_consultant
from tests.web.fieldwork import add_invitees, group_id, mail_pass, press, round_page


@pytest.fixture()
def engagement_id(app, browser):
    make_consultant(app, "claire@consulting.test")
    login(browser, "claire@consulting.test")
    engagement_id = create_engagement(browser, "Hooli", language="en")
    add_invitees(browser, app, engagement_id, "Legal", "ana@hooli.test\nbruno@hooli.test")
    return engagement_id


def save_settings(app, browser, engagement_id: int, **values):
    browser.get(round_page(engagement_id))
    data = {"deadline": "", "reminder_days_before": "", "sender_name": "", **values}
    for name in ("Executive committee", "Community management", "Legal"):
        data.setdefault(f"target_{group_id(app, engagement_id, name)}", "3")
    return browser.post(f"{round_page(engagement_id)}/settings", data)


def set_deadline(app, engagement_id: int, moment) -> None:
    with app.app_context():
        round_ = db.session.query(Round).filter_by(engagement_id=engagement_id).one()
        round_.deadline = moment
        db.session.commit()


def test_a_deadline_is_shown_and_closes_the_round_by_itself(app, browser, engagement_id):
    day = (utcnow() + timedelta(days=5)).date()
    assert save_settings(app, browser, engagement_id, deadline=day.isoformat()).status_code == 302
    path = (
        "/p/"
        + browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv")
        .get_data(as_text=True)
        .split("/p/")[1]
        .split("\r\n")[0]
    )
    invitee = Browser(app.test_client())
    assert f"Please answer by {day.strftime('%B')} {day.day}, {day.year}." in invitee.get(path).get_data(as_text=True)
    group_token = invite_links(browser, engagement_id)[(1, "Executive committee")]  # Legal's link closed: invitees
    assert f"Please answer by {day.strftime('%B')} {day.day}, {day.year}." in invitee.get(f"/i/{group_token}").get_data(
        as_text=True
    )
    set_deadline(app, engagement_id, utcnow() - timedelta(minutes=1))
    assert invitee.get(path).status_code == 410
    assert invitee.get(f"/i/{group_token}").status_code == 410
    app.config["MAIL_SERVER"], saved = "127.0.0.1", app.config.get("MAIL_SERVER")
    try:
        assert "rounds closed 1" in mail_pass(app)
    finally:
        app.config["MAIL_SERVER"] = saved
    assert "closed" in browser.get(f"/engagements/{engagement_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Round).filter_by(engagement_id=engagement_id).one().closed_at is not None


def test_a_deadline_in_the_past_is_refused(app, browser, engagement_id):
    yesterday = (utcnow() - timedelta(days=1)).date()
    response = save_settings(app, browser, engagement_id, deadline=yesterday.isoformat())
    assert response.status_code == 422 and "The deadline cannot be in the past." in response.get_data(as_text=True)


def test_a_scheduled_reminder_goes_out_once_days_before_the_deadline(app, browser, engagement_id, mail_server):
    day = (utcnow() + timedelta(days=10)).date()
    assert (
        save_settings(app, browser, engagement_id, deadline=day.isoformat(), reminder_days_before="3").status_code
        == 302
    )
    press(browser, engagement_id, "send")
    mail_pass(app)
    assert len(mail_server.received) == 2
    mail_pass(app)
    assert len(mail_server.received) == 2  # not yet: 10 days before the deadline
    set_deadline(app, engagement_id, utcnow() + timedelta(days=2))
    mail_pass(app)
    assert sorted(item.recipients[0] for item in mail_server.received[2:]) == ["ana@hooli.test", "bruno@hooli.test"]
    assert all(item.message["Subject"].startswith("Reminder") for item in mail_server.received[2:])
    mail_pass(app)
    assert len(mail_server.received) == 4  # once per schedule


def test_past_the_deadline_a_response_in_progress_takes_no_more_answers(app, browser, engagement_id, questionnaire):
    from tests.web.fieldwork import answer_through_link

    path = (
        "/p/"
        + browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv")
        .get_data(as_text=True)
        .split("/p/")[1]
        .split("\r\n")[0]
    )
    token = answer_through_link(app, questionnaire, path, "staff", submit=False)
    set_deadline(app, engagement_id, utcnow() - timedelta(minutes=1))  # not yet recorded by the worker
    late = Browser(app.test_client())
    assert late.get(f"/r/{token}/review").status_code == 410


def stored_round(app, engagement_id: int) -> Round:
    with app.app_context():
        round_ = db.session.query(Round).filter_by(engagement_id=engagement_id).one()
        db.session.expunge(round_)
        return round_


def test_a_round_closed_by_its_deadline_stays_closed_when_new_settings_are_saved(app, browser, engagement_id):
    group_token = invite_links(browser, engagement_id)[(1, "Legal")]
    passed = utcnow().replace(microsecond=0) - timedelta(hours=1)
    set_deadline(app, engagement_id, passed)  # no mail worker has run since
    later = (utcnow() + timedelta(days=7)).date()
    response = save_settings(app, browser, engagement_id, deadline=later.isoformat(), reminder_days_before="3")
    assert response.status_code == 302
    page = browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert "This round is closed: its deadline and reminder stay as they were" in page
    round_ = stored_round(app, engagement_id)
    assert (round_.closed_at, round_.deadline, round_.reminder_days_before) == (passed, passed, None)
    assert Browser(app.test_client()).get(f"/i/{group_token}").status_code == 410
    browser.get(f"{round_page(engagement_id)}?lang=fr")
    french = save_settings(app, browser, engagement_id, deadline=later.isoformat(), sender_name="Claire")
    assert french.status_code == 302
    assert "Ce tour est clos\u202f: sa date limite" in browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert stored_round(app, engagement_id).deadline == passed


def test_a_round_closed_by_the_consultant_keeps_its_deadline_too(app, browser, engagement_id):
    browser.get(f"/engagements/{engagement_id}/rounds/1/close")
    assert browser.post(f"/engagements/{engagement_id}/rounds/1/close").status_code == 302
    closed_at = stored_round(app, engagement_id).closed_at
    assert closed_at is not None
    later = (utcnow() + timedelta(days=3)).date()
    assert save_settings(app, browser, engagement_id, deadline=later.isoformat()).status_code == 302
    round_ = stored_round(app, engagement_id)
    assert (round_.closed_at, round_.deadline) == (closed_at, None)
    assert "closed" in browser.get(round_page(engagement_id)).get_data(as_text=True)


def test_without_mail_a_passed_deadline_is_recorded_by_mail_send_and_by_the_next_page(app, browser, engagement_id):
    assert not app.config.get("MAIL_SERVER")
    passed = utcnow().replace(microsecond=0) - timedelta(minutes=5)
    set_deadline(app, engagement_id, passed)
    output = mail_pass(app)  # exit code 0: cron may run it without a mail server
    assert "rounds closed 1" in output and "mail is not configured" in output
    assert stored_round(app, engagement_id).closed_at == passed

    with app.app_context():  # the same, recorded by the consultant's next page, without any command
        round_ = db.session.query(Round).filter_by(engagement_id=engagement_id).one()
        round_.closed_at = None
        db.session.commit()
    assert "closed" in browser.get(f"/engagements/{engagement_id}").get_data(as_text=True)
    assert stored_round(app, engagement_id).closed_at == passed
