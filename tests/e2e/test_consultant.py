"""A consultant's round end to end in the browser: engagement, invite link, aggregated report and PDF."""

from __future__ import annotations

import re

import pytest

from survey.domain.questionnaire.journey import steps_for
from tests.e2e.consultant_pages import REPORT_RADAR, seed_consultant, sign_in
from tests.e2e.live import DESKTOP
from tests.e2e.pages import answer_survey_by_clicking, submit_and_wait

pytestmark = pytest.mark.e2e

RESPONDENTS = 3  # a group is shown on its own from three submitted responses (anonymity threshold)
GROUP = "Community management"  # one of the default role groups, answering as staff
SILENT_GROUP = "Legal"  # no response: never shown on its own
SCORE = re.compile(r"^\d{1,3}\.\d$")


def test_consultant_invites_respondents_and_sees_the_aggregated_report(page, server):
    """1. the consultant signs in and creates an engagement with the default role groups, which gives invite links;
    2. three respondents, each in a fresh browser, open one group's link, answer every page and submit;
    3. the consultant opens the round's report, sees the radar and the group's scores, and gets the PDF."""
    questionnaire = server.app.extensions["questionnaire"]
    sign_in(page, server, seed_consultant(server.app), "en")
    invite_url = create_engagement_with_default_groups(page)

    for _ in range(RESPONDENTS):
        respondent = page.context.browser.new_context(**DESKTOP)
        tab = respondent.new_page()
        tab.goto(invite_url)
        submit_and_wait(tab, "form[action*='/i/'] button[type=submit]")
        answer_survey_by_clicking(tab, steps_for(questionnaire, "staff"))
        assert tab.url.endswith("/review")
        submit_and_wait(tab, "form[action$='/submit'] button[type=submit]")
        assert tab.url.endswith("/report")
        respondent.close()

    page.reload()
    assert page.locator(f"tr:has-text('{GROUP}') td.submitted").inner_text().strip() == str(RESPONDENTS)
    submit_and_wait(page, "section.round a[href$='/rounds/1/report']")

    assert page.locator(REPORT_RADAR).count() == 1
    assert page.locator(f"{REPORT_RADAR} polygon").count() > 0, "the radar has no shape drawn"
    headers = page.locator(".groups-scores thead th").all_inner_texts()
    assert any(header.startswith(GROUP) and f"({RESPONDENTS})" in header for header in headers), headers
    assert not any(SILENT_GROUP in header for header in headers), "a group without responses is shown"
    group_column = [h.startswith(GROUP) for h in headers].index(True)
    rows = page.locator(".groups-scores tbody tr")
    assert rows.count() == len(questionnaire.dimensions) + 1  # the practices, then the overall score
    for row in rows.all():
        cells = [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        # The only respondents are the group's: its column is "All respondents"' ("—" where all answered "don't know").
        assert cells[group_column] == cells[-1] and (SCORE.match(cells[-1]) or cells[-1] == "—"), cells
    assert SCORE.match(rows.last.locator("td").last.inner_text().strip()), "no overall score"

    pdf = page.context.request.get(page.url + ".pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def create_engagement_with_default_groups(page) -> str:
    """Fill the new-engagement form, keeping its default role groups; returns GROUP's invite link."""
    page.click("a[href$='/engagements/new']")
    page.fill("#client_name", "ACME & Co")
    submit_and_wait(page, "form.panel button[type=submit]")
    assert re.search(r"/engagements/\d+$", page.url), page.url
    invite = page.locator(f"table.participation tr:has-text('{GROUP}') input.link-input").input_value()
    assert "/i/" in invite
    return invite
