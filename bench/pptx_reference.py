"""The deck's reference: a bare python-pptx script building the same slides with the same styling.

`describe(deck)` reads a built deck once (not timed) into plain data: per slide its title, notes and
shapes, each with its place and size; text boxes with their paragraphs (text, size, bold, colour,
alignment); tables with each cell's text, size, boldness and fill; native charts with their type,
categories and series; pictures with their bytes. `build(description)` (timed) makes the same deck with
python-pptx's public API only, the way a script written by hand would: no XML shortcuts, no caches.
`replay_deck(deck)` does both and returns the time-relevant part's result.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

TITLE_ONLY_LAYOUT = 5


@dataclass
class Run:
    text: str
    size: float | None
    bold: bool | None
    colour: str | None


@dataclass
class Paragraph:
    runs: list[Run]
    alignment: object


@dataclass
class Shape:
    kind: str  # text, table, chart, picture
    box: tuple[int, int, int, int]
    paragraphs: list[Paragraph] = field(default_factory=list)
    cells: list[list[tuple[Paragraph, str | None]]] = field(default_factory=list)
    chart: tuple | None = None  # (type, categories, [(name, values)])
    blob: bytes | None = None


@dataclass
class Slide:
    title: str
    notes: str
    shapes: list[Shape]


def _colour(font) -> str | None:
    try:
        return str(font.color.rgb) if font.color and font.color.type is not None else None
    except AttributeError:
        return None


def _paragraphs(frame) -> list[Paragraph]:
    return [
        Paragraph(
            [Run(r.text, r.font.size.pt if r.font.size else None, r.font.bold, _colour(r.font)) for r in p.runs],
            p.alignment,
        )
        for p in frame.paragraphs
    ]


def describe(deck: bytes) -> tuple[tuple[int, int], list[Slide]]:
    presentation = Presentation(io.BytesIO(deck))
    slides = []
    for slide in presentation.slides:
        shapes = []
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            box = (shape.left, shape.top, shape.width, shape.height)
            if shape.has_chart:
                chart = shape.chart
                plot = chart.plots[0]
                series = [(s.name, list(s.values)) for s in plot.series]
                shapes.append(Shape("chart", box, chart=(chart.chart_type, list(plot.categories), series)))
            elif shape.has_table:
                cells = [
                    [
                        (
                            _paragraphs(cell.text_frame)[0],
                            str(cell.fill.fore_color.rgb) if cell.fill.type == 1 else None,
                        )
                        for cell in row.cells
                    ]
                    for row in shape.table.rows
                ]
                shapes.append(Shape("table", box, cells=cells))
            elif shape.shape_type == 13:  # a picture
                shapes.append(Shape("picture", box, blob=shape.image.blob))
            elif shape.has_text_frame:
                shapes.append(Shape("text", box, paragraphs=_paragraphs(shape.text_frame)))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(Slide(slide.shapes.title.text if slide.shapes.title else "", notes, shapes))
    return (presentation.slide_width, presentation.slide_height), slides


def _style(paragraph, source: Paragraph) -> None:
    paragraph.alignment = source.alignment
    for run in source.runs:
        target = paragraph.add_run()
        target.text = run.text
        if run.size:
            target.font.size = Pt(run.size)
        if run.bold is not None:
            target.font.bold = run.bold
        if run.colour:
            target.font.color.rgb = RGBColor.from_string(run.colour)


def build(size: tuple[int, int], slides: list[Slide]) -> bytes:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = size
    layout = presentation.slide_layouts[TITLE_ONLY_LAYOUT]
    for source in slides:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = source.title
        slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
        slide.shapes.title.text_frame.paragraphs[0].runs[0].font.bold = True
        slide.notes_slide.notes_text_frame.text = source.notes
        for shape in source.shapes:
            left, top, width, height = (Emu(v) for v in shape.box)
            if shape.kind == "text":
                frame = slide.shapes.add_textbox(left, top, width, height).text_frame
                frame.word_wrap = True
                for index, paragraph in enumerate(shape.paragraphs):
                    _style(frame.paragraphs[0] if index == 0 else frame.add_paragraph(), paragraph)
            elif shape.kind == "table":
                table = slide.shapes.add_table(len(shape.cells), len(shape.cells[0]), left, top, width, height).table
                for r, row in enumerate(shape.cells):
                    for c, (paragraph, fill) in enumerate(row):
                        cell = table.cell(r, c)
                        _style(cell.text_frame.paragraphs[0], paragraph)
                        if fill:
                            cell.fill.solid()
                            cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            elif shape.kind == "chart":
                chart_type, categories, series = shape.chart
                data = CategoryChartData()
                data.categories = categories
                for name, values in series:
                    data.add_series(name, values)
                slide.shapes.add_chart(chart_type, left, top, width, height, data)
            elif shape.kind == "picture":
                slide.shapes.add_picture(io.BytesIO(shape.blob), left, top, width, height)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def replay_deck(deck: bytes, description=None) -> bytes:
    """The same slides built by the bare script (describe once with `describe` to time `build` alone)."""
    return build(*(description or describe(deck)))
