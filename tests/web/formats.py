"""Readers for the cross-format agreement test: what a person (or a program) reads in each of a round's
documents, as plain values. Each reader opens the document as its reader would: the web page's HTML, the
PDF's text (pypdf) and its cell colours, the deck (python-pptx), the workbook (openpyxl)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

NUMBER = re.compile(r"[−+-]?\d[\d\u202f\u00a0 ]*[.,]\d\b")


def squeeze(text: str) -> str:
    """Whitespace as a reader ignores it: any run of spaces and line breaks is one space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


@dataclass
class Seen:
    """What one format shows: groups, heatmap cells ((row, group) -> (text, level id)), the gaps in order
    (as the format words them), progress verdicts ((group, practice) -> words), recommended actions."""

    groups: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)
    gaps: list[tuple] = field(default_factory=list)
    verdicts: dict[tuple[str, str], str] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)


# --- The web page -------------------------------------------------------------------------------------------


def text_of(element) -> str:
    return squeeze(element.text_content())


def web_report(page: str, levels_by_name: dict[str, str]) -> Seen:
    """The round report page: heatmap (its cells' titles name their level), gaps, progress, recommendations."""
    tree = lxml_html.fromstring(page)
    seen = Seen()
    heat = tree.xpath("//table[contains(@class, 'heatmap')]")
    if heat:
        heads = [text_of(th) for th in heat[0].xpath("./thead/tr/th")][1:]
        seen.groups = [re.sub(r" \(\d+\)$", "", head) for head in heads[:-1]]
        for row in heat[0].xpath("./tbody/tr"):
            practice = text_of(row.xpath("./th")[0])
            for head, td in zip(seen.groups + ["*"], row.xpath("./td"), strict=True):
                title = td.get("title")
                seen.cells[practice, head] = (text_of(td), levels_by_name.get(title) if title else None)
    for article in tree.xpath("//article[@class='answer-gap']"):
        heading = text_of(article.xpath("./h3")[0])
        seen.gaps.append((heading, text_of(article.xpath("./p[@class='gap-means']")[0])))
    for row in tree.xpath("//table[contains(@class, 'other-gaps')]/tbody/tr"):
        seen.gaps.append(tuple(text_of(cell) for cell in row.xpath("./th|./td")))
    group_table = tree.xpath("//table[contains(@class, 'group-progress')]")
    if group_table:
        for row in group_table[0].xpath("./tbody/tr"):
            group = text_of(row.xpath("./th")[0])
            seen.verdicts[group, "overall"] = text_of(row.xpath("./td[contains(@class, 'verdict')]")[0])
        matrix = tree.xpath("//table[contains(@class, 'practice-progress')]")[0]
        heads = [text_of(th) for th in matrix.xpath("./thead/tr/th")][1:]
        for row in matrix.xpath("./tbody/tr"):
            practice = text_of(row.xpath("./th")[0])
            for head, td in zip(heads, row.xpath("./td"), strict=True):
                verdict = td.xpath(".//span[@class='verdict']")
                seen.verdicts[head, practice] = text_of(verdict[0]) if verdict else "—"
    seen.actions = [text_of(strong) for strong in tree.xpath("//p[@class='recommendation-action']/strong")]
    return seen


# --- The PDF ------------------------------------------------------------------------------------------------


def pdf_pages(data: bytes) -> tuple[list, list[str]]:
    """The PDF's pages and each page's text."""
    pages = PdfReader(io.BytesIO(data)).pages
    return pages, [page.extract_text() for page in pages]


def pdf_text(texts: list[str]) -> str:
    """The pages' text as read: a line broken after a word's own hyphen ("pré-" / "approuvé") joined again."""
    return squeeze(re.sub(r"(?<=\w-)\n(?=\w)", "", " ".join(texts)))


def pdf_fills_under_numbers(pages, texts: list[str], caption: str) -> list[tuple[str, str | None]]:
    """Every number printed with one decimal on the pages from the one that shows `caption` (the heatmap's)
    to the next, in reading order, and the fill colour (hex RGB) of the smallest rectangle painted under it
    (None: no fill), read from the pages' drawing operators."""
    first = next((i for i, text in enumerate(texts) if caption in squeeze(text)), None)
    if first is None:
        return []
    found = []
    for page in pages[first : first + 2]:
        fills, texts_at = page_fills_and_texts(page)
        for text, x, y in texts_at:
            for match in NUMBER.finditer(text):
                under = [f for f in fills if f[0] <= x + 1 <= f[0] + f[2] and f[1] <= y + 2 <= f[1] + f[3]]
                smallest = min(under, key=lambda f: f[2] * f[3], default=None)
                found.append((match.group(0), smallest[4] if smallest else None))
    return found


def page_fills_and_texts(page) -> tuple[list, list]:
    """The filled rectangles (x, y, width, height, colour) and the texts (text, x, y) of a page."""
    fills: list[tuple[float, float, float, float, str]] = []
    texts: list[tuple[str, float, float]] = []
    state = {"colour": None, "rect": None}

    def before(operator, operands, cm, tm):
        if operator == b"rg":
            state["colour"] = "".join(f"{round(float(v) * 255):02X}" for v in operands)
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            state["rect"] = (cm[4] + x * cm[0], cm[5] + y * cm[3], w * cm[0], h * cm[3])
        elif operator == b"f" and state["rect"] and state["colour"]:
            x, y, w, h = state["rect"]
            fills.append((min(x, x + w), min(y, y + h), abs(w), abs(h), state["colour"]))
            state["rect"] = None

    def on_text(text, cm, tm, font, size):
        if text.strip():
            texts.append((text, cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    return fills, texts


# --- The deck -----------------------------------------------------------------------------------------------


def deck_slides(data: bytes) -> dict[str, list]:
    """Slide title -> the slides with that title."""
    slides: dict[str, list] = {}
    for slide in Presentation(io.BytesIO(data)).slides:
        slides.setdefault(slide.shapes.title.text_frame.text, []).append(slide)
    return slides


def table_of(slide):
    return next(shape.table for shape in slide.shapes if shape.has_table)


def cell_fill(cell) -> str | None:
    try:
        return str(cell.fill.fore_color.rgb)
    except (AttributeError, TypeError):
        return None


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


# --- The workbook -------------------------------------------------------------------------------------------


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def table_rows(sheet) -> list[tuple]:
    """The rows under the header, up to the first blank row."""
    rows = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return rows


def level_fill(sheet, column: int, row: int, value) -> str | None:
    """The fill Excel gives a cell by the sheet's conditional formatting: the first rule (by priority) whose
    threshold `ISNUMBER(X) AND X>=min` the value reaches, when it covers the cell."""
    if not isinstance(value, int | float):
        return None
    rules = []
    for formatting in sheet.conditional_formatting:
        for cell_range in formatting.sqref.ranges:
            if cell_range.min_col <= column <= cell_range.max_col and cell_range.min_row <= row <= cell_range.max_row:
                rules.extend(formatting.rules)
    for rule in sorted(rules, key=lambda r: r.priority):
        threshold = float(re.search(r">=([\d.]+)", rule.formula[0]).group(1))
        if value >= threshold:
            return str(rule.dxf.fill.fgColor.rgb)[-6:]
    return None
