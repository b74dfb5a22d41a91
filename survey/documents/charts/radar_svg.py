"""The radar chart as a standalone SVG, drawn by hand for the PDF scorecard (WeasyPrint runs no JavaScript).

Axis 0 points straight up, then the axes go clockwise. Text is not measured (there are no font
metrics here): a character counts as 0.6 font size wide, more than most sans-serif text takes, and
the viewBox grows to hold every label and the legend, so that nothing is cut in any language.

Two outputs from one layout: `radar_svg`, a self-contained SVG with its text (web pages, the consultant
PDF), and `radar_html`, the same drawing with its labels set as HTML text over a text-less SVG, for the
scorecard PDF: WeasyPrint lays SVG text out glyph by glyph, which made the radar the slowest part of it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from survey.documents.charts.radar import (
    FONT,
    LOW_CONFIDENCE,
    NO_ANSWER,
    RadarAxes,
    RadarSeries,
    format_score,
    level_name_from_rings,
    plain_text,
    ring_values,
    shown_labels,
    style_for,
    wrap_label,
)
from survey.documents.charts.radar_text import (
    CHAR_WIDTH,
    Box,
    Label,
    chart_label,
    html_text,
    svg_number,
    svg_text,
    text_placement,
)

LABEL_SIZE, SCORE_SIZE, RING_SIZE, LEGEND_SIZE = 12, 10, 9, 11
INK, GRID, GREY = "#222222", "#c8c8c8", "#767676"  # GREY: the lightest grey with 4.5:1 contrast on white
MARGIN, LEGEND_GAP = 10, 18
MARKERS = {  # polygon corners around the point; a circle is drawn as a circle
    "square": ((-3.5, -3.5), (3.5, -3.5), (3.5, 3.5), (-3.5, 3.5)),
    "triangle-up": ((0, -5), (4.5, 3), (-4.5, 3)),
    "diamond": ((0, -5), (5, 0), (0, 5), (-5, 0)),
    "triangle-down": ((0, 5), (4.5, -3), (-4.5, -3)),
    "cross": (
        (-1.6, -5),
        (1.6, -5),
        (1.6, -1.6),
        (5, -1.6),
        (5, 1.6),
        (1.6, 1.6),
        (1.6, 5),
        (-1.6, 5),
        (-1.6, 1.6),
        (-5, 1.6),
        (-5, -1.6),
        (-1.6, -1.6),
    ),
}


@dataclass(frozen=True)
class RadarLayout:
    """The chart's shapes (SVG markup without text), its labels, its viewBox and its summary in words."""

    shapes: str
    labels: tuple[Label, ...]
    view_box: Box  # left, top, width, height
    summary: str

    def svg_open(self, size: str) -> str:
        left, top, width, height = (svg_number(v) for v in self.view_box)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" {size} role="img" '
            f'aria-label="{self.summary}" font-family="{FONT}"><title>{self.summary}</title>'
        )


def radar_point(index: int, count: int, score: float, radius: float, cx: float, cy: float) -> tuple[float, float]:
    """Where `score` (0-100) sits on axis `index` of `count`, rounded to 2 decimals as written in the SVG."""
    angle = _angle(index, count)
    distance = score / 100 * radius
    # + 0.0 turns a rounded -0.0 into 0.0
    return round(cx + distance * math.sin(angle), 2) + 0.0, round(cy - distance * math.cos(angle), 2) + 0.0


def radar_svg(axes: RadarAxes, series: Sequence[RadarSeries], lang: str, width: float = 520) -> str:
    """A printable radar: a ring per level, a polygon per series, labels that always fit the viewBox.

    `width` sets the scale: the centre is at (width/2, width/2) and the outer ring's radius is 0.3 * width;
    the viewBox grows around the labels and the legend, and width/height attributes match it.
    """
    layout = radar_layout(axes, series, lang, width)
    size = f'width="{svg_number(layout.view_box[2])}" height="{svg_number(layout.view_box[3])}"'
    return f"{layout.svg_open(size)}{layout.shapes}{''.join(svg_text(label) for label in layout.labels)}</svg>"


def radar_html(axes: RadarAxes, series: Sequence[RadarSeries], lang: str, width_mm: float = 150) -> str:
    """The radar `width_mm` wide, its labels as HTML text laid over a text-less SVG (see the module docstring).

    The labels are absolutely positioned in a relatively positioned box the size of the SVG.
    """
    layout = radar_layout(axes, series, lang)
    left, top, width, height = layout.view_box
    scale = width_mm / width  # millimetres per SVG unit
    size = f'style="width: {svg_number(width_mm)}mm; height: {svg_number(height * scale)}mm"'
    labels = "".join(html_text(label, left, top, scale) for label in layout.labels)
    return (
        f'<div class="radar-chart" style="width: {svg_number(width_mm)}mm; height: {svg_number(height * scale)}mm">'
        f"{layout.svg_open(size)}{layout.shapes}</svg>{labels}</div>"
    )


def radar_layout(axes: RadarAxes, series: Sequence[RadarSeries], lang: str, width: float = 520) -> RadarLayout:
    """Where everything goes: see `radar_svg` for the geometry."""
    names = shown_labels(axes, series, lang)
    count = len(names)
    radius, cx, cy = width * 0.3, width / 2, width / 2
    rings = ring_values(axes)
    shapes = [_web(count, [value for value, _ in rings], radius, cx, cy)]
    boxes: list[Box] = [(cx - radius, cy - radius, cx + radius, cy + radius)]
    labels = [
        chart_label(
            wrap_label(name),
            *radar_point(i, count, 100, radius + 16, cx, cy),
            LABEL_SIZE,
            *text_placement(_angle(i, count)),
            "axis-label",
            INK,
        )
        for i, name in enumerate(names)
    ]
    shapes += [_series_shape(index, one, count, radius, cx, cy, len(series) == 1) for index, one in enumerate(series)]
    # drawn over the series, so that a polygon never hides a level name or a score
    for value, text in rings:
        x, y = radar_point(0, count, value, radius, cx, cy)
        labels.append(chart_label([text], x + 4, y - 2, RING_SIZE, "start", 1, "ring-label", GREY, halo=True))
    if len(series) == 1:
        labels += _score_labels(series[0], count, radius, cx, cy, lang)
    else:
        samples, legend, sample_boxes = _legend(series, cx, max(label.box[3] for label in labels) + 16, width)
        shapes.append(samples)
        labels += legend
        boxes += sample_boxes
    boxes += [label.box for label in labels]
    left, top = min(b[0] for b in boxes) - MARGIN, min(b[1] for b in boxes) - MARGIN
    right, bottom = max(b[2] for b in boxes) + MARGIN, max(b[3] for b in boxes) + MARGIN
    summary = plain_text(_summary(axes, series, lang))
    return RadarLayout("".join(shapes), tuple(labels), (left, top, right - left, bottom - top), summary)


def _web(count: int, values: Sequence[float], radius: float, cx: float, cy: float) -> str:
    """The spider web: a polygon per ring (the outer one darker) and a spoke per axis."""
    rings = "".join(
        _polygon(
            [radar_point(i, count, value, radius, cx, cy) for i in range(count)],
            f'class="ring" fill="none" stroke="{GREY if value == 100 else GRID}" stroke-width="0.8"',
        )
        for value in values
    )
    spokes = "".join(
        _line(cx, cy, *radar_point(i, count, 100, radius, cx, cy), f'class="spoke" stroke="{GRID}" stroke-width="0.8"')
        for i in range(count)
    )
    return rings + spokes


def _score_labels(one: RadarSeries, count: int, radius: float, cx: float, cy: float, lang: str) -> list[Label]:
    """Each score beside its point: outside the polygon, or inside it near the rim where the axis label is."""
    labels = []
    for i, score in enumerate(one.scores):
        if score is not None:
            angle = _angle(i, count) + (-0.35 if score <= 80 else math.pi + 0.35)  # off the ring labels of axis 0
            x, y = radar_point(i, count, score, radius, cx, cy)
            x, y = x + 9 * math.sin(angle), y - 9 * math.cos(angle)
            labels.append(
                chart_label(
                    [format_score(score, lang)], x, y, SCORE_SIZE, *text_placement(angle), "score", INK, True, True
                )
            )
    return labels


def _polygon(points: Sequence[tuple[float, float]], attrs: str) -> str:
    return f'<polygon points="{" ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in points)}" {attrs}/>'


def _angle(index: int, count: int) -> float:
    return 2 * math.pi * index / count


def _line(x1: float, y1: float, x2: float, y2: float, attrs: str) -> str:
    return f'<line x1="{svg_number(x1)}" y1="{svg_number(y1)}" x2="{svg_number(x2)}" y2="{svg_number(y2)}" {attrs}/>'


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool = False) -> str:
    """A filled marker; hollow (white inside, outlined) where the score rests on too few answers."""
    if hollow:
        attrs = f'class="marker hollow" fill="#ffffff" stroke="{colour}" stroke-width="1.6"'
    else:
        attrs = f'class="marker" fill="{colour}" stroke="#ffffff" stroke-width="0.8"'
    if shape == "circle":
        return f'<circle cx="{svg_number(x)}" cy="{svg_number(y)}" r="4" {attrs}/>'
    return _polygon([(x + dx, y + dy) for dx, dy in MARKERS[shape]], attrs)


def _series_shape(index: int, one: RadarSeries, count: int, radius: float, cx: float, cy: float, single: bool) -> str:
    """The polygon through the scored axes (an unscored axis is skipped), and a marker on each point."""
    style = style_for(index)
    scored = [i for i, s in enumerate(one.scores) if s is not None]
    points = [radar_point(i, count, one.scores[i], radius, cx, cy) for i in scored]
    if not points:  # an empty polygon is a path with no current point: PDF readers report an error
        return ""
    fill = f'fill="{style.colour}" fill-opacity="0.15"' if single else 'fill="none"'
    line = (
        f'class="series" stroke="{style.colour}" stroke-width="2" stroke-dasharray="{style.svg_dash}" '
        f'stroke-linejoin="round" {fill}'
    )
    markers = (
        _marker(style.marker, x, y, style.colour, one.is_hollow(i)) for i, (x, y) in zip(scored, points, strict=True)
    )
    return _polygon(points, line) + "".join(markers)


def _legend(
    series: Sequence[RadarSeries], centre: float, top: float, max_width: float
) -> tuple[str, list[Label], list[Box]]:
    """A sample of each series' line and marker with its name, in rows centred under the chart."""
    rows: list[list[tuple[int, float]]] = [[]]
    for index, one in enumerate(series):
        item_width = 34 + len(one.name) * LEGEND_SIZE * CHAR_WIDTH
        if rows[-1] and sum(w + LEGEND_GAP for _, w in rows[-1]) + item_width > max_width:
            rows.append([])
        rows[-1].append((index, item_width))
    samples, labels, boxes = [], [], []
    for r, row in enumerate(rows):
        x, y = centre - (sum(w + LEGEND_GAP for _, w in row) - LEGEND_GAP) / 2, top + r * 20 + 8
        for index, item_width in row:
            style = style_for(index)
            samples.append(
                _line(x, y, x + 28, y, f'stroke="{style.colour}" stroke-width="2" stroke-dasharray="{style.svg_dash}"')
                + _marker(style.marker, x + 14, y, style.colour)
            )
            labels.append(chart_label([series[index].name], x + 34, y, LEGEND_SIZE, "start", 0.5, "legend", INK))
            boxes.append((x, y - 5, x + 28, y + 5))
            x += item_width + LEGEND_GAP
    return "".join(samples), labels, boxes


def _summary(axes: RadarAxes, series: Sequence[RadarSeries], lang: str) -> str:
    """The scores in words, for screen readers and as the SVG's title."""
    level_name = level_name_from_rings(axes.rings)
    no_answer = NO_ANSWER.get(lang, NO_ANSWER["en"])
    return "; ".join(
        f"{one.name}: "
        + ", ".join(
            f"{label} {no_answer}"
            if s is None
            else f"{label} {format_score(s, lang)} ({level_name(s)}"
            + (f", {LOW_CONFIDENCE.get(lang, LOW_CONFIDENCE['en'])})" if one.is_hollow(i) else ")")
            for i, (label, s) in enumerate(zip(axes.labels, one.scores, strict=True))
        )
        for one in series
    )
