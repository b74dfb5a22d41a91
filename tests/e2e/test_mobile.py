"""Every page type on a 375-pixel-wide phone: no sideways scrolling, thumb-sized buttons, a readable radar."""

from __future__ import annotations

import pytest

from survey.domain.questionnaire.languages import LANGUAGES
from tests.e2e.pages import PAGE_TYPES, open_page_type

pytestmark = pytest.mark.e2e

PHONE_WIDTH = 375
MIN_TARGET_HEIGHT = 44
MIN_RADAR_WIDTH = 300

# Buttons, and links or controls that look like one; the visually-hidden default Next button is left out.
SMALL_BUTTONS = """(minimum) => [...document.querySelectorAll(
    "button, input[type=submit], input[type=button], a.button, .language-switch a, .edit-link")]
  .filter(el => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; })
  .filter(el => el.getBoundingClientRect().height < minimum)
  .map(el => `${el.outerHTML.slice(0, 80)}: ${el.getBoundingClientRect().height}px`)"""

RADAR = """() => {
  const holder = document.getElementById("radar-chart").getBoundingClientRect();
  const svg = document.querySelector("#radar-chart svg.main-svg").getBoundingClientRect();
  const labels = "#radar-chart .angularaxistick text, #radar-chart .radialaxistick text";
  const outside = [...document.querySelectorAll(labels)]
    .filter(t => { const r = t.getBoundingClientRect();
      return r.left < holder.left || r.right > holder.right || r.top < holder.top || r.bottom > holder.bottom; })
    .map(t => t.textContent);
  const sizes = [...document.querySelectorAll("#radar-chart .angularaxistick text")]
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  return {width: svg.width, outside, smallestFont: Math.min(...sizes)};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_fits_a_phone(mobile_page, server, page_type, lang):
    page = mobile_page
    open_page_type(page, server, page_type, lang)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, "the page scrolls sideways"
    assert page.evaluate(SMALL_BUTTONS, MIN_TARGET_HEIGHT) == []
    if page_type.startswith("report"):
        radar = page.evaluate(RADAR)
        assert radar["width"] >= MIN_RADAR_WIDTH
        assert radar["outside"] == [], "labels cut at the edge of the chart"
        assert radar["smallestFont"] >= 10
