"""Every page type a respondent or a consultant can meet, opened in a browser in either language; and the clicks
that answer a survey page. Shared by the accessibility, mobile and screenshot runs."""

from __future__ import annotations

import re

from tests.e2e.consultant_pages import CONSULTANT_PAGE_TYPES, open_consultant_page
from tests.e2e.live import LiveServer, seed_response

NEXT_BUTTON = ".form-actions button[value=next]"
BACK_BUTTON = ".form-actions button[value=back]"
CHART_SVG = "#radar-chart svg.main-svg"

# name -> (profile, answered, submitted, path after /r/<token>); None: no response needed.
PAGE_TYPES: dict[str, tuple[str, bool, bool, str] | None] = {
    "landing": None,
    "dimension": ("candidate", True, False, "q/autonomy"),
    "dimension-errors": ("executive", False, False, "q/validation"),
    "importance": ("candidate", True, False, "importance"),
    "review": ("candidate", True, False, "review"),
    "report": ("executive", True, True, "report"),
    "report-candidate": ("candidate", True, True, "report"),
    "delete": ("staff", True, True, "delete"),
    "not-found": None,
    **dict.fromkeys(CONSULTANT_PAGE_TYPES),
}


def open_page_type(page, server: LiveServer, name: str, lang: str) -> None:
    """Seed what the page needs, open it in `lang` and wait until it is fully drawn."""
    if name == "landing":
        page.goto(f"{server.url}/?lang={lang}")
        return
    if name in CONSULTANT_PAGE_TYPES:
        open_consultant_page(page, server, name, lang)
        return
    if name == "not-found":
        page.goto(f"{server.url}/r/no-such-link/?lang={lang}")
        return
    profile, answered, submitted, path = PAGE_TYPES[name]
    token = seed_response(server.app, profile, lang, answered=answered, submitted=submitted)
    page.goto(f"{server.url}/r/{token}/{path}")
    if name == "dimension-errors":
        submit_and_wait(page, NEXT_BUTTON)
        page.wait_for_selector("#error-summary")
    if name.startswith("report"):
        wait_for_chart(page)


def wait_for_chart(page) -> None:
    """The server's SVG radar is there without any script; the reader then opens the interactive one, and
    Plotly (loaded on that request only) has drawn it inside the same holder and laid out its labels."""
    page.wait_for_selector("#radar-chart > svg")
    assert not page.evaluate("Boolean(window.Plotly)"), "Plotly is loaded before the reader asks for it"
    page.click("#radar-interactive")
    page.wait_for_selector(CHART_SVG)
    page.wait_for_selector("#radar-chart .angularaxistick text")


def submit_and_wait(page, selector: str) -> None:
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.click(selector)


def answer_page_by_clicking(page, choice_index: int) -> list[str]:
    """Tick one answer per question by clicking its label; returns the values ticked, in page order."""
    ticked = []
    for group in page.locator("fieldset.question").all():
        choices = group.locator("label.choice")
        label = choices.nth(choice_index % choices.count())
        label.click()
        ticked.append(label.locator("input").get_attribute("value"))
    return ticked


def checked_values(page) -> list[str | None]:
    """The value ticked in each question group of the page, None where nothing is."""
    return page.eval_on_selector_all(
        "fieldset.question",
        "groups => groups.map(g => { const c = g.querySelector('input:checked'); return c ? c.value : null; })",
    )


def token_of(url: str) -> str:
    return re.search(r"/r/([^/]+)/", url).group(1)


def answer_survey_by_clicking(page, steps) -> None:
    """From the first survey page to the review page: tick an answer per question, then Next, page after page."""
    for index, _step in enumerate(steps):
        answer_page_by_clicking(page, index)
        submit_and_wait(page, NEXT_BUTTON)
