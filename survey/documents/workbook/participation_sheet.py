"""The workbook's participation sheet, when the consultant gave how many people each group has: per group,
responses started and submitted, the headcount and the response rate (submitted / headcount)."""

from __future__ import annotations

from flask_babel import gettext as _

from survey.documents.round.deliverable import Deliverable
from survey.documents.workbook.cells import header, number, text

RATE_FORMAT = "0%"


def has_headcounts(deliverable: Deliverable) -> bool:
    return any(line.headcount for line in deliverable.report.participation)


def participation_sheet(book, deliverable: Deliverable) -> None:
    if not has_headcounts(deliverable):
        return
    sheet = book.create_sheet(_("Participation"))
    titles = [_("Group"), _("Started"), _("Submitted"), _("People in the group"), _("Response rate")]
    header(sheet, titles, [34, 12, 12, 20, 16], deliverable.footer)
    for line in deliverable.report.participation:
        sheet.append(
            [
                text(sheet, line.group.name),
                line.started,
                line.submitted,
                line.headcount,
                number(sheet, line.response_rate, RATE_FORMAT),
            ]
        )
