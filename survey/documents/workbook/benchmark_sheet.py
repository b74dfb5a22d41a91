"""The workbook's benchmark sheet: the round's all-respondents scores against the pool cell the consultant
picked, per practice and overall (this round, median, 25th and 75th percentiles); below k, how many so far."""

from __future__ import annotations

from flask_babel import gettext as _

from survey.documents.round.deliverable import Deliverable
from survey.documents.workbook.cells import header, text


def benchmark_sheet(book, deliverable: Deliverable) -> None:
    benchmark = deliverable.benchmark
    if benchmark is None:
        return
    sheet = book.create_sheet(_("Benchmark"))
    titles = [_("Practice"), _("This round"), _("Median"), _("25th percentile"), _("75th percentile")]
    header(sheet, titles, [34, 14, 12, 18, 18], deliverable.footer)
    for row in benchmark["rows"]:
        sheet.append([text(sheet, row[0]), *row[1:]])
    sheet.append([])
    sheet.append([text(sheet, benchmark["sentence"])])
    if benchmark["demo"]:
        sheet.append([text(sheet, _("Demo data: this pool is synthetic."))])
