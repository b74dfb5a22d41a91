"""Personal links and anonymity by construction: one response per invitation, nothing that ties answers to
an address once submitted (tables, API, exports, report), and a group that the group link cannot pad."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from survey.extensions import db
from tests.conftest import Browser
from tests.web.consultant import all_answers, api_token_for, create_engagement, login, make_consultant, seed_responses
from tests.web.fieldwork import add_invitees, answer_through_link, invitation_rows, response_rows

LEGAL = ["Ines Moreau <ines@globex.test>", "jules@globex.test", "Karim <karim@globex.test>", "lea@globex.test"]


@pytest.fixture()
def engagement(app, browser, questionnaire):
    """Globex: Executive committee and Community management answered by group link (3 each), Legal invited."""
    make_consultant(app, "ada@consulting.test")
    login(browser, "ada@consulting.test")
    engagement_id = create_engagement(browser, "Globex")
    seed_responses(app, engagement_id, "Executive committee", all_answers(questionnaire, "executive", "best"), 3)
    seed_responses(app, engagement_id, "Community management", all_answers(questionnaire, "staff", "worst"), 3)
    assert add_invitees(browser, app, engagement_id, "Legal", "\n".join(LEGAL)).status_code == 302
    return engagement_id


def links(browser, engagement_id: int) -> dict[str, str]:
    """Address -> personal link path, from the round's invitee download (the copy-a-link workflow)."""
    body = browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv").get_data(as_text=True)
    return {line.split(",")[1]: "/p/" + line.split("/p/")[1] for line in body.splitlines()[1:]}


def test_a_personal_link_starts_one_response_that_only_its_browser_resumes(app, browser, engagement, questionnaire):
    path = links(browser, engagement)["jules@globex.test"]
    invitee = Browser(app.test_client())
    assert "Start the survey" in invitee.get(path).get_data(as_text=True)
    first = invitee.post(path).headers["Location"]
    started = len(response_rows(app))
    assert "Continue my answers" in invitee.get(path).get_data(as_text=True)
    assert invitee.post(path).headers["Location"] == first  # the same response, the same private link
    other_device = Browser(app.test_client())
    opened = other_device.get(path)
    assert opened.status_code == 403 and "This invitation was already opened" in opened.get_data(as_text=True)
    assert len(response_rows(app)) == started  # resumes, does not start another
    token = re.search(r"/r/([^/]+)/", first).group(1)
    invitee.get(path)  # a tab left open on the start page
    from survey.store.responses import find_response, save_answers, submit_response

    with app.app_context():
        save_answers(find_response(token), all_answers(questionnaire, "staff", "best"))
        submit_response(questionnaire, find_response(token))
    before = len(response_rows(app))
    again = invitee.post(path)  # a tab left open on the start page: its button pressed after the submit
    assert (
        again.status_code == 200
        and "were received on" in again.get_data(as_text=True)
        and len(response_rows(app)) == before
    )  # no second response
    thanks = invitee.get(path)
    assert thanks.status_code == 200 and "were received on" in thanks.get_data(as_text=True)
    # One submit alone is not yet separated from its invitation (see the PostgreSQL test of the batches).
    assert {r["address"]: r["status"] for r in invitation_rows(app)}["jules@globex.test"] == "started"


def test_the_invitation_promises_the_rule_that_separates_answers_from_the_address(app, browser, engagement):
    # store/invitation_links.py settles a submit once two other people of the group have submitted, or at close:
    # the page says no more, and no less (it used to promise "together with at least two other people" only).
    page = Browser(app.test_client()).get(links(browser, engagement)["ines@globex.test"]).get_data(as_text=True)
    assert (
        "separated from your address for good as soon as at least two other people of your group have submitted "
        "too, or when the survey closes." in page
    )


def test_after_submit_nothing_ties_answers_to_an_address(app, browser, engagement, questionnaire):
    personal = links(browser, engagement)
    for address in ("ines@globex.test", "jules@globex.test", "karim@globex.test"):
        answer_through_link(app, questionnaire, personal[address], "staff")
    answer_through_link(app, questionnaire, personal["lea@globex.test"], "staff", submit=False)
    responses = response_rows(app)
    submitted = [r for r in responses if r["submitted_at"] is not None and r["invited"]]
    assert len(submitted) == 3 and all(r["invitation_id"] is None for r in submitted)
    in_progress = [r for r in responses if r["submitted_at"] is None]
    assert len(in_progress) == 1 and in_progress[0]["invitation_id"] is not None  # to resume, until submitted
    invitations = {r["address"]: r for r in invitation_rows(app)}
    assert invitations["ines@globex.test"]["status"] == "submitted"
    assert invitations["ines@globex.test"]["submitted_on"] == date.today()  # the day, never the time
    assert not any("response" in column for column in invitations["ines@globex.test"])
    addresses = [line.split("<")[-1].rstrip(">") for line in LEGAL]
    with app.app_context():  # every other table, every row: no address anywhere
        for table in db.metadata.sorted_tables:
            if table.name in ("invitations", "outbox", "consultants"):
                continue
            for row in db.session.execute(table.select()).all():
                text = " ".join(str(value) for value in row)
                assert not any(address in text for address in addresses), table.name
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@consulting.test')}"}
    client = app.test_client()
    seen = [
        browser.get(f"/engagements/{engagement}/rounds/1/responses.csv").get_data(as_text=True),
        browser.get(f"/engagements/{engagement}/rounds/1/responses.json").get_data(as_text=True),
        browser.get(f"/engagements/{engagement}/rounds/1/report").get_data(as_text=True),
        browser.get(f"/engagements/{engagement}/rounds/1/responses").get_data(as_text=True),
        client.get(f"/api/v1/engagements/{engagement}/rounds/1/responses", headers=headers).get_data(as_text=True),
        client.get(f"/api/v1/engagements/{engagement}/rounds/1", headers=headers).get_data(as_text=True),
        client.get(f"/api/v1/engagements/{engagement}/rounds/1/scores", headers=headers).get_data(as_text=True),
    ]
    assert "Legal" in seen[0]  # three invitees submitted: the group is shown, and still no address
    legal = next(g for g in json.loads(seen[5])["groups"] if g["name"] == "Legal")
    assert (legal["invited"], legal["started"], legal["submitted"], legal["target"]) == (4, 4, 3, 3)
    for body in seen:
        assert not any(address in body for address in addresses)


def test_a_group_padded_through_its_group_link_stays_hidden(app, browser, engagement, questionnaire):
    answer_through_link(app, questionnaire, links(browser, engagement)["ines@globex.test"], "staff")
    seed_responses(app, engagement, "Legal", all_answers(questionnaire, "staff", "worst"), 2)  # the padding
    report = browser.get(f"/engagements/{engagement}/rounds/1/report").get_data(as_text=True)
    assert "Legal" not in report.split("Scores by group")[1].split("</table>")[0]
    export = browser.get(f"/engagements/{engagement}/rounds/1/responses.csv").get_data(as_text=True)
    groups = [row[0] for row in csv.reader(io.StringIO(export.lstrip("\ufeff")))][1:]
    assert "Legal" not in groups and len(groups) == 6  # Legal's rows (1 invitee, 2 padding) do not leave
    headers = {"Authorization": f"Bearer {api_token_for(app, 'ada@consulting.test')}"}
    scores = app.test_client().get(f"/api/v1/engagements/{engagement}/rounds/1/scores", headers=headers).json
    assert "Legal" not in [group["name"] for group in scores["groups"]]
    page = browser.get(f"/engagements/{engagement}").get_data(as_text=True)
    legal_row = next(row for row in re.findall(r"<tr>(.*?)</tr>", page, re.S) if "Legal" in row)
    assert "not shown alone yet" in legal_row and "1 of 3" in legal_row
    fieldwork = browser.get(f"/engagements/{engagement}/rounds/1/fieldwork").get_data(as_text=True)
    assert "2 through the group link" in fieldwork
    for address in ("jules@globex.test", "karim@globex.test"):
        answer_through_link(app, questionnaire, links(browser, engagement)[address], "staff")
    report = browser.get(f"/engagements/{engagement}/rounds/1/report").get_data(as_text=True)
    assert "Legal" in report.split("Scores by group")[1].split("</table>")[0]  # three invitees: shown
