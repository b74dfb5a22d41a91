"""The workbook's progress since round n-1: for all respondents and each group shown in both rounds, every
practice's change with its noise band and the report's verdict (ScoreChange.verdict, in the reader's
language): a move inside the noise reads "no clear change" here as on the web page, the PDF and the deck.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from survey.documents.round.deliverable import Deliverable
from survey.documents.round.progress_words import noise_note, verdict_text
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import practice_name
from survey.documents.workbook.cells import header, number, text

CHANGE_FORMAT = '+0.0;"−"0.0;0.0'  # a true minus sign, as on the web page
NOISE_FORMAT = '"±"0.0'


def progress_sheet(book, deliverable: Deliverable) -> None:
    """One row per group and practice (then overall): both rounds' scores, the change, the noise, the verdict."""
    report = deliverable.report
    if report.previous_round is None:
        return
    sheet = book.create_sheet(_("Progress"))
    before, after = report.previous_round.number, report.round.number
    titles = [
        _("Group"),
        _("Practice"),
        _("Round %(number)d", number=before),
        _("Round %(number)d", number=after),
        _("Change"),
        _("Noise"),
        _("Verdict"),
        _("Respondents, round %(number)d", number=before),
        _("Respondents, round %(number)d", number=after),
    ]
    header(sheet, titles, [28, 32, 10, 10, 10, 10, 24, 14, 14], deliverable.footer)
    for row in report.synthesis.progress:
        name = _("All respondents") if row.key == "all" else group_label(row)
        for change in (*row.changes[1:], row.overall):
            sheet.append(
                [
                    text(sheet, name),
                    text(sheet, practice_name(deliverable, change.key)),
                    number(sheet, change.previous),
                    number(sheet, change.current),
                    number(sheet, change.change, CHANGE_FORMAT),
                    number(sheet, change.noise, NOISE_FORMAT),
                    text(sheet, verdict_text(change.verdict)),
                    row.previous_responses,
                    row.current_responses,
                ]
            )
    sheet.append([])
    if not report.synthesis.progress:
        sheet.append(
            [
                text(
                    sheet,
                    _(
                        "Progress is shown once both rounds have at least %(count)d submitted responses.",
                        count=report.threshold,
                    ),
                )
            ]
        )
    for sentence in re.split(r"(?<=\.) ", noise_note()):  # one a line: within the table's width when printed
        sheet.append([text(sheet, sentence)])
