"""Building blocks of the PowerPoint deck (python-pptx): a 16:9 presentation from python-pptx's own
default template, slides with an editable title, text, tables with coloured cells, pictures, footer and
speaker notes. No template file: everything the deck looks like is set here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template
INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x4B, 0x55, 0x63)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
HEADER_FILL = RGBColor(0xE5, 0xE7, 0xEB)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
CONTENT_TOP = Inches(1.35)
CONTENT_BOTTOM = HEIGHT - Inches(0.6)  # above the footer


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int


CONTENT = Box(MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP)


def new_presentation():
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    return presentation


def add_slide(presentation, title: str, footer: str, notes: str):
    """A slide with an editable title placeholder, the running footer and the speaker notes."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(0.85)
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    style(paragraph, 28, bold=True, colour=INK)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    add_footer(slide, footer, len(presentation.slides._sldIdLst))
    set_notes(slide, notes)
    return slide


def add_footer(slide, footer: str, number: int) -> None:
    text_box(slide, Box(MARGIN, HEIGHT - Inches(0.45), Inches(10), Inches(0.3)), [footer], size=10, colour=MUTED)
    text_box(
        slide,
        Box(WIDTH - MARGIN - Inches(1), HEIGHT - Inches(0.45), Inches(1), Inches(0.3)),
        [str(number)],
        size=10,
        colour=MUTED,
        align=PP_ALIGN.RIGHT,
    )


def set_notes(slide, notes: str) -> None:
    slide.notes_slide.notes_text_frame.text = notes


def style(paragraph, size: float, bold: bool = False, colour: RGBColor = INK) -> None:
    font = paragraph.font
    font.size, font.bold = Pt(size), bold
    font.color.rgb = colour
    for run in paragraph.runs:
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = colour


def text_box(
    slide,
    box: Box,
    lines: Sequence[str],
    size: float = 16,
    bold: bool = False,
    colour: RGBColor = INK,
    align=PP_ALIGN.LEFT,
    bullets: bool = False,
    space_after: float = 0,
):
    """A text box, one paragraph per line; text wraps inside the box."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = f"• {line}" if bullets else line
        paragraph.alignment = align
        paragraph.space_after = Pt(space_after)
        style(paragraph, size, bold, colour)
    return shape


def add_table(
    slide,
    box: Box,
    rows: Sequence[Sequence[str]],
    fills: dict[tuple[int, int], RGBColor] | None = None,
    size: float = 11,
    first_width: int | None = None,
):
    """A native table: the first row is the header; `fills` colours cells by (row, column)."""
    shape = slide.shapes.add_table(len(rows), len(rows[0]), box.left, box.top, box.width, Emu(0))
    table = shape.table
    if first_width is not None and len(rows[0]) > 1:
        table.columns[0].width = first_width
        other = (box.width - first_width) // (len(rows[0]) - 1)
        for column in list(table.columns)[1:]:
            column.width = other
    for r, row in enumerate(rows):
        table.rows[r].height = Inches(0.3)
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            fill = (fills or {}).get((r, c)) or (HEADER_FILL if r == 0 else WHITE)
            cell.fill.solid()
            cell.fill.fore_color.rgb = fill
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.CENTER
                style(paragraph, size, bold=r == 0 or c == 0)
    return table


def heat_fill(colour: str) -> RGBColor:
    return RGBColor.from_string(colour)


def add_picture(slide, data: bytes, box: Box):
    """A logo fitted inside `box`, its proportions kept."""
    picture = slide.shapes.add_picture(io.BytesIO(data), box.left, box.top)
    scale = min(box.width / picture.width, box.height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    return picture


def save(presentation) -> bytes:
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
