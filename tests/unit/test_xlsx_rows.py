"""Rows spliced into a saved workbook read back as the same text, numbers and dates (openpyxl reads them)."""

from __future__ import annotations

import io
from datetime import datetime
from functools import partial

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from survey.documents.workbook.xlsx_rows import date_xml, row_xml, splice_rows, text_xml


def saved_workbook() -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.append(["Group", "When"])
    when = WriteOnlyCell(sheet, value=datetime(2026, 11, 29, 9, 30))
    when.number_format = "yyyy-mm-dd hh:mm"
    sheet.append(["First", when])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(text: str | None, moment: datetime, number: int, style: str) -> str:
    return row_xml(number, [text_xml(text), date_xml(moment, style)])


def test_spliced_rows_keep_hostile_text_as_text_and_dates_as_dates():
    hostile = ['=HYPERLINK("http://evil.example")', "<b>&amp; \x01", None]
    later = datetime(2026, 11, 30, 18, 5)
    data = splice_rows(saved_workbook(), 1, "B", 2, [partial(row, text, later) for text in hostile])
    sheet = load_workbook(io.BytesIO(data))["Responses"]
    rows = list(sheet.iter_rows(min_row=3))
    assert [r[0].value for r in rows] == ['=HYPERLINK("http://evil.example")', "<b>&amp; ", None]
    assert rows[0][0].data_type == "s"
    assert all(r[1].value == later for r in rows)
    assert sheet.max_row == 5
