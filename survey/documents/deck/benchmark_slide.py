"""The deck's benchmark slide (the round's all-respondents scores against the pool cell the consultant picked)
and portfolio slide (against the consultant's other clients): this round, median, middle half; or how many so
far below k."""

from __future__ import annotations

from flask_babel import gettext as _
from pptx.util import Inches

from survey.documents.deck.pptx_kit import CONTENT, Box, add_slide, add_table, text_box
from survey.documents.round.deliverable import Deliverable


def benchmark_slide(presentation, deliverable: Deliverable) -> None:
    benchmark = deliverable.benchmark
    if benchmark is not None:
        demo = [_("Demo data: this pool is synthetic.")] if benchmark["demo"] else []
        comparison_slide(presentation, _("Compared with the benchmark"), [benchmark["sentence"], *demo], benchmark)


def portfolio_slide(presentation, deliverable: Deliverable) -> None:
    """The client against the consultant's other clients (from 5 of them; below, how many so far)."""
    portfolio = deliverable.portfolio
    if portfolio is not None:
        comparison_slide(presentation, _("Compared with other clients"), [portfolio["sentence"]], portfolio)


def comparison_slide(presentation, title: str, lines: list[str], comparison: dict) -> None:
    rows = [[_("Practice"), _("This round"), _("Median"), _("Middle half")]]
    rows += [
        [practice, str(own if own is not None else "–"), str(p50), f"{p25}–{p75}"]
        for practice, own, p50, p25, p75 in comparison["rows"]
    ]
    notes = "\n".join([*lines, *(" · ".join(row) for row in rows[1:])])
    slide = add_slide(presentation, title, notes)
    text_box(slide, Box(CONTENT.left, CONTENT.top, CONTENT.width, Inches(0.6)), lines, size=16)
    if len(rows) > 1:
        table_box = Box(CONTENT.left, CONTENT.top + Inches(0.7), CONTENT.width, CONTENT.height - Inches(0.7))
        add_table(slide, table_box, rows, size=14, first_width=Inches(5))
