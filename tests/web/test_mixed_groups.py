"""Mixed groups: answers given through a group link before the group's first invitation keep counting, the
group link then takes no new response in that round, and adding invitees to such a group asks first."""

from __future__ import annotations

import html
import re

import pytest

from survey.extensions import db
from survey.store.models import Consultant
from tests.conftest import Browser
from tests.web.consultant import create_engagement, invite_links, login, make_consultant, respond
from tests.web.fieldwork import add_invitees, response_rows, round_page

ADDRESSES = "ana@lumiere.test\nbruno@lumiere.test\nchloe@lumiere.test"


def shown_groups(browser, engagement_id: int, number: int) -> str:
    """The heatmap's rows: the groups the round's report shows on their own."""
    page = browser.get(f"/engagements/{engagement_id}/rounds/{number}/report?lang=en").get_data(as_text=True)
    return page.split("Scores by group")[1].split("</table>")[0]


@pytest.fixture()
def demo(app, browser):
    output = app.test_cli_runner().invoke(args=["demo"]).output
    email, password = re.search(r"as (\S+), password (\S+)", output).groups()
    login(browser, email, password)
    with app.app_context():
        engagement = db.session.query(Consultant).filter_by(email=email).one().engagements[0]
        return engagement.id


def confirm_invitees(browser, app, engagement_id: int, group: str, text: str, number: int = 1):
    """Paste the addresses, read the confirmation page, confirm it; returns (confirmation page, answer)."""
    asked = add_invitees(browser, app, engagement_id, group, text, number)
    assert asked.status_code == 200, asked.status_code
    page = asked.get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    addresses = re.search(r'<textarea[^>]*name="addresses"[^>]*>([^<]*)</textarea>', page)
    data = {**fields, "addresses": html.unescape(addresses.group(1)) if addresses else ""}
    data.pop("csrf_token", None)
    return page, browser.post(f"{round_page(engagement_id, number)}/invitees", data)


def test_inviting_a_demo_group_answered_through_its_link_keeps_it_in_the_report(app, browser, demo):
    """The reproduction: 3 addresses pasted into "Community management" (5 answers through its group link) used
    to drop it to "0 of 3" and out of the report, announced only by "3 invitees added"."""
    assert "Community management" in shown_groups(browser, demo, 2)
    page, done = confirm_invitees(browser, app, demo, "Community management", ADDRESSES, number=2)
    assert done.status_code == 302
    assert "Community management" in shown_groups(browser, demo, 2)
    report = browser.get(f"/engagements/{demo}/rounds/2/report?lang=en").get_data(as_text=True)
    assert "Fewer responses in: Community management" not in report
    fieldwork = browser.get(round_page(demo, 2) + "?lang=en").get_data(as_text=True)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", fieldwork, re.S) if "Community management" in r)
    assert "5 of 3" in row and "0 of 3" not in row


@pytest.fixture()
def engagement(app, browser):
    """A French engagement: nobody has answered yet."""
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    return create_engagement(browser, "Globex", language="fr")


def test_the_group_link_stops_at_the_first_invitation_and_its_answers_keep_counting(
    app, browser, engagement, questionnaire
):
    token = invite_links(browser, engagement)[(1, "Legal")]
    same_browser = Browser(app.test_client())
    respond(app, token, questionnaire, "staff")
    respond(app, token, questionnaire, "staff", respondent=same_browser)
    respond(app, token, questionnaire, "staff", respondent=same_browser)  # one browser: one person
    late = respond(app, token, questionnaire, "staff", submit=False)  # started before the first invitation
    tab_left_open = Browser(app.test_client())
    assert tab_left_open.get(f"/i/{token}").status_code == 200
    page, done = confirm_invitees(
        browser, app, engagement, "Legal", '"Moreau, Inès" <ines@globex.test>\njules@globex.test'
    )
    facts = re.sub(r"\s+", " ", page.split('class="lead confirm-facts"')[1].split("</ul>")[0])
    assert "3 responses were submitted through the group link of “Legal” in round 1" in facts
    assert "keep counting toward the anonymity threshold of 3 (as 2 people, told apart by browser)" in facts
    assert "1 response started through it and not submitted yet can still be submitted, and will count" in facts
    assert "the group link of “Legal” takes no new response in round 1" in facts
    assert "2 invitees will be added" in facts
    assert done.status_code == 302
    with app.app_context():
        from survey.store.models import Invitation

        names = {i.address: i.name for i in db.session.query(Invitation)}
    assert names == {"ines@globex.test": "Moreau, Inès", "jules@globex.test": None}
    # The group link now says, in the client's language, to use the personal invitation; it starts nothing.
    closed = Browser(app.test_client()).get(f"/i/{token}")
    assert closed.status_code == 410 and "invitation personnelle" in closed.get_data(as_text=True)
    started = len(response_rows(app))
    pressed = tab_left_open.post(f"/i/{token}")  # "Start" pressed on a page opened before
    assert pressed.status_code == 410 and "invitation personnelle" in pressed.get_data(as_text=True)
    assert len(response_rows(app)) == started
    # The response started before the first invitation is submitted: the two browsers and it make 3 people.
    respondent = Browser(app.test_client())
    respondent.get(f"/r/{late}/review")
    assert respondent.post(f"/r/{late}/submit").status_code == 302
    fieldwork = browser.get(round_page(engagement) + "?lang=en").get_data(as_text=True)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", fieldwork, re.S) if "Legal" in r)
    assert "3 of 3" in row
    assert "Legal" in shown_groups(browser, engagement, 1)


def test_adding_invitees_asks_nothing_when_the_group_link_has_no_answer(app, browser, engagement, questionnaire):
    respond(app, invite_links(browser, engagement)[(1, "Legal")], questionnaire, "staff")
    done = add_invitees(browser, app, engagement, "Executive committee", "ana@globex.test")
    assert done.status_code == 302
    # Legal's link still takes answers; Executive committee's has stopped.
    links = invite_links(browser, engagement)
    assert Browser(app.test_client()).get(f"/i/{links[(1, 'Legal')]}").status_code == 200
    assert Browser(app.test_client()).get(f"/i/{links[(1, 'Executive committee')]}").status_code == 410


def test_cancelling_the_question_adds_nobody(app, browser, engagement, questionnaire):
    respond(app, invite_links(browser, engagement)[(1, "Legal")], questionnaire, "staff")
    asked = add_invitees(browser, app, engagement, "Legal", "ana@globex.test")
    assert asked.status_code == 200 and "close its group link" in asked.get_data(as_text=True)
    fieldwork = browser.get(round_page(engagement) + "?lang=en").get_data(as_text=True)
    assert "ana@globex.test" not in fieldwork
    assert Browser(app.test_client()).get(f"/i/{invite_links(browser, engagement)[(1, 'Legal')]}").status_code == 200
