"""What the bench measures. To add a row, append a Scenario; to add a figure that is not a wrk load
(a render time ratio, a scaling curve), append a callable to EXTRA_FIGURES. Nothing else changes.

    SCENARIOS.append(Scenario("consultant dashboard", "/c/{report_token}/", target=0.2))

    from bench.pdf_render import pdf_render_figures
    EXTRA_FIGURES.append(pdf_render_figures)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from bench.aggregation import aggregation_figures
from bench.deliverables import deliverables_figures
from bench.fieldwork import fieldwork_figures
from bench.figures import ExtraFigures
from bench.pages import pages_figures
from bench.pdf_render import pdf_render_figures
from bench.site import Site
from bench.wrk import Load

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Scenario:
    """One row of the table: a request loaded with wrk, its speed as a ratio to hello's in the same run."""

    name: str
    path: str = ""  # with fields of Site.seeded: "/r/{report_token}/report"
    setup: Callable[[Site], Load] | None = None  # instead of path, when the request needs a live page first
    method: str = "GET"
    target: float | None = None  # the lowest acceptable ratio to hello
    expect: int = 200  # the status every answer must have
    optional: bool = False  # a page not built yet: skipped with a note while it answers 404
    reference: bool = False  # served by bench/hello_app.py
    whole: int = 0  # seconds of each whole load (hello's just before it; run.WHOLE_TURNS pairs), not alternating slices

    def load(self, site: Site) -> Load:
        if self.setup is not None:
            return self.setup(site)
        return Load(site.path(self.path), self.method, expect=self.expect)


def session_cookie(site: Site) -> str:
    """The session cookie of the browser that started the response: the landing page's (its CSRF token). The
    survey pages themselves set none: their forms carry their private link's own token."""
    return site.request("GET", "/").cookie()


def survey_page(site: Site) -> Load:
    """The heaviest dimension page with its answers prefilled, as seen mid-survey (with the session cookie)."""
    return Load(site.path("/r/{staff_token}/q/{dimension}"), headers=(("Cookie", session_cookie(site)),))


def page_submit(site: Site) -> Load:
    """Next on that page, every question answered: the page's CSRF token, the session cookie, then 302."""
    path = site.path("/r/{staff_token}/q/{dimension}")
    page = site.request("GET", path)
    form = {**site.seeded["page_answers"], "comment": site.seeded["page_comment"], "csrf_token": page.csrf_token}
    body = urlencode({**form, "action": "next"})
    headers = (("Cookie", session_cookie(site)), ("Content-Type", FORM))
    return Load(path, "POST", body, headers, expect=302)


SCENARIOS: list[Scenario] = [
    Scenario("hello (reference)", "/", reference=True),
    Scenario("landing page", "/"),
    Scenario("survey page (heaviest, prefilled)", setup=survey_page, target=0.25),
    # The same page opened without a session cookie: a private link opened on another device. Its form carries
    # the link's own CSRF token (no session is made), and the page is served in the response's language.
    Scenario("survey page, first view (no cookie)", "/r/{staff_token}/q/{dimension}", target=0.25),
    Scenario("page submit (POST, Next)", setup=page_submit, method="POST", target=0.15),
    Scenario("report", "/r/{report_token}/report", target=0.15),
    Scenario("cached PDF", "/r/{report_token}/report.pdf", target=0.3, optional=True),
    # The heaviest page loaded 10 s at a stretch, not in slices (issue 24: a whole run, as wrk alone measures
    # it), with the session cookie (resuming mid-survey) and without (the private link on another device).
    Scenario("survey page, 10 s whole, with cookie", setup=survey_page, target=0.3, whole=10),
    Scenario("survey page, 10 s whole, no cookie", "/r/{staff_token}/q/{dimension}", target=0.3, whole=10),
]


EXTRA_FIGURES: list[ExtraFigures] = [
    pdf_render_figures,
    aggregation_figures,
    fieldwork_figures,
    deliverables_figures,
    pages_figures,
]
