"""axe-core on every page type in both languages: no violation of WCAG 2.1 A and AA."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.domain.questionnaire.languages import LANGUAGES
from tests.e2e.pages import PAGE_TYPES, open_page_type

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` +
    v.nodes.map(n => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`).join("\\n"));
}"""


def axe_violations(page) -> list[str]:
    return page.evaluate(RUN_AXE, WCAG_TAGS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_wcag_violation(page, server, page_type, lang):
    # An init script rather than a <script> tag: the site's CSP (script-src 'self') would block an inline one.
    page.add_init_script(path=AXE)
    open_page_type(page, server, page_type, lang)
    violations = axe_violations(page)
    assert not violations, f"{page_type} ({lang}): " + "\n".join(violations)
