"""The workbook's cells: text always as text (never parsed as a formula), numbers as numbers, one header style."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from survey.domain.plain_text import xml_text

SCORE_FORMAT = "0.0"
DATE_FORMAT = "yyyy-mm-dd"  # the day only, as the exports give it (a time could name who submitted)
BOLD = Font(name="Calibri", bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E5E7EB")
WRAP = Alignment(wrap_text=True, vertical="top")


def text(sheet, value: str, bold: bool = False) -> WriteOnlyCell:
    """A text cell whatever the text: its type is set after the value, so no formula is ever recognised;
    without the characters XML forbids."""
    cell = WriteOnlyCell(sheet, value=xml_text(value))
    cell.data_type = "s"
    if bold:
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
    return cell


def number(sheet, value: float | int | None, number_format: str = SCORE_FORMAT) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None:
        cell.number_format = number_format
    return cell


def header(sheet, titles: Sequence[str], widths: Sequence[float], footer: str, fit_width: bool = True) -> None:
    """The confidentiality line, the header row (frozen, filtered) and the column widths."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(titles))}2"
    sheet.oddFooter.center.text = footer
    sheet.page_setup.orientation = "landscape"
    if fit_width:  # printed: one page wide, as many long as it takes
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.append([text(sheet, footer)])
    sheet.append([text(sheet, title, bold=True) for title in titles])
