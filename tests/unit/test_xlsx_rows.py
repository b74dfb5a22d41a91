"""Rows spliced into a saved workbook read back as the same text, numbers and dates (openpyxl reads them)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from survey.documents.workbook.xlsx_rows import SharedStrings, splice_rows


def saved_workbook(write_only: bool = True) -> bytes:
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)
    sheet = book.create_sheet("Responses")
    sheet.append(["Group", "When"])
    when = WriteOnlyCell(sheet, value=datetime(2026, 11, 29, 9, 30)) if write_only else datetime(2026, 11, 29, 9, 30)
    if write_only:
        when.number_format = "yyyy-mm-dd hh:mm"
    sheet.append(["First", when])
    if not write_only:
        sheet["B2"].number_format = "yyyy-mm-dd hh:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("write_only", [True, False], ids=["no shared strings yet", "shared strings already"])
def test_spliced_rows_keep_hostile_text_as_text_and_dates_as_dates(write_only):
    hostile = ['=HYPERLINK("http://evil.example")', "<b>&amp; \x01", None, "First", '=HYPERLINK("http://evil.example")']
    later = datetime(2026, 11, 30, 18, 5)
    texts = SharedStrings()
    rows = [((texts.id(text),), later, ()) for text in hostile]
    data = splice_rows(saved_workbook(write_only), 1, "B", 2, rows, texts)
    sheet = load_workbook(io.BytesIO(data))["Responses"]
    read = list(sheet.iter_rows(min_row=3))
    assert [r[0].value for r in read] == [
        '=HYPERLINK("http://evil.example")',
        "<b>&amp; ",
        None,
        "First",
        '=HYPERLINK("http://evil.example")',
    ]
    assert read[0][0].data_type == "s"
    assert all(r[1].value == later for r in read)
    assert sheet.max_row == 7
    assert sheet["A1"].value == "Group" and sheet["A2"].value == "First"  # openpyxl's own cells untouched


def test_a_text_repeated_on_every_row_is_written_once():
    texts = SharedStrings()
    label = "Validation takes a week or more"
    rows = [((texts.id(label),), datetime(2026, 11, 30), ()) for _ in range(1000)]
    data = splice_rows(saved_workbook(), 1, "B", 2, rows, texts)
    parts = zipfile.ZipFile(io.BytesIO(data))
    assert parts.read("xl/sharedStrings.xml").decode().count(label) == 1
    assert label not in parts.read("xl/worksheets/sheet1.xml").decode()
    assert load_workbook(io.BytesIO(data))["Responses"]["A1002"].value == label
