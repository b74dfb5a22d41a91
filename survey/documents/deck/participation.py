"""The deck's participation slide, when the consultant gave how many people each group has: per group,
responses submitted against the headcount, and the response rate."""

from __future__ import annotations

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from pptx.util import Inches

from survey.documents.deck.pptx_kit import CONTENT, add_slide, add_table
from survey.documents.round.deliverable import Deliverable


def participation_slide(presentation, deliverable: Deliverable) -> None:
    lines = deliverable.report.participation
    if not any(line.headcount for line in lines):
        return
    rows = [[_("Group"), _("Submitted"), _("People in the group"), _("Response rate")]]
    for line in lines:
        rows.append(
            [
                line.group.name,
                format_decimal(line.submitted),
                format_decimal(line.headcount) if line.headcount else "—",
                format_percent(line.response_rate) if line.headcount else "—",
            ]
        )
    notes = "\n".join(f"{row[0]}: {row[1]} / {row[2]} ({row[3]})" for row in rows[1:])
    slide = add_slide(presentation, _("Participation"), notes)
    add_table(slide, CONTENT, rows, size=14, first_width=Inches(4))
