"""Issue 22, point 2: a personal link cannot be taken over. It starts one response, once; from then on it
resumes only in the browser that started it, and anywhere else says it was already opened and offers
nothing. Who sends the links (the app, or the consultant from their own mailbox) is chosen per round: when
the app sends them, the consultant never sees them; when the consultant does, the page and the e-mails say so.
"""

from __future__ import annotations

import re

import pytest

from survey.extensions import db
from survey.store.models import OutboxMessage
from tests.conftest import Browser
from tests.web.consultant import create_engagement, login, make_consultant
from tests.web.fieldwork import add_invitees, mail_pass, personal_links, press, response_rows, round_page

SECRET_COMMENT = "Only Jules knows the validation takes nine days"


@pytest.fixture()
def engagement(app, browser):
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    engagement_id = create_engagement(browser, "Globex")
    assert add_invitees(browser, app, engagement_id, "Legal", "jules@globex.test\nlea@globex.test").status_code == 302
    return engagement_id


def csv_links(browser, engagement_id: int) -> dict[str, str]:
    body = browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv").get_data(as_text=True)
    return {line.split(",")[1]: "/p/" + line.split("/p/")[1] for line in body.splitlines()[1:] if "/p/" in line}


def start(app, path: str) -> tuple[Browser, str]:
    """An invitee opens their link in their own browser and starts: their browser and private token."""
    invitee = Browser(app.test_client())
    invitee.get(path)
    started = invitee.post(path)
    assert started.status_code == 302
    return invitee, re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1)


def test_the_consultant_opening_a_started_link_gets_nothing_of_theirs(app, browser, engagement, questionnaire):
    path = csv_links(browser, engagement)["jules@globex.test"]
    assert "Start the survey" in browser.get(path).get_data(as_text=True)  # a tab the consultant left open
    invitee, token = start(app, path)
    from survey.store.responses import find_response, save_answers

    dimension = questionnaire.dimensions[0].id
    with app.app_context():
        save_answers(find_response(token), {}, {dimension: SECRET_COMMENT})
    responses = len(response_rows(app))

    opened = browser.get(path)
    page = opened.get_data(as_text=True)
    assert opened.status_code == 403 and "This invitation was already opened" in page
    assert SECRET_COMMENT not in page and "/r/" not in page and "<form" not in page.split("<main")[-1]
    pressed = browser.post(path)  # its old start button: no response, no private link
    assert "/r/" not in pressed.headers.get("Location", "") and browser.get(path).status_code == 403
    french = Browser(app.test_client()).get(path + "?lang=fr").get_data(as_text=True)
    assert "Cette invitation a déjà été ouverte" in french and SECRET_COMMENT not in french
    assert len(response_rows(app)) == responses  # nobody answers in Jules's place

    assert "Continue my answers" in invitee.get(path).get_data(as_text=True)
    resumed = invitee.post(path)  # Jules's own browser still resumes, under the same private link
    assert resumed.headers["Location"].endswith(f"/r/{token}/")
    assert SECRET_COMMENT in invitee.get(f"/r/{token}/answers.json").get_data(as_text=True)


def test_the_first_page_tells_the_invitee_how_to_resume_elsewhere(app, browser, engagement):
    path = csv_links(browser, engagement)["lea@globex.test"]
    invitee = Browser(app.test_client())
    invitee.get(path)
    page = invitee.post(path, follow=True).get_data(as_text=True)
    assert "now opens only in this browser" in page and "private link" in page
    assert "We are also sending it" not in page  # mail is not configured here


def test_when_the_app_sends_the_consultant_never_sees_the_links(app, browser, engagement, mail_server):
    page = browser.get(round_page(engagement)).get_data(as_text=True)
    assert "You never see the links" in page and "Download with personal links" not in page
    download = browser.get(f"/engagements/{engagement}/rounds/1/invitees.csv")
    assert download.status_code == 302 and "/p/" not in download.get_data(as_text=True)
    press(browser, engagement, "send")
    mail_pass(app)
    browser.get(round_page(engagement))
    refused = browser.post(f"{round_page(engagement)}/sender", {"sent_by": "consultant"})
    assert refused.status_code == 302
    assert "cannot be downloaded in this round" in browser.get(round_page(engagement)).get_data(as_text=True)
    assert "/p/" not in browser.get(f"/engagements/{engagement}/rounds/1/invitees.csv").get_data(as_text=True)

    invitation = mail_server.recorder.to("jules@globex.test")[0].text
    assert "never sees it" in invitation and "were sent by" not in invitation
    path = personal_links(mail_server)["jules@globex.test"][0]
    invitee = Browser(app.test_client())
    invitee.get(path)
    started = invitee.post(path)
    token = re.search(r"/r/([^/]+)/", started.headers["Location"]).group(1)
    assert "We are also sending it to your e-mail address" in invitee.get(
        started.headers["Location"], follow_redirects=True
    ).get_data(as_text=True)
    mail_pass(app)
    private = mail_server.recorder.to("jules@globex.test")[-1]
    assert f"/r/{token}/" in private.text and "only in the browser where you started" in private.text
    with app.app_context():  # sent, then forgotten: nothing left that leads from the invitation to the response
        assert db.session.query(OutboxMessage).filter_by(kind="private_link").count() == 0


def test_when_the_consultant_sends_the_page_and_the_emails_say_so(app, browser, engagement, mail_server):
    browser.get(round_page(engagement))
    assert browser.post(f"{round_page(engagement)}/sender", {"sent_by": "consultant"}).status_code == 302
    page = browser.get(round_page(engagement)).get_data(as_text=True)
    assert "The anonymity promise then rests on you as well" in page
    assert len(csv_links(browser, engagement)) == 2
    browser.get(round_page(engagement))
    browser.post(f"{round_page(engagement)}/sender", {"sent_by": "app"})  # too late: the links were downloaded
    page = browser.get(round_page(engagement)).get_data(as_text=True)
    assert "already downloaded" in page and "rests on you as well" in page
    press(browser, engagement, "send")
    mail_pass(app)
    text = mail_server.recorder.to("lea@globex.test")[0].text
    assert "The personal links were sent by ada@consulting.test, who holds them" in text
