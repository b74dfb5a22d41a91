"""Building blocks of the PowerPoint deck (python-pptx): a 16:9 presentation from python-pptx's own
default template, or from the consultant's template (deck/template.py), slides with an editable title,
text, tables with coloured cells, pictures, footer and speaker notes.

Slides are laid out on a 13.333 x 7.5 inch grid; on a template of another size, `save` scales every
shape's position and size to the template's slide (pictures keep their proportions). On a template the
titles keep the template's font, size and colour, and the deck's ink and accent colours become the
theme's text and first accent colours.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from lxml.etree import SubElement
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from survey.documents.deck.template import title_layout
from survey.domain.plain_text import xml_text

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template
INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x4B, 0x55, 0x63)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
HEADER_FILL = RGBColor(0xE5, 0xE7, 0xEB)
CONTENT_TOP = Inches(1.35)
TX_BODY, PARAGRAPH, PARAGRAPH_PROPERTIES = qn("a:txBody"), qn("a:p"), qn("a:pPr")
RUN, RUN_PROPERTIES, TEXT = qn("a:r"), qn("a:rPr"), qn("a:t")
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
PLAIN_TABLE_STYLE = "{5940675A-B579-460E-94D1-54222C63F5DA}"  # PowerPoint's "No Style, Table Grid"
CONTENT_BOTTOM = HEIGHT - Inches(0.6)  # above the footer


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int


CONTENT = Box(MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP)


def new_presentation(footer: str, template: bytes | None = None):
    """A presentation whose slide layout carries the running footer and the slide number: drawn once
    for every slide (and editable once, in the layout), not copied onto each. With a template (checked by
    deck/template.py), its masters, theme and size, its layout with a title and the fewest placeholders,
    none of its slides."""
    if template is None:
        presentation = Presentation()
        presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
        layout = presentation.slide_layouts[TITLE_ONLY_LAYOUT]
    else:
        presentation = Presentation(io.BytesIO(template))
        drop_slides(presentation)
        layout = title_layout(presentation) or presentation.slide_layouts[0]
    presentation.deck_layout, presentation.deck_templated = layout, template is not None
    width, height = presentation.slide_width, presentation.slide_height
    scratch = presentation.slides.add_slide(layout)  # python-pptx draws shapes on slides only
    bottom = height - Inches(0.45)
    footer_box = text_box(
        scratch, Box(MARGIN, bottom, width - 2 * MARGIN - Inches(1.2), Inches(0.3)), [footer], size=10, colour=MUTED
    )
    number_box = text_box(
        scratch, Box(width - MARGIN - Inches(1), bottom, Inches(1), Inches(0.3)), [""], size=10, align=PP_ALIGN.RIGHT
    )
    paragraph = number_box.text_frame.paragraphs[0]._p
    field = SubElement(paragraph, qn("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
    SubElement(field, RUN_PROPERTIES, sz="1000")
    SubElement(field, TEXT).text = "‹#›"
    for shape in (footer_box, number_box):
        layout.shapes._spTree.append(shape._element)
    drop_slides(presentation)
    return presentation


def drop_slides(presentation) -> None:
    """Remove every slide (its part is no longer referenced, so not saved)."""
    slides = presentation.slides._sldIdLst
    for slide in list(slides):
        presentation.part.drop_rel(slide.rId)
        slides.remove(slide)


def add_slide(presentation, title: str, notes: str):
    """A slide with an editable title placeholder and the speaker notes (the footer is the layout's); the
    layout's other placeholders are left off (the deck draws its own content)."""
    slide = presentation.slides.add_slide(presentation.deck_layout)
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.type not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            placeholder._element.getparent().remove(placeholder._element)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(0.85)
    shape.text = xml_text(title)
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    if not presentation.deck_templated:  # a template's titles keep its own font, size and colour
        style(paragraph, 28, bold=True, colour=INK)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    set_notes(slide, notes)
    return slide


def set_notes(slide, notes: str) -> None:
    slide.notes_slide.notes_text_frame.text = xml_text(notes)


def style(paragraph, size: float, bold: bool = False, colour: RGBColor | None = INK) -> None:
    """Size, weight and colour of a paragraph's text (its one run); no colour: the theme's text colour."""
    for run in paragraph.runs:
        font = run.font
        font.size, font.bold = Pt(size), bold
        if colour is not None:
            font.color.rgb = colour


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
        paragraph.text = xml_text(f"• {line}" if bullets else line)
        paragraph.alignment = align
        paragraph.space_after = Pt(space_after)
        style(paragraph, size, bold, colour)
    return shape


def outline_box(slide, box: Box, items: Sequence[tuple[int, str]], size: float = 14):
    """A text box of (level, text) lines: level 0 in bold, deeper levels indented and smaller."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    for index, (level, line) in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = xml_text(line)
        paragraph.space_before = Pt(8 if level == 0 and index else 2)
        if level:
            paragraph._p.get_or_add_pPr().set("marL", str(Inches(0.3 * level)))
        style(paragraph, size - (1 if level > 1 else 0), bold=level == 0, colour=MUTED if level > 1 else INK)
    return shape


def add_table(
    slide,
    box: Box,
    rows: Sequence[Sequence[str]],
    fills: dict[tuple[int, int], RGBColor] | None = None,
    size: float = 11,
    first_width: int | None = None,
    inks: dict[tuple[int, int], RGBColor] | None = None,
):
    """A native table: the first row is the header; `fills` colours cells by (row, column), `inks` their text."""
    shape = slide.shapes.add_table(len(rows), len(rows[0]), box.left, box.top, box.width, Emu(0))
    shape._element.graphic.graphicData.tbl.tblPr.find(qn("a:tableStyleId")).text = PLAIN_TABLE_STYLE
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
            write_cell(cell._tc, text, size, bold=r == 0 or c == 0, centred=c > 0, ink=(inks or {}).get((r, c)))
            fill = (fills or {}).get((r, c)) or (HEADER_FILL if r == 0 else None)
            if fill is not None:  # the others stay as the plain table style leaves them: white
                cell.fill.solid()
                cell.fill.fore_color.rgb = fill
    return table


def write_cell(tc, text: str, size: float, bold: bool, centred: bool, ink: RGBColor | None = None) -> None:
    """A table cell's text, written straight into its XML: a deck has hundreds of cells, and python-pptx's
    property objects cost most of the deck's build time. A new cell holds one empty paragraph."""
    paragraph = tc.find(f"{TX_BODY}/{PARAGRAPH}")
    SubElement(paragraph, PARAGRAPH_PROPERTIES, algn="ctr" if centred else "l")
    run = SubElement(paragraph, RUN)
    properties = SubElement(run, RUN_PROPERTIES, sz=str(round(size * 100)), b="1" if bold else "0")
    if ink is not None:
        SubElement(SubElement(properties, qn("a:solidFill")), qn("a:srgbClr"), val=str(ink))
    SubElement(run, TEXT).text = xml_text(text)


def heat_fill(colour: str) -> RGBColor:
    return RGBColor.from_string(colour)


def colour_key(slide, box: Box, entries: Sequence[tuple[str, str, str]], size: float = 10) -> None:
    """A legend on one line: for each (label, fill, ink), a swatch in that fill and its label beside it."""
    width = box.width // max(len(entries), 1)
    swatch = Inches(0.22)
    for index, (label, fill, _ink) in enumerate(entries):
        left = box.left + index * width
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, box.top + Inches(0.04), swatch, swatch)
        shape.fill.solid()
        shape.fill.fore_color.rgb = heat_fill(fill)
        shape.line.color.rgb = MUTED
        shape.line.width = Pt(0.75)
        text_box(
            slide, Box(left + swatch + Inches(0.06), box.top, width - swatch - Inches(0.1), box.height), [label], size
        )


def add_picture(slide, data: bytes, box: Box):
    """A logo fitted inside `box`, its proportions kept."""
    picture = slide.shapes.add_picture(io.BytesIO(data), box.left, box.top)
    scale = min(box.width / picture.width, box.height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    return picture


def fit_to_slide_size(presentation) -> None:
    """Scale what was laid out on the 13.333 x 7.5 inch grid to the presentation's own slide size."""
    sx, sy = presentation.slide_width / WIDTH, presentation.slide_height / HEIGHT
    if abs(sx - 1) < 0.001 and abs(sy - 1) < 0.001:
        return
    for slide in presentation.slides:
        for shape in slide.shapes:
            if None in (shape.left, shape.top, shape.width, shape.height):
                continue  # a placeholder that inherits its place from the layout
            kx, ky = (min(sx, sy), min(sx, sy)) if shape.shape_type == MSO_SHAPE_TYPE.PICTURE else (sx, sy)
            shape.left, shape.top = int(shape.left * sx), int(shape.top * sy)
            shape.width, shape.height = int(shape.width * kx), int(shape.height * ky)
            if shape.has_table:
                for column in shape.table.columns:
                    column.width = int(column.width * sx)


THEME_COLOURS = {str(INK): "tx1", str(ACCENT): "accent1"}


def use_theme_colours(presentation) -> None:
    """On a template, the deck's ink and accent become the theme's text and first accent colours."""
    for slide in presentation.slides:
        for colour in list(slide._element.iter(qn("a:srgbClr"))):
            scheme = THEME_COLOURS.get(colour.get("val", "").upper())
            if scheme is not None:
                replacement = colour.makeelement(qn("a:schemeClr"), {"val": scheme})
                colour.getparent().replace(colour, replacement)


def save(presentation) -> bytes:
    if getattr(presentation, "deck_templated", False):
        fit_to_slide_size(presentation)
        use_theme_colours(presentation)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


class TextWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook (what PowerPoint's "Edit data" opens), every text a text cell: a group
    named "=HYPERLINK(...)" stays those characters, never a formula, a number or a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
        workbook = Workbook(xlsx_file, {**options, "strings_to_urls": False})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class TextChartData(CategoryChartData):
    """A category chart's data whose names (categories, series: practices, groups) are XML-safe text."""

    @property
    def categories(self):
        return super().categories

    @categories.setter
    def categories(self, names):
        CategoryChartData.categories.fset(self, [xml_text(name) for name in names])

    def add_series(self, name, values=(), number_format=None):
        return super().add_series(xml_text(name), values, number_format)

    @lazyproperty
    def _workbook_writer(self):
        return TextWorkbookWriter(self)
