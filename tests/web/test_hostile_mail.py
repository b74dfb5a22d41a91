"""Hostile names against the mail worker, through a real SMTP server on loopback: a line break in an invitee's,
a client's or a consultant's name is normalised where it comes in and again where a header is written, and a
message that cannot be written at all is marked failed with its reason, never stopping the worker or the queue."""

from __future__ import annotations

import pytest

from survey.domain.fieldwork.invitees import Invitee
from survey.extensions import db
from survey.store.fieldwork.invitations import import_invitees
from survey.store.models import Engagement, OutboxMessage
from tests.mailserver import MailServer
from tests.web.consultant import create_engagement, login, make_consultant
from tests.web.fieldwork import group_id, invitation_rows, mail_pass, press, round_page, upload
from tests.web.test_mail_worker import start_worker, stop, wait_for

# What ends a line for some reader: CR/LF (Excel's Alt+Enter), vertical tab, form feed, the file, group and
# record separators, NEL, the Unicode line and paragraph separators.
BREAKS = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
HOSTILE = "Victim{}Bcc: evil@evil.example"


@pytest.fixture()
def engagement_id(app, browser):
    make_consultant(app, "claire@consulting.test")
    login(browser, "claire@consulting.test")
    return create_engagement(browser, "Initech\r\nBcc: evil@evil.example")


def assert_harmless(server: MailServer, addresses: set[str]) -> None:
    """Each address got one message, with no other recipient, and every header on one line."""
    assert sorted(r for item in server.received for r in item.recipients) == sorted(addresses)
    for item in server.received:
        assert item.message["Bcc"] is None
        for header in ("To", "From", "Subject"):
            assert not any(mark in str(item.message[header]) for mark in BREAKS), item.message[header]


def test_line_breaks_in_names_are_normalised_where_they_come_in(app, browser, mail_server, engagement_id):
    browser.get(round_page(engagement_id))
    settings = {"deadline": "", "reminder_days_before": "", "sender_name": "Claire\r\nBcc: evil@evil.example"}
    for name in ("Executive committee", "Community management", "Legal"):
        settings[f"target_{group_id(app, engagement_id, name)}"] = "3"
    assert browser.post(f"{round_page(engagement_id)}/settings", settings).status_code == 302
    rows = "".join(f'"{HOSTILE.format(mark)}",person{n}@initech.test\r\n' for n, mark in enumerate(BREAKS))
    assert upload(browser, app, engagement_id, f"name,email\r\n{rows}".encode()).status_code == 302
    names = {row["name"] for row in invitation_rows(app)}
    assert names == {"Victim Bcc: evil@evil.example"}
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assert (engagement.client_name, engagement.sender_name) == (
            "Initech Bcc: evil@evil.example",
            "Claire Bcc: evil@evil.example",
        )
    press(browser, engagement_id, "send")
    assert "sent 11, to retry 0, failed 0" in mail_pass(app)
    assert_harmless(mail_server, {f"person{n}@initech.test" for n in range(len(BREAKS))})


def hostile_rows(app, engagement_id: int) -> None:
    """Rows stored before this version (or through another door): names and an address the forms would
    never take today."""
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        engagement.client_name = "Initech\r\nBcc: evil@evil.example"
        engagement.sender_name = "Claire\nBcc: evil@evil.example"
        db.session.commit()
        invitees = [Invitee(f"person{n}@initech.test", HOSTILE.format(mark)) for n, mark in enumerate(BREAKS)]
        invitees.insert(3, Invitee("poison@initech.test\r\nBcc: evil@evil.example", "Poison"))
        round_ = engagement.current_round
        import_invitees(round_, engagement.groups[0].id, invitees, app.config["SECRET_KEY"])


def test_a_message_that_cannot_be_written_fails_alone_with_its_reason(app, browser, mail_server, engagement_id):
    hostile_rows(app, engagement_id)
    press(browser, engagement_id, "send")
    assert f"sent {len(BREAKS)}, to retry 0, failed 1" in mail_pass(app)
    assert_harmless(mail_server, {f"person{n}@initech.test" for n in range(len(BREAKS))})
    with app.app_context():
        failed = db.session.query(OutboxMessage).filter_by(status="failed").one()
        assert failed.attempts == 1
        assert failed.last_error.startswith("the message could not be written")
    assert "sent 0, to retry 0, failed 0" in mail_pass(app)  # never claimed again
    page = browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert "E-mails that could not be delivered" in page
    assert "the message could not be written" in page


def test_the_worker_process_outlives_a_poison_message(app, browser, mail_server, engagement_id):
    hostile_rows(app, engagement_id)
    press(browser, engagement_id, "send")
    worker = start_worker(app, mail_server)
    try:
        wait_for(lambda: len(mail_server.received) == len(BREAKS), timeout=60)
        assert worker.poll() is None  # still running
    finally:
        log = stop(worker)
    assert "Traceback" not in log
    assert_harmless(mail_server, {f"person{n}@initech.test" for n in range(len(BREAKS))})


class FussyMailer:
    """A mailer whose library refuses one message with an error of its own (not an SMTP answer)."""

    made: list[FussyMailer] = []

    def __init__(self, settings):
        self.sent, self.closed = [], 0
        FussyMailer.made.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def send(self, message):
        if "poison" in str(message["To"]):
            raise UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range(128)")
        self.sent.append(message["To"].addresses[0].addr_spec)

    def close(self):
        self.closed += 1


def test_an_error_of_the_mail_library_fails_that_message_only(app, browser, engagement_id):
    from survey.mail.smtp import MailSettings
    from survey.mail.worker import Worker

    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        invitees = [Invitee(f"person{n}@initech.test", None) for n in range(3)]
        invitees.insert(1, Invitee("poison@initech.test", None))
        import_invitees(engagement.current_round, engagement.groups[0].id, invitees, app.config["SECRET_KEY"])
    press(browser, engagement_id, "send")
    settings = MailSettings("127.0.0.1", 25, False, False, None, None, "survey@consulting.test")
    with app.app_context(), app.test_request_context(base_url="https://survey.test"):
        result = Worker(app, settings, FussyMailer).run_pass()
        failed = db.session.query(OutboxMessage).filter_by(status="failed").one()
        assert (failed.attempts, failed.last_error.split(":")[0]) == (1, "the message could not be written")
    assert (result.sent, result.failed) == (3, 1)
    mailer = FussyMailer.made[-1]
    assert mailer.sent == [f"person{n}@initech.test" for n in range(3)] and mailer.closed == 1
