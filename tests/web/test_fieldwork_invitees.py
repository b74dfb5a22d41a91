"""Invitees on the round page: pasted or uploaded, wrong lines listed by number and nothing half-imported,
the same address kept once per round, 10,000 addresses in one paste; without mail settings, the page
says so and keeps the copy-a-link workflow."""

from __future__ import annotations

import csv
import io

import pytest

from tests.web.consultant import create_engagement, login, make_consultant
from tests.web.fieldwork import add_invitees, group_id, invitation_rows, round_page, upload


@pytest.fixture()
def engagement_id(app, browser):
    make_consultant(app, "claire@consulting.test")
    login(browser, "claire@consulting.test")
    return create_engagement(browser, "ACME")


def test_a_wrong_line_is_listed_by_number_and_nothing_is_imported(app, browser, engagement_id):
    pasted = "ana@acme.test\nBruno Martin <bruno@acme.test>\nnot an address\n\ncarla@acme\n"
    page = add_invitees(browser, app, engagement_id, "Legal", pasted)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Line 3: “not an address” is not an e-mail address." in html
    assert "Line 5: “carla@acme” is not an e-mail address." in html
    assert "Bruno Martin &lt;bruno@acme.test&gt;" in html  # the pasted text is kept, to correct it
    assert invitation_rows(app) == []


def test_duplicates_are_merged_within_a_round_across_groups(app, browser, engagement_id):
    first = add_invitees(browser, app, engagement_id, "Legal", "ana@acme.test\nAna <ANA@acme.test>\nbruno@acme.test")
    assert first.status_code == 302
    again = add_invitees(browser, app, engagement_id, "Community management", "Bruno@ACME.test\ncarla@acme.test")
    assert again.status_code == 302
    rows = invitation_rows(app)
    assert sorted(row["address_key"] for row in rows) == ["ana@acme.test", "bruno@acme.test", "carla@acme.test"]
    legal = group_id(app, engagement_id, "Legal")
    assert next(r for r in rows if r["address_key"] == "bruno@acme.test")["group_id"] == legal
    page = browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert "1 address was already invited in this round." in page
    assert len({row["token_hash"] for row in rows}) == 3


def test_a_csv_file_from_a_spreadsheet(app, browser, engagement_id):
    browser.get(round_page(engagement_id))
    csv_file = "Nom;Email\nDenise Roy;denise@acme.test\nÉric;eric@acme.test\n".encode("cp1252")
    data = {
        "group": str(group_id(app, engagement_id, "Legal")),
        "addresses": "",
        "upload": (io.BytesIO(csv_file), "invitees.csv"),
    }
    response = browser.post(f"{round_page(engagement_id)}/invitees", data, content_type="multipart/form-data")
    assert response.status_code == 302
    names = {row["address"]: row["name"] for row in invitation_rows(app)}
    assert names == {"denise@acme.test": "Denise Roy", "eric@acme.test": "Éric"}


def test_ten_thousand_addresses_in_one_paste(app, browser, engagement_id):
    pasted = "\n".join(f"Person {n} <person{n}@acme.test>" for n in range(10_000))
    assert add_invitees(browser, app, engagement_id, "Community management", pasted).status_code == 302
    assert len(invitation_rows(app)) == 10_000
    page = browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert "10,000" in page and "The first 200 of 10,000 invitees" in page


def test_without_mail_settings_the_page_says_so_and_offers_the_links(app, browser, engagement_id):
    add_invitees(browser, app, engagement_id, "Legal", "ana@acme.test\nbruno@acme.test")
    page = browser.get(round_page(engagement_id)).get_data(as_text=True)
    assert "E-mail is not configured on this server" in page
    assert "Send 2 invitations" not in page
    download = browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv")
    lines = download.get_data(as_text=True).splitlines()
    assert lines[0].lstrip("\ufeff").startswith("name,email,group,status")
    links = {line.rsplit(",", 1)[1] for line in lines[1:]}
    assert len(links) == 2 and all("/p/" in link for link in links)
    path = "/p/" + next(iter(links)).split("/p/")[1]
    assert "Start the survey" in browser.get(path).get_data(as_text=True)


def test_another_consultant_cannot_see_the_round_page(app, browser, engagement_id):
    from tests.conftest import Browser

    make_consultant(app, "other@consulting.test")
    other = Browser(app.test_client())
    login(other, "other@consulting.test")
    assert other.get(round_page(engagement_id)).status_code == 404
    assert other.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv").status_code == 404


def test_erasing_the_engagement_erases_its_invitees_and_their_emails(app, browser, engagement_id, questionnaire):
    from survey.extensions import db
    from survey.store.models import OutboxMessage
    from tests.web.fieldwork import answer_through_link, press

    add_invitees(browser, app, engagement_id, "Legal", "ana@acme.test\nbruno@acme.test")
    press(browser, engagement_id, "send")  # queued, never sent: no worker runs
    path = (
        "/p/"
        + browser.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv")
        .get_data(as_text=True)
        .split("/p/")[1]
        .split("\r\n")[0]
    )
    answer_through_link(app, questionnaire, path, "staff", submit=False)  # a response still tied to its invitation
    browser.get(f"/engagements/{engagement_id}/delete")
    assert browser.post(f"/engagements/{engagement_id}/delete").status_code == 302
    assert invitation_rows(app) == []
    with app.app_context():
        assert db.session.query(OutboxMessage).count() == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8", "utf-8-sig"])
def test_a_file_in_unicode_with_or_without_a_byte_order_mark(app, browser, engagement_id, encoding):
    text = "Nom\tEmail\r\nÉric Lefèvre\teric@acme.test\r\n"  # Excel's "Unicode text" is tab-separated UTF-16
    assert upload(browser, app, engagement_id, text.encode(encoding)).status_code == 302
    assert {row["address"]: row["name"] for row in invitation_rows(app)} == {"eric@acme.test": "Éric Lefèvre"}


def test_a_nul_byte_or_an_overlong_cell_is_a_422_naming_its_line(app, browser, engagement_id):
    nul = upload(browser, app, engagement_id, b"email,name\r\nana@acme.test,Ana\r\nbruno@acme.test,Bru\x00no\r\n")
    assert nul.status_code == 422
    assert "Line 3: it holds a NUL character." in nul.get_data(as_text=True)
    huge = f'email,name\r\nana@acme.test,Ana\r\nbruno@acme.test,"{"b" * 140_000}"\r\n'.encode()
    too_long = upload(browser, app, engagement_id, huge)
    assert too_long.status_code == 422
    assert "Line 3: a cell is longer than 1,000 characters." in too_long.get_data(as_text=True)
    assert invitation_rows(app) == []
    too_large = upload(browser, app, engagement_id, b"ana@acme.test\r\n" * 100_000)
    assert too_large.status_code == 413


def test_the_csv_with_personal_links_streams_and_every_link_opens_its_invitation(app, browser, engagement_id):
    from flask import url_for

    from survey.store.fieldwork.invitation_tokens import personal_token

    legal = "\n".join(f'"Person, {n}" <person{n}@acme.test>' for n in range(2_000))
    assert add_invitees(browser, app, engagement_id, "Legal", legal).status_code == 302
    assert add_invitees(browser, app, engagement_id, "Executive committee", "=1+1 <boss@acme.test>").status_code == 302
    response = browser.client.get(f"/engagements/{engagement_id}/rounds/1/invitees.csv", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    chunks = list(response.response)
    assert len(chunks) > 2  # sent as the rows are read, not built whole first
    body = b"".join(chunks).decode("utf-8")
    assert body.startswith("\ufeffname,email,group,status,reminders,unsubscribed,link\r\n")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline="")))[1:]
    secret = app.config["SECRET_KEY"]
    with app.test_request_context():
        expected = [
            [
                "'=1+1" if row["name"] == "=1+1" else row["name"],  # a formula-like name is defused
                row["address"],
                "Executive committee" if row["address"] == "boss@acme.test" else "Legal",
                "not sent yet",  # the status in words, in the engagement's language (issue 23)
                "0",
                "",
                url_for("consultant.invitation", token=personal_token(secret, row["link_seed"]), _external=True),
            ]
            for row in sorted(invitation_rows(app), key=lambda row: (row["group_id"], row["id"]))
        ]
    assert rows == expected and len(rows) == 2_001
    assert "Start the survey" in browser.get("/p/" + rows[-1][-1].rsplit("/p/", 1)[1]).get_data(as_text=True)
