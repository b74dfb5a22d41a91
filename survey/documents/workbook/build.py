"""The round's Excel workbook (openpyxl, write-only: rows stream to the file, whatever the round's size).

Sheets: scores by group and practice, statistics per practice, perception gaps, the comments chosen,
and the row-level responses under the same anonymity rule as the CSV export. Numbers are number cells,
dates date cells. Text that comes from people (group names, comments, the client's name) is always
written as a text cell, never parsed: "=HYPERLINK(...)" stays those characters, whatever it starts with.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from survey.documents.round.deliverable import Deliverable, day_text
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import answer_label, practice_name
from survey.documents.workbook import heat_key
from survey.documents.workbook.benchmark_sheet import benchmark_sheet
from survey.documents.workbook.cells import WRAP, header, number, text
from survey.documents.workbook.participation_sheet import participation_sheet
from survey.documents.workbook.progress_sheet import progress_sheet
from survey.documents.workbook.responses_sheet import responses_sheet
from survey.documents.workbook.xlsx_rows import splice_rows
from survey.domain.fieldwork.curation import RoundComment, representative_first
from survey.domain.rounds.aggregate_types import consensus
from survey.domain.rounds.export_rows import ExportedResponse

LOGO_BOX = (240, 90)  # pixels a logo fits in on the cover sheet
FIRST_RESPONSE_ROW = 3  # under the confidentiality line and the header


def build_workbook(
    deliverable: Deliverable, responses: Iterable[ExportedResponse], comments: Sequence[RoundComment] | None = None
) -> bytes:
    """The .xlsx file of the round, in the deliverable's language (call inside force_locale); `comments`: every
    comment that reaches the documents, with its group and the consultant's choice (else the report's)."""
    book = Workbook(write_only=True)
    book.properties.title = deliverable.footer
    book.properties.creator = deliverable.firm_name or "Readiness Scorecard"
    cover_sheet(book, deliverable)
    if deliverable.report.aggregate.has_results:
        scores_sheet(book, deliverable)
        statistics_sheet(book, deliverable)
        gaps_sheet(book, deliverable)
        gap_answers_sheet(book, deliverable)
        progress_sheet(book, deliverable)
        recommendations_sheet(book, deliverable)
        comments_sheet(book, deliverable, comments)
    participation_sheet(book, deliverable)
    benchmark_sheet(book, deliverable)
    more_rows, texts = responses_sheet(book, deliverable, responses)  # the last sheet: splice_rows fills it
    out = io.BytesIO()
    book.save(out)
    if not more_rows:
        return out.getvalue()
    return splice_rows(out.getvalue(), len(book.worksheets), "C", FIRST_RESPONSE_ROW, more_rows, texts)


def cover_sheet(book, deliverable: Deliverable) -> None:
    """What the workbook is, for whom and by whom: the title, the round's dates, the firm and both logos."""
    sheet = book.create_sheet(_("Cover"))
    sheet.column_dimensions["A"].width = 90
    sheet.oddFooter.center.text = deliverable.footer
    report = deliverable.report
    title = _("%(client)s: readiness, round %(number)d", client=deliverable.client, number=report.round.number)
    heading = text(sheet, title)
    heading.font = Font(name="Calibri", bold=True, size=16)
    lines = [
        _("Round opened %(date)s", date=day_text(report.round.opened_at)),
        _("Document made on %(date)s", date=day_text(deliverable.made_on)),
        deliverable.firm_name,
        deliverable.footer,
    ]
    sheet.append([heading])
    for line in lines:
        sheet.append([text(sheet, line)])
    for anchor, logo in (("A7", deliverable.client_logo), ("A13", deliverable.firm_logo)):
        if logo:
            image = Image(io.BytesIO(logo))
            scale = min(LOGO_BOX[0] / image.width, LOGO_BOX[1] / image.height, 1)
            image.width, image.height = round(image.width * scale), round(image.height * scale)
            sheet.add_image(image, anchor)


def scores_sheet(book, deliverable: Deliverable) -> None:
    sheet = book.create_sheet(_("Scores"))
    aggregate = deliverable.report.aggregate
    practices = list(deliverable.practices())
    titles = [_("Group"), _("Respondents"), *(deliverable.title(p.title) for p in practices), _("Overall")]
    header(sheet, titles, [28, 12, *[16] * len(practices), 12], deliverable.footer)
    for group in aggregate.groups:
        scores = [group.dimensions.get(p.id) for p in practices]
        sheet.append(
            [
                text(sheet, group_label(group)),
                group.responses,
                *(number(sheet, s) for s in scores),
                number(sheet, group.overall),
            ]
        )
    everyone = [aggregate.dimension_mean(p.id) for p in practices]
    overall = aggregate.overall.mean if aggregate.overall else None
    sheet.append(
        [
            text(sheet, _("All respondents")),
            aggregate.respondents,
            *(number(sheet, s) for s in everyone),
            number(sheet, overall),
        ]
    )
    last_row = 2 + len(aggregate.groups) + 1
    heat_key.level_rules(sheet, f"C3:{get_column_letter(len(titles))}{last_row}", deliverable)
    heat_key.colour_key(sheet, deliverable)


def statistics_sheet(book, deliverable: Deliverable) -> None:
    sheet = book.create_sheet(_("Statistics"))
    aggregate = deliverable.report.aggregate
    names = {"strong": _("strong"), "moderate": _("moderate"), "weak": _("weak")}
    titles = [_("Practice"), _("Respondents"), _("Mean"), _("Min"), _("Max"), _("Standard deviation"), _("Consensus")]
    header(sheet, titles, [40, 12, 10, 10, 10, 20, 14], deliverable.footer)
    rows = [(deliverable.title(p.title), aggregate.dimensions.get(p.id)) for p in deliverable.practices()]
    rows.append((_("Overall"), aggregate.overall))
    for name, spread in rows:
        if spread is None:
            sheet.append([text(sheet, name), 0])
            continue
        level = consensus(spread)
        sheet.append(
            [
                text(sheet, name),
                spread.n,
                *(number(sheet, v) for v in (spread.mean, spread.min, spread.max, spread.stdev)),
                text(sheet, names[level] if level else "—"),
            ]
        )


def gaps_sheet(book, deliverable: Deliverable) -> None:
    sheet = book.create_sheet(_("Perception gaps"))
    titles = [
        _("Practice"),
        _("Question"),
        _("Higher group"),
        _("Its score"),
        _("Lower group"),
        _("Its score"),
        _("Difference"),
    ]
    header(sheet, titles, [32, 60, 24, 10, 24, 10, 12], deliverable.footer)
    questionnaire = deliverable.questionnaire
    for gap in deliverable.report.aggregate.gaps:
        practice = deliverable.title(questionnaire.dimension(gap.dimension_id).title)
        high, low = group_label(gap.high), group_label(gap.low)
        scores = (gap.high.dimensions[gap.dimension_id], gap.low.dimensions[gap.dimension_id])
        sheet.append(
            [
                text(sheet, practice),
                text(sheet, ""),
                text(sheet, high),
                number(sheet, scores[0]),
                text(sheet, low),
                number(sheet, scores[1]),
                number(sheet, gap.difference),
            ]
        )
        for question in gap.questions:
            wording = deliverable.title(questionnaire.questions_by_id[question.question_id].text)
            sheet.append(
                [
                    text(sheet, practice),
                    text(sheet, wording),
                    text(sheet, high),
                    number(sheet, question.high),
                    text(sheet, low),
                    number(sheet, question.low),
                    number(sheet, question.difference),
                ]
            )


def gap_answers_sheet(book, deliverable: Deliverable) -> None:
    """The gaps in the groups' own answers: per gap question, each shown group's respondents per answer."""
    sheet = book.create_sheet(_("Answers in the gaps"))
    titles = [_("Gap"), _("Practice"), _("Question"), _("Group"), _("Answer"), _("Respondents"), _("Of")]
    header(sheet, titles, [8, 32, 60, 24, 48, 12, 8], deliverable.footer)
    for item in deliverable.report.synthesis.gaps:
        practice = practice_name(deliverable, item.gap.dimension_id)
        for question in item.questions:
            wording = deliverable.title(deliverable.questionnaire.questions_by_id[question.question_id].text)
            for answers in question.groups:
                for value, count in answers.counts.items():
                    label = answer_label(deliverable, question.question_id, value)
                    row = [
                        item.rank,
                        text(sheet, practice),
                        text(sheet, wording),
                        text(sheet, group_label(answers.group)),
                    ]
                    sheet.append([*row, text(sheet, label), count, answers.total])


def recommendations_sheet(book, deliverable: Deliverable) -> None:
    """The roadmap: each recommended action, its horizon, owner and effort, and the share of respondents behind it."""
    sheet = book.create_sheet(_("Recommendations"))
    titles = [_("Within (days)"), _("Practice"), _("Action"), _("Owner"), _("Effort"), _("Share of respondents")]
    header(sheet, titles, [14, 32, 80, 28, 10, 14], deliverable.footer)
    questionnaire = deliverable.questionnaire
    efforts = {"low": _("low"), "medium": _("medium"), "high": _("high")}
    for item in deliverable.report.synthesis.recommendations:
        improvement = item.improvement
        share = number(sheet, item.share, "0%")
        sheet.append(
            [
                improvement.horizon_days,
                text(sheet, practice_name(deliverable, item.dimension_id)),
                text(sheet, deliverable.title(improvement.action)),
                text(sheet, deliverable.title(questionnaire.owner(improvement.owner).name)),
                text(sheet, efforts.get(improvement.effort, improvement.effort)),
                share,
            ]
        )


def comment_status(comment: RoundComment) -> str:
    if comment.redacted is not None:
        return _("Edited by the consultant")
    if comment.excluded is None:
        return _("Included by default, not reviewed")
    return _("Chosen by the consultant")


def comments_sheet(book, deliverable: Deliverable, comments: Sequence[RoundComment] | None) -> None:
    """Every comment that reaches the client, grouped by practice (the page it was written on), the most
    representative first as on the slides, with its group (when the group is shown) and how it was chosen."""
    sheet = book.create_sheet(_("Comments"))
    header(sheet, [_("Practice"), _("Comment"), _("Group"), _("Status")], [32, 100, 24, 30], deliverable.footer)
    for practice in deliverable.practices():
        if comments is None:
            lines = [(text, "", "") for text in deliverable.report.comments.get(practice.id, ())]
        else:
            lines = [
                (c.delivered_text, c.group_label or _("not named (small group)"), comment_status(c))
                for c in comments
                if c.dimension_id == practice.id and c.included
            ]
        order = {t: i for i, t in enumerate(representative_first([line[0] for line in lines]))}
        for comment, group, status in sorted(lines, key=lambda line: order[line[0]]):
            cell = text(sheet, comment)
            cell.alignment = WRAP
            sheet.append(
                [text(sheet, deliverable.title(practice.title)), cell, text(sheet, group), text(sheet, status)]
            )
