"""A whole survey with the keyboard only: Tab and Shift+Tab, arrow keys in radio groups, Space and
Enter. After every key the focused element must show a focus ring; errors must take the focus."""

from __future__ import annotations

import pytest

from survey.domain.questionnaire.journey import steps_for
from tests.e2e.pages import checked_values, wait_for_chart

pytestmark = pytest.mark.e2e

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  return {tag: el.tagName.toLowerCase(), type: el.type || "", id: el.id, name: el.getAttribute("name") || "",
          value: el.value || "", href: el.getAttribute("href") || "", text: el.textContent.trim().slice(0, 60),
          hidden: el.classList.contains("visually-hidden"), visible: el.matches(":focus-visible") && ring};
}"""


def press(page, key: str) -> dict | None:
    """Press a key; the element that has the focus then (if any) must show it."""
    page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    assert focused is None or focused["visible"], f"after {key}, focus is not visible on {focused}"
    assert focused is None or not focused["hidden"], f"after {key}, focus is on a hidden element: {focused}"
    return focused


def press_and_wait(page, key: str) -> None:
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_until(page, wanted, limit: int = 60, key: str = "Tab") -> dict:
    for _ in range(limit):
        focused = press(page, key)
        if focused and wanted(focused):
            return focused
    raise AssertionError(f"{key} never reached the element wanted; last focus on {focused}")


def is_radio(focused: dict) -> bool:
    return focused["type"] == "radio"


def is_next_button(focused: dict) -> bool:
    return focused["tag"] == "button" and focused["value"] == "next"


def choose_in_group(page, mode: int) -> None:
    """With the focus on a group's first radio: Space ticks it, ArrowDown moves and ticks, ArrowUp wraps to the last."""
    if mode == 0:
        press(page, "Space")
    elif mode == 1:
        press(page, "ArrowDown")
        press(page, "ArrowDown")
    else:
        press(page, "ArrowUp")


def expected_values(page, modes: list[int]) -> list[str]:
    """What choose_in_group ticks in each group, read from the radios' order on the page."""
    options = page.eval_on_selector_all(
        "fieldset.question", "groups => groups.map(g => [...g.querySelectorAll('input')].map(i => i.value))"
    )
    return [values[{0: 0, 1: 2, 2: -1}[mode]] for values, mode in zip(options, modes, strict=True)]


def answer_page_by_keyboard(page, page_index: int) -> None:
    """Tab into the first group, tick an answer in each group, leave by the Next button or by Enter on a radio."""
    group_count = page.locator("fieldset.question").count()
    modes = [(page_index + group) % 3 for group in range(group_count)]
    focused = tab_until(page, is_radio)
    for group, mode in enumerate(modes):
        if group:
            focused = press(page, "Tab")
            assert is_radio(focused), f"Tab from a radio group goes to the next group, not to {focused}"
        choose_in_group(page, mode)
    assert checked_values(page) == expected_values(page, modes)
    if page_index % 2:
        press_and_wait(page, "Enter")  # Enter in a radio group submits with the default button: Next
        return
    focused = tab_until(page, is_next_button)
    if page_index > 0:
        assert press(page, "Shift+Tab")["value"] == "back"
        assert is_next_button(press(page, "Tab"))
    press_and_wait(page, "Enter" if page_index % 4 == 0 else "Space")


def test_missing_answers_move_focus_to_a_linked_error_summary(page, server):
    start_by_keyboard(page, server, "executive")
    tab_until(page, is_radio)
    press(page, "Space")
    press_and_wait(page, "Enter")

    focused = page.evaluate(FOCUSED)
    assert focused and focused["id"] == "error-summary" and focused["visible"], focused
    assert page.get_attribute("#error-summary", "role") == "alert"
    groups_in_error = page.locator("fieldset.question.has-error")
    links = page.locator("#error-summary a")
    assert groups_in_error.count() == links.count() == page.locator("fieldset.question").count() - 1
    for group, link in zip(groups_in_error.all(), links.all(), strict=True):
        described_by = group.get_attribute("aria-describedby").split()
        error_text = page.locator(f"#{described_by[0]}")
        assert error_text.get_attribute("class") == "field-error" and error_text.inner_text()
        assert link.get_attribute("href") == "#" + group.get_attribute("id")
        assert link.inner_text() == group.locator("legend").inner_text(), "each link names its question"

    # The summary's first link leads into the first group in error: Tab from there reaches its radios.
    first_link = press(page, "Tab")
    assert first_link["tag"] == "a" and first_link["href"] == "#" + groups_in_error.first.get_attribute("id")
    press(page, "Enter")
    focused = press(page, "Tab")
    assert is_radio(focused) and focused["name"] == groups_in_error.first.get_attribute("id")[2:]


def start_by_keyboard(page, server, profile: str) -> None:
    """From the home page: Tab to the profile's organisation field, type a name, Tab to its button, Enter."""
    page.goto(f"{server.url}/?lang=en")
    tab_until(page, lambda f: f["id"] == f"organisation-{profile}")
    page.keyboard.type("Keyboard Ltd")
    assert "Start" in tab_until(page, lambda f: f["tag"] == "button")["text"]
    press_and_wait(page, "Enter")


def test_a_whole_survey_with_the_keyboard_only(page, server):
    questionnaire = server.app.extensions["questionnaire"]
    start_by_keyboard(page, server, "candidate")
    for index, _step in enumerate(steps_for(questionnaire, "candidate")):
        answer_page_by_keyboard(page, index)
    assert page.url.endswith("/review")
    tab_until(page, lambda f: f["tag"] == "button" and "report" in f["text"])
    press_and_wait(page, "Enter")
    assert page.url.endswith("/report")
    wait_for_chart(page)
    tab_until(page, lambda f: f["href"].endswith("/report.pdf"), limit=80)
