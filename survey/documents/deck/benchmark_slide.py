"""The deck's benchmark slide: the round's all-respondents scores against the pool cell the consultant picked
(this round, median, middle half), or how many organisations so far below k."""

from __future__ import annotations

from flask_babel import gettext as _
from pptx.util import Inches

from survey.documents.deck.pptx_kit import CONTENT, Box, add_slide, add_table, text_box
from survey.documents.round.deliverable import Deliverable


def benchmark_slide(presentation, deliverable: Deliverable) -> None:
    benchmark = deliverable.benchmark
    if benchmark is None:
        return
    lines = [benchmark["sentence"]] + ([_("Demo data: this pool is synthetic.")] if benchmark["demo"] else [])
    rows = [[_("Practice"), _("This round"), _("Median"), _("Middle half")]]
    rows += [
        [title, str(own if own is not None else "–"), str(p50), f"{p25}–{p75}"]
        for title, own, p50, p25, p75 in benchmark["rows"]
    ]
    notes = "\n".join([*lines, *(" · ".join(row) for row in rows[1:])])
    slide = add_slide(presentation, _("Compared with the benchmark"), notes)
    text_box(slide, Box(CONTENT.left, CONTENT.top, CONTENT.width, Inches(0.6)), lines, size=16)
    if len(rows) > 1:
        table_box = Box(CONTENT.left, CONTENT.top + Inches(0.7), CONTENT.width, CONTENT.height - Inches(0.7))
        add_table(slide, table_box, rows, size=14, first_width=Inches(5))
