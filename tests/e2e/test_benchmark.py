"""The opt-in benchmark in Chromium: ten executives join from their reports, the eleventh sees the median; a
9-organisation filter says "9 so far"; a withdrawal code takes a contribution back."""

from __future__ import annotations

import pytest

from survey.store.benchmark import contribute
from survey.store.tokens import new_token
from tests.e2e.pages import submit_and_wait
from tests.stored_responses import add_submitted_executive

pytestmark = pytest.mark.e2e


def submitted_executive(app, n: int) -> str:
    """A submitted executive response (answers vary with n); returns its private token."""
    questionnaire = app.extensions["questionnaire"]
    token = new_token()
    with app.app_context():
        add_submitted_executive(questionnaire, token, n)
    return token


def join(page, server, token: str) -> str:
    page.goto(f"{server.url}/r/{token}/report?lang=en")
    form = page.locator("form.benchmark-join")
    form.get_by_label("Sector").select_option("tourism")
    form.get_by_label("Size").select_option("1000+")
    submit_and_wait(page, "form.benchmark-join button[type=submit]")
    return page.locator("#withdrawal-code").inner_text()


def test_ten_executives_join_the_eleventh_sees_the_median_and_a_withdrawal_counts(page, server):
    app = server.app
    codes = [join(page, server, submitted_executive(app, n)) for n in range(10)]
    assert len(set(codes)) == 10

    eleventh = submitted_executive(app, 10)
    page.goto(f"{server.url}/r/{eleventh}/report?lang=en")
    section = page.locator("section.benchmark")
    assert section.get_by_role("button", name="Add my organisation’s scores").is_visible()  # not joined by default
    section.get_by_label("Sector").first.select_option("tourism")
    submit_and_wait(page, "form.benchmark-filter button[type=submit]")
    text = page.locator("section.benchmark").inner_text()
    assert "Your organisation against the median of 10 organisations in tourism and hospitality." in text
    assert page.locator("table.benchmark-table tbody tr").count() >= 2

    with app.app_context():
        for n in range(9):
            contribute({"overall": 50 + n}, "executive", "media", "1-49")
    page.locator("#benchmark-filter-sector").select_option("media")
    submit_and_wait(page, "form.benchmark-filter button[type=submit]")
    assert "9 so far in media and culture, shown from 10." in page.locator("section.benchmark").inner_text()

    page.goto(f"{server.url}/benchmark/withdraw?lang=en")
    page.get_by_label("Withdrawal code").fill(codes[0])
    submit_and_wait(page, "main form button[type=submit]")
    assert "Your contribution is withdrawn" in page.locator("main").inner_text()
    page.goto(f"{server.url}/r/{eleventh}/report?lang=en&sector=tourism")
    assert "9 so far in tourism and hospitality, shown from 10." in page.locator("section.benchmark").inner_text()
