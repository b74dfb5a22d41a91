"""Whole journeys in a real Chromium, by clicking: start, answer, Back, resume link, submit, chart, PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from survey.domain.questionnaire.journey import IMPORTANCE, steps_for
from tests.e2e.live import stored_response
from tests.e2e.pages import (
    BACK_BUTTON,
    NEXT_BUTTON,
    answer_page_by_clicking,
    checked_values,
    submit_and_wait,
    token_of,
    wait_for_chart,
)

pytestmark = pytest.mark.e2e

BACK_AT = 2  # the third page: Back, check the second page kept its answers, then forward again
RESUME_AFTER = 4  # after the fifth page: open the private link on another device


def step_path(step) -> str:
    return "/importance" if step.kind == IMPORTANCE else f"/q/{step.id}"


def start_from_landing(page, server, profile: str, lang: str) -> str:
    """Fill the profile's card on the home page and press its start button; returns the private token."""
    page.goto(f"{server.url}/?lang={lang}")
    card = page.locator("form.profile-card").filter(has=page.locator(f"input[name=profile][value={profile}]"))
    card.get_by_role("textbox").fill("ACME & Co")
    submit_and_wait(page, f"form.profile-card:has(input[value={profile}]) button[type=submit]")
    return token_of(page.url)


@pytest.mark.parametrize(("profile", "lang"), [("candidate", "fr"), ("executive", "en")])
def test_a_respondent_completes_the_survey_by_clicking(page, server, profile, lang):
    questionnaire = server.app.extensions["questionnaire"]
    steps = steps_for(questionnaire, profile)
    token = start_from_landing(page, server, profile, lang)
    assert page.url.endswith(f"/r/{token}/q/validation")
    assert page.locator("h1").inner_text() == questionnaire.dimension("validation").title.get(lang)
    assert page.locator("html").get_attribute("lang") == lang

    ticked_on: dict[int, list[str]] = {}
    for index, step in enumerate(steps):
        assert page.url.endswith(step_path(step)), (index, page.url)
        ticked_on[index] = answer_page_by_clicking(page, index)
        if index == BACK_AT:
            submit_and_wait(page, BACK_BUTTON)
            assert page.url.endswith(step_path(steps[index - 1]))
            assert checked_values(page) == ticked_on[index - 1]
            submit_and_wait(page, NEXT_BUTTON)
            assert checked_values(page) == ticked_on[index], "Back saves the page it leaves"
        link = page.input_value("#private-link-input")
        submit_and_wait(page, NEXT_BUTTON)
        if index == RESUME_AFTER:
            other_device = page.context.browser.new_context()
            resumed = other_device.new_page()
            resumed.goto(link)
            assert resumed.url.endswith(step_path(steps[index + 1])), "the link leads to the first page not done"
            other_device.close()
            page.reload()

    assert page.url.endswith(f"/r/{token}/review")
    assert page.locator(".review-section").count() == len(steps)
    assert page.locator(".missing").count() == 0
    submit_and_wait(page, "form[action$='/submit'] button[type=submit]")
    assert page.url.endswith(f"/r/{token}/report")

    wait_for_chart(page)
    axis_labels = page.locator("#radar-chart .angularaxistick text").all_text_contents()
    assert len(axis_labels) == len(questionnaire.dimensions)
    assert questionnaire.dimension("budget").title.get(lang).split()[0] in " ".join(axis_labels)
    assert page.locator(".score-table tbody tr").count() == len(questionnaire.dimensions)

    stored = stored_response(server.app, token)
    assert stored["submitted"] and stored["language"] == lang
    assert len(stored["answers"]) == len(questionnaire.applicable_question_ids(profile))
    assert bool(stored["importance"]) == (profile == "candidate")

    with page.expect_download() as download_info:
        page.click("a[href$='/report.pdf']")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages[:2])
    assert questionnaire.dimension("listening").title.get(lang) in text


def test_a_candidate_takes_the_ten_minute_version_by_clicking(page, server):
    """Chosen on the home page by its label, the short version asks only its questions and says so on the report."""
    short = server.app.extensions["questionnaire"].ten_minute_version
    steps = steps_for(short, "candidate")
    page.goto(f"{server.url}/?lang=fr")
    page.get_by_text("10 minutes\u202f: 18 questions à vérifier ou à poser").click()
    submit_and_wait(page, "form.profile-card:has(input[value=candidate]) button[type=submit]")
    token = token_of(page.url)
    for index, step in enumerate(steps):
        assert page.url.endswith(step_path(step)), (index, page.url)
        if step.kind != IMPORTANCE:
            assert page.locator("fieldset.question").count() == len(short.dimension(step.id).questions)
        answer_page_by_clicking(page, index)
        submit_and_wait(page, NEXT_BUTTON)
    assert page.url.endswith(f"/r/{token}/review")
    submit_and_wait(page, "form[action$='/submit'] button[type=submit]")
    assert "Version 10 minutes\u202f: 18 questions" in page.locator(".report-head").inner_text()
    stored = stored_response(server.app, token)
    assert stored["submitted"] and sorted(stored["answers"]) == sorted(short.questions_by_id)
