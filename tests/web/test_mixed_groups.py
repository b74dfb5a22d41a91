"""Mixed groups: answers given through a group link before the group's first invitation keep counting, the
group link then takes no new response in that round, and adding invitees to such a group asks first."""

from __future__ import annotations

import re

import pytest

from survey.extensions import db
from survey.store.models import Consultant
from tests.conftest import Browser
from tests.web.consultant import all_answers, create_engagement, invite_links, login, make_consultant, respond
from tests.web.fieldwork import add_invitees, answer_through_link, group_id, round_page

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
    data = {**fields, "addresses": addresses.group(1) if addresses else fields.get("addresses", "")}
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
