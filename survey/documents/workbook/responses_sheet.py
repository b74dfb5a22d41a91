"""The workbook's responses sheet: one row per submitted response, under the CSV export's anonymity rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from flask_babel import gettext as _
from openpyxl.cell import WriteOnlyCell

from survey.documents.round.deliverable import Deliverable
from survey.documents.workbook.cells import DATE_FORMAT, header, text
from survey.documents.workbook.xlsx_rows import SharedStrings, SplicedRow
from survey.domain.questionnaire.model import DONT_KNOW
from survey.domain.rounds.export_rows import ExportedResponse


def responses_sheet(
    book, deliverable: Deliverable, responses: Iterable[ExportedResponse]
) -> tuple[list[SplicedRow], SharedStrings]:
    """One row per submitted response, as the CSV export has them: the question ids in the header, the
    choices' labels in the cells (codes a person cannot read are in the CSV), the time as a date.

    openpyxl writes the first row; the others are returned, with their texts, for xlsx_rows.splice_rows."""
    sheet = book.create_sheet(_("Responses"))
    questions = list(deliverable.questionnaire.questions_by_id.values())
    ids = [q.id for q in questions]
    titles = [_("Group"), _("Profile"), _("Submitted on"), *(q.id for q in questions)]
    header(sheet, titles, [24, 12, 18, *[14] * len(questions)], deliverable.footer, fit_width=False)
    labels = {(q.id, c.value): deliverable.title(c.label) for q in questions for c in q.choices}
    labels |= {(q.id, DONT_KNOW): _("Don't know") for q in questions}
    profiles = {p.id: deliverable.title(p.name) for p in deliverable.questionnaire.profiles}
    other = _("Other groups")
    rows = iter(responses)
    first = next(rows, None)
    if first is None:
        return [], SharedStrings()
    submitted = WriteOnlyCell(sheet, value=day_start(first.submitted_on))
    submitted.number_format = DATE_FORMAT
    sheet.append(
        [
            text(sheet, first.group or other),
            text(sheet, profiles.get(first.profile, first.profile)) if first.profile else None,
            submitted,
            *(
                text(sheet, labels.get((q.id, first.answers[q.id]))) if q.id in first.answers else None
                for q in questions
            ),
        ]
    )
    texts = SharedStrings()
    empty = texts.id(None)
    cells = [(q, {value: texts.id(label) for (qid, value), label in labels.items() if qid == q}) for q in ids]
    names: dict[str | None, int] = {}
    spliced: list[SplicedRow] = []
    for response in rows:
        group = names.get(response.group)
        if group is None:
            group = names[response.group] = texts.id(response.group or other)
        profile = texts.id(profiles.get(response.profile, response.profile) if response.profile else None)
        answers = response.answers
        spliced.append(
            (
                (group, profile),
                day_start(response.submitted_on),
                [by_value.get(answers.get(q), empty) for q, by_value in cells],
            )
        )
    return spliced, texts


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)
