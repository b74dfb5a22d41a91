"""A row-level sheet written fast: thousands of rows of text cells, spliced into a workbook openpyxl saved.

openpyxl builds a cell object per value (about 10 microseconds each): a round of 10,000 responses is
570,000 cells, 5 seconds of CPU. Here each distinct text is written once, in the workbook's shared strings
(the choice labels of a question repeat on every row: inline strings made a 67 MB sheet and a 9.4 MB file
for 10,000 responses, shared strings 1.1 MB), a cell is a reference to it, a row a join of those pieces,
and the rows go into the saved sheet just before its end, in a copy of the file. Every cell is a shared
string or a number with the date style openpyxl registered for the sheet's first data row, which it writes
itself: text is never parsed, so nothing a respondent or a consultant typed can become a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from survey.domain.plain_text import xml_text

EPOCH = datetime(1899, 12, 30)  # day 0 of a spreadsheet's date serials
EMPTY = "<c/>"
NO_TEXT = -1  # a string id that is an empty cell
SHARED_STRINGS = "xl/sharedStrings.xml"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class SharedStrings:
    """The distinct texts of the spliced rows, numbered in order of first use."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, value: str | None) -> int:
        if value is None:
            return NO_TEXT
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.ids)
        return found


# A spliced row: string ids before the date, the date, string ids after it (NO_TEXT: an empty cell).
SplicedRow = tuple[Sequence[int], datetime, Sequence[int]]


def date_xml(moment: datetime, style: str) -> str:
    return f'<c s="{style}"><v>{(moment - EPOCH).total_seconds() / 86400!r}</v></c>'


def rows_xml(rows: Sequence[SplicedRow], first_row: int, style: str, cells: list[str]) -> str:
    """The rows' XML; `cells[i]` is the cell of string id i (and cells[-1] the empty cell)."""
    pick = cells.__getitem__
    return "".join(
        f'<row r="{number}">{"".join(map(pick, before))}{date_xml(moment, style)}{"".join(map(pick, after))}</row>'
        for number, (before, moment, after) in enumerate(rows, start=first_row + 1)
    )


def shared_strings_xml(existing: str | None, texts: Sequence[str]) -> tuple[str, int]:
    """The shared strings part with `texts` appended, and the id the first of them got."""
    items = "".join(f'<si><t xml:space="preserve">{escape(xml_text(t))}</t></si>' for t in texts)
    if existing is None:
        return f'<sst xmlns="{SST_NS}" uniqueCount="{len(texts)}">{items}</sst>', 0
    offset = existing.count("<si>") + existing.count("<si ")
    existing = re.sub(r'(count|uniqueCount)="\d+"', lambda m: f'{m.group(1)}="{offset + len(texts)}"', existing)
    return existing.replace("</sst>", items + "</sst>"), offset


def splice_rows(
    workbook: bytes,
    sheet_number: int,
    date_column: str,
    first_row: int,
    rows: Sequence[SplicedRow],
    texts: SharedStrings,
) -> bytes:
    """Put `rows` at the end of a saved sheet, their texts in the workbook's shared strings.

    The date style is the one openpyxl gave the date cell of `first_row`, which it wrote itself."""
    name = f"xl/worksheets/sheet{sheet_number}.xml"
    source = zipfile.ZipFile(io.BytesIO(workbook))
    names = source.namelist()
    sheet = source.read(name).decode("utf-8")
    style = re.search(rf'<c r="{date_column}{first_row}" s="(\d+)"', sheet).group(1)
    existing = source.read(SHARED_STRINGS).decode("utf-8") if SHARED_STRINGS in names else None
    strings, offset = shared_strings_xml(existing, list(texts.ids))
    cells = [f'<c t="s"><v>{offset + i}</v></c>' for i in range(len(texts.ids))] + [EMPTY]
    last = sheet.rindex("</sheetData>")
    sheet = sheet[:last] + rows_xml(rows, first_row, style, cells) + sheet[last:]
    sheet = re.sub(r'(<dimension ref="[A-Z]+\d+:[A-Z]+)\d+"', rf'\g<1>{first_row + len(rows)}"', sheet, count=1)
    changed = {name: sheet, SHARED_STRINGS: strings}
    if existing is None:
        changed["[Content_Types].xml"] = (
            source.read("[Content_Types].xml")
            .decode("utf-8")
            .replace("</Types>", f'<Override PartName="/{SHARED_STRINGS}" ContentType="{SST_TYPE}"/></Types>')
        )
        changed["xl/_rels/workbook.xml.rels"] = (
            source.read("xl/_rels/workbook.xml.rels")
            .decode("utf-8")
            .replace(
                "</Relationships>",
                f'<Relationship Type="{SST_RELATION}" Target="/{SHARED_STRINGS}" Id="rIdShared"/></Relationships>',
            )
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            target.writestr(
                item.filename,
                changed.pop(item.filename).encode("utf-8") if item.filename in changed else source.read(item.filename),
            )
        for filename, data in changed.items():  # the shared strings, when openpyxl wrote none
            target.writestr(filename, data.encode("utf-8"))
    return out.getvalue()
