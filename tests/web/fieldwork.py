"""Helpers of the fieldwork tests: a consultant's round page, the mail worker's pass, invitees' links."""

from __future__ import annotations

import io
import re

from survey.extensions import db
from survey.store.models import Engagement, Invitation, Response
from tests.conftest import Browser
from tests.mailserver import MailServer
from tests.web.consultant import all_answers

LINK = re.compile(r"https?://[^/\s]+(/p/[A-Za-z0-9_-]+)(?=[\s\"<])")


def round_page(engagement_id: int, number: int = 1) -> str:
    return f"/engagements/{engagement_id}/rounds/{number}/fieldwork"


def group_id(app, engagement_id: int, name: str) -> int:
    with app.app_context():
        return next(g.id for g in db.session.get(Engagement, engagement_id).groups if g.name == name)


def add_invitees(browser, app, engagement_id: int, group: str, text: str, number: int = 1):
    browser.get(round_page(engagement_id, number))
    data = {"group": str(group_id(app, engagement_id, group)), "addresses": text}
    return browser.post(f"{round_page(engagement_id, number)}/invitees", data)


def upload(browser, app, engagement_id: int, data: bytes):
    """An invitee file uploaded to the round page, for the Legal group."""
    browser.get(round_page(engagement_id))
    form = {
        "group": str(group_id(app, engagement_id, "Legal")),
        "addresses": "",
        "upload": (io.BytesIO(data), "invitees.csv"),
    }
    return browser.post(f"{round_page(engagement_id)}/invitees", form, content_type="multipart/form-data")


def press(browser, engagement_id: int, action: str, number: int = 1):
    """Press "Send N invitations" (send) or "Remind N people" (remind) on the round page."""
    browser.get(round_page(engagement_id, number))
    return browser.post(f"{round_page(engagement_id, number)}/{action}")


def mail_pass(app) -> str:
    """`flask --app app mail send`: one pass of the worker, as cron would run it."""
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def personal_links(server: MailServer) -> dict[str, list[str]]:
    """Recipient address -> the personal link paths of every invitation or reminder they received, in order
    (a private-link message, sent when a response starts, carries none)."""
    links: dict[str, list[str]] = {}
    for item in server.received:
        found = LINK.search(item.text)
        for recipient in item.recipients if found else ():
            links.setdefault(recipient, []).append(found.group(1))
    return links


def answer_through_link(app, questionnaire, path: str, profile: str, submit: bool = True) -> str:
    """An invitee opens their link, starts, answers everything (stored through the services) and submits;
    returns their private response token."""
    from survey.store.responses import find_response, save_answers, submit_response

    invitee = Browser(app.test_client())
    assert invitee.get(path).status_code == 200
    started = invitee.post(path)
    assert started.status_code == 302, started.get_data(as_text=True)[:500]
    token = re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1)
    with app.app_context():
        response = find_response(token)
        save_answers(response, all_answers(questionnaire, profile, "best"))
        if submit:
            submit_response(questionnaire, find_response(token))
    return token


def invitation_rows(app) -> list[dict]:
    with app.app_context():
        return [dict(row._mapping) for row in db.session.execute(Invitation.__table__.select()).all()]


def response_rows(app) -> list[dict]:
    with app.app_context():
        return [dict(row._mapping) for row in db.session.execute(Response.__table__.select()).all()]
