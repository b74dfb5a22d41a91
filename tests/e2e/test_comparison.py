"""A candidate weighs two employers in a real Chromium (issue 27): one assessed in full, one in the 10-minute
version; compares them; updates the first after its interview and sees the verdict change."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.domain.questionnaire.journey import steps_for
from tests.e2e.pages import NEXT_BUTTON, answer_page_by_clicking, submit_and_wait, token_of
from tests.e2e.test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE_WIDTH = 375


def answer_all_dont_know(page, steps) -> None:
    """Every question "Don't know" (the importance page: a rating per practice), page after page."""
    for index, step in enumerate(steps):
        if step.kind == "importance":
            answer_page_by_clicking(page, index)
        else:
            for label in page.locator("fieldset.question label.choice-dont-know").all():
                label.click()
        submit_and_wait(page, NEXT_BUTTON)


def submit_from_review(page) -> None:
    submit_and_wait(page, "form[action$='/submit'] button[type=submit]")


def test_a_candidate_compares_two_employers_and_updates_one_after_the_interview(page, mobile_page, server):
    questionnaire = server.app.extensions["questionnaire"]
    for tab in (page, mobile_page):  # axe-core on every page opened, run where the test checks it
        tab.add_init_script(path=AXE)
    page.goto(f"{server.url}/?lang=en")
    card = page.locator("form.profile-card").filter(has=page.locator("input[name=profile][value=candidate]"))
    card.get_by_role("textbox").fill("Acme")
    submit_and_wait(page, "form.profile-card:has(input[value=candidate]) button[type=submit]")
    acme = token_of(page.url)
    answer_all_dont_know(page, steps_for(questionnaire, "candidate"))  # Acme: nothing known before the interview
    submit_from_review(page)
    assert "Not enough information" in page.locator(".verdict-name").inner_text()

    page.fill("#another-organisation", "Beta")
    page.check(".another-employer input[value=quick]")
    submit_and_wait(page, ".another-employer button[type=submit]")
    beta = token_of(page.url)
    assert beta != acme
    for index, _step in enumerate(steps_for(questionnaire.ten_minute_version, "candidate")):
        answer_page_by_clicking(page, index)
        submit_and_wait(page, NEXT_BUTTON)
    submit_from_review(page)
    assert "10-minute" in page.content()

    compare_url = page.input_value("#space-link-input")
    assert acme not in compare_url and beta not in compare_url
    page.goto(compare_url)
    cards = page.locator(".compare-card")
    assert cards.count() == 2
    assert "Acme" in cards.nth(0).inner_text() and "Beta" in cards.nth(1).inner_text()
    assert page.locator(".compare-radar svg .legend").count() == 2  # Acme, all "don't know", has no polygon yet
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "compare-en-desktop.png"), full_page=True)
    before = cards.nth(0).locator(".verdict-name").inner_text()

    # After Acme's interview: every question answered, with its second choice.
    page.goto(f"{server.url}/r/{acme}/report")
    submit_and_wait(page, "form[action$='/update'] button[type=submit]")
    for dimension in questionnaire.dimensions:
        page.goto(f"{server.url}/r/{acme}/q/{dimension.id}")
        answer_page_by_clicking(page, 1)
        submit_and_wait(page, NEXT_BUTTON)
    page.goto(f"{server.url}/r/{acme}/review")
    submit_from_review(page)
    change = page.locator(".version-change").inner_text()
    assert "What changed after the interview" in change and "now answered" in change
    assert "→" in change
    assert not axe_violations(page), "the updated report"
    page.screenshot(path=str(SCREENSHOTS / "report-updated-en-desktop.png"), full_page=True)

    page.goto(compare_url)
    after = page.locator(".compare-card").nth(0).locator(".verdict-name").inner_text()
    assert after != before
    assert "Version 2" in page.locator(".compare-card").nth(0).inner_text()
    assert page.locator(".compare-radar svg .series").count() == 2  # one polygon per employer, overlaid
    assert not axe_violations(page), "the comparison"
    page.screenshot(path=str(SCREENSHOTS / "compare-after-interview-en-desktop.png"), full_page=True)

    mobile_page.goto(compare_url.replace("/compare", "/compare?lang=fr"))
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    assert not axe_violations(mobile_page), "the comparison on a phone, in French"
    mobile_page.goto(compare_url.replace("/compare", "/erase?lang=fr"))
    assert not axe_violations(mobile_page), "the erasure's confirmation"
    mobile_page.screenshot(path=str(SCREENSHOTS / "compare-fr-mobile.png"), full_page=True)
