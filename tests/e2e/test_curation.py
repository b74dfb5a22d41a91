"""The comment curation page and the fieldwork page in Chromium: axe-core clean at 1280 and 375 px, controls
labelled and thumb-sized, and a whole curation done with the keyboard only."""

from __future__ import annotations

import pytest

from survey.domain.questionnaire.languages import LANGUAGES
from tests.e2e.consultant_pages import open_consultant_page
from tests.e2e.test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.e2e

MIN_TARGET = 44
# Every visible form control: its size, and the text of its label (a <label for>, a wrapping <label>, aria-label).
CONTROLS = """() => [...document.querySelectorAll(
    "main input:not([type=hidden]), main select, main textarea, main button")]
  .filter(el => el.getClientRects().length)
  .map(el => { const r = el.getBoundingClientRect(); const target = el.closest("label") || el;
    const t = target.getBoundingClientRect();
    return {html: el.outerHTML.slice(0, 90), height: Math.max(r.height, t.height), width: Math.max(r.width, t.width),
            label: (el.labels && el.labels.length ? [...el.labels].map(l => l.textContent).join(" ")
                    : el.getAttribute("aria-label") || el.textContent || "").trim(),
            border: getComputedStyle(el).borderTopWidth, radius: getComputedStyle(el).borderTopLeftRadius}; })"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["consultant-fieldwork", "consultant-comments"])
@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_axe_clean_at_1280_and_375_pixels(request, server, name, lang, width):
    page = request.getfixturevalue("page" if width == "desktop" else "mobile_page")
    page.add_init_script(path=AXE)
    open_consultant_page(page, server, name, lang)
    violations = axe_violations(page)
    assert not violations, f"{name} ({lang}, {width}): " + "\n".join(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_fieldwork_inputs_are_labelled_styled_and_thumb_sized(request, server, width):
    page = request.getfixturevalue("page" if width == "desktop" else "mobile_page")
    open_consultant_page(page, server, "consultant-fieldwork", "fr")
    controls = page.evaluate(CONTROLS)
    kinds = {c["html"].split('type="')[1].split('"')[0] for c in controls if 'type="' in c["html"]}
    assert {"date", "number", "file", "submit"} <= kinds
    for control in controls:
        assert control["label"], f"no label: {control['html']}"
        assert control["height"] >= MIN_TARGET, f"{control['height']}px high: {control['html']}"
    styled = [c for c in controls if 'type="date"' in c["html"] or 'type="number"' in c["html"]]
    text = next(c for c in controls if 'type="text"' in c["html"])
    assert styled and all((c["border"], c["radius"]) == (text["border"], text["radius"]) for c in styled)


def test_curation_with_the_keyboard_only(page, server):
    open_consultant_page(page, server, "consultant-comments", "en")
    first = page.locator("input[name=include]").first
    was_checked = first.is_checked()
    comment = first.get_attribute("value")
    page.focus("#show")
    # from the filter, Tab reaches the Show button, then the first comment's checkbox
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "include"
    page.keyboard.press("Space")
    assert first.is_checked() != was_checked
    page.keyboard.press("Tab")  # the "edit the text" summary opens with Enter
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"text-{comment}"
    page.keyboard.press("Control+End")
    page.keyboard.type(" […]")
    page.focus("button.button-primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your choices are saved for" in page.text_content("main")
    saved = page.locator(f"#comment-{comment}")
    assert saved.locator("input[name=include]").is_checked() != was_checked
    assert saved.locator("textarea").input_value().endswith(" […]")
    assert "to review" not in saved.text_content()


def test_filter_and_bulk_exclude_in_the_browser(page, server):
    open_consultant_page(page, server, "consultant-comments", "fr")
    total = page.locator("input[name=include]").count()
    assert total > 0
    page.select_option("#show", "review")
    with page.expect_navigation():
        page.click(".comment-filter button")
    assert page.locator("input[name=include]").count() == total  # nothing chosen yet: all to review
    with page.expect_navigation():
        page.click("button[name=bulk][value=exclude]")
    assert page.locator("input[name=include]").count() == 0  # none left to review
    page.select_option("#show", "excluded")
    with page.expect_navigation():
        page.click(".comment-filter button")
    assert page.locator("input[name=include]:checked").count() == 0
    assert page.locator("input[name=include]").count() == total
