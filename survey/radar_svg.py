"""The radar chart as a standalone SVG, drawn by hand for the PDF scorecard (WeasyPrint runs no JavaScript).

Axis 0 points straight up, then the axes go clockwise. Text is not measured (there are no font
metrics here): a character counts as 0.6 font size wide, more than most sans-serif text takes, and
the viewBox grows to hold every label and the legend, so that nothing is cut in any language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from survey.charts import (
    FONT,
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

CHAR_WIDTH = 0.6
LINE_HEIGHT = 1.2
LABEL_SIZE, SCORE_SIZE, RING_SIZE, LEGEND_SIZE = 12, 10, 9, 11
INK, GRID, GREY = "#222222", "#c8c8c8", "#767676"  # GREY: the lightest grey with 4.5:1 contrast on white
MARGIN, LEGEND_GAP = 10, 18
HALO = 'aria-hidden="true" fill="#ffffff" fill-opacity="0.85"'
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

Box = tuple[float, float, float, float]  # left, top, right, bottom


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
    labels = shown_labels(axes, series, lang)
    count = len(labels)
    radius, cx, cy = width * 0.3, width / 2, width / 2
    rings = ring_values(axes)
    parts = [_web(count, [value for value, _ in rings], radius, cx, cy)]
    boxes: list[Box] = [(cx - radius, cy - radius, cx + radius, cy + radius)]
    texts = [
        _text_block(
            wrap_label(label),
            *radar_point(i, count, 100, radius + 16, cx, cy),
            LABEL_SIZE,
            *_placement(_angle(i, count)),
            f'class="axis-label" fill="{INK}"',
        )
        for i, label in enumerate(labels)
    ]
    parts += [_series_shape(index, one, count, radius, cx, cy, len(series) == 1) for index, one in enumerate(series)]
    # drawn over the series, so that a polygon never hides a level name or a score
    for value, text in rings:
        x, y = radar_point(0, count, value, radius, cx, cy)
        texts.append(
            _text_block([text], x + 4, y - 2, RING_SIZE, "start", 1, f'class="ring-label" fill="{GREY}"', True)
        )
    if len(series) == 1:
        texts += _score_labels(series[0], count, radius, cx, cy, lang)
    else:
        texts += _legend(series, cx, max(box[3] for _, box in texts) + 16, width)
    parts += [svg for svg, _ in texts]
    boxes += [box for _, box in texts]
    left, top = min(b[0] for b in boxes) - MARGIN, min(b[1] for b in boxes) - MARGIN
    right, bottom = max(b[2] for b in boxes) + MARGIN, max(b[3] for b in boxes) + MARGIN
    summary = plain_text(_summary(axes, series, lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_num(left)} {_num(top)} {_num(right - left)} '
        f'{_num(bottom - top)}" width="{_num(right - left)}" height="{_num(bottom - top)}" role="img" '
        f'aria-label="{summary}" font-family="{FONT}"><title>{summary}</title>{"".join(parts)}</svg>'
    )


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


def _score_labels(
    one: RadarSeries, count: int, radius: float, cx: float, cy: float, lang: str
) -> list[tuple[str, Box]]:
    """Each score beside its point: outside the polygon, or inside it near the rim where the axis label is."""
    labels = []
    for i, score in enumerate(one.scores):
        if score is not None:
            angle = _angle(i, count) + (-0.35 if score <= 80 else math.pi + 0.35)  # off the ring labels of axis 0
            x, y = radar_point(i, count, score, radius, cx, cy)
            x, y = x + 9 * math.sin(angle), y - 9 * math.cos(angle)
            attrs = f'class="score" fill="{INK}" font-weight="600"'
            labels.append(_text_block([format_score(score, lang)], x, y, SCORE_SIZE, *_placement(angle), attrs, True))
    return labels


def _num(value: float) -> str:
    """At most 2 decimals, no trailing zeros, never "-0"."""
    return f"{round(value, 2) + 0.0:.2f}".rstrip("0").rstrip(".")


def _polygon(points: Sequence[tuple[float, float]], attrs: str) -> str:
    return f'<polygon points="{" ".join(f"{_num(x)},{_num(y)}" for x, y in points)}" {attrs}/>'


def _angle(index: int, count: int) -> float:
    return 2 * math.pi * index / count


def _line(x1: float, y1: float, x2: float, y2: float, attrs: str) -> str:
    return f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" {attrs}/>'


def _placement(angle: float) -> tuple[str, float]:
    """Anchor and share of the text's height above the point, for text set outward in direction `angle`."""
    sin, cos = math.sin(angle), math.cos(angle)
    return ("middle" if abs(sin) < 0.1 else "start" if sin > 0 else "end"), (1 + cos) / 2


def _text_block(
    lines: list[str], x: float, y: float, size: float, anchor: str, rise: float, attrs: str, halo: bool = False
) -> tuple[str, Box]:
    """Lines of text anchored at x, with `rise` of their height above y; returns the SVG and its box."""
    line_height = size * LINE_HEIGHT
    top = y - rise * len(lines) * line_height
    width = max(len(line) for line in lines) * size * CHAR_WIDTH
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    tspans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(top + k * line_height + size * 0.95)}">{plain_text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    text = f'<text {attrs} font-size="{size}" text-anchor="{anchor}">{tspans}</text>'
    box = (left, top, left + width, top + len(lines) * line_height)
    if halo:  # a pale plate underneath keeps it readable over grid and series lines (cheaper than outlined text)
        text = (
            f'<rect x="{_num(left - 1.5)}" y="{_num(top)}" width="{_num(width + 3)}" '
            f'height="{_num(len(lines) * line_height)}" rx="2" {HALO}/>' + text
        )
    return text, box


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    attrs = f'class="marker" fill="{colour}" stroke="#ffffff" stroke-width="0.8"'
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" {attrs}/>'
    return _polygon([(x + dx, y + dy) for dx, dy in MARKERS[shape]], attrs)


def _series_shape(index: int, one: RadarSeries, count: int, radius: float, cx: float, cy: float, single: bool) -> str:
    """The polygon through the scored axes (an unscored axis is skipped), and a marker on each point."""
    style = style_for(index)
    points = [radar_point(i, count, s, radius, cx, cy) for i, s in enumerate(one.scores) if s is not None]
    fill = f'fill="{style.colour}" fill-opacity="0.15"' if single else 'fill="none"'
    line = (
        f'class="series" stroke="{style.colour}" stroke-width="2" stroke-dasharray="{style.svg_dash}" '
        f'stroke-linejoin="round" {fill}'
    )
    return _polygon(points, line) + "".join(_marker(style.marker, x, y, style.colour) for x, y in points)


def _legend(series: Sequence[RadarSeries], centre: float, top: float, max_width: float) -> list[tuple[str, Box]]:
    """A sample of each series' line and marker with its name, in rows centred under the chart."""
    rows: list[list[tuple[int, float]]] = [[]]
    for index, one in enumerate(series):
        item_width = 34 + len(one.name) * LEGEND_SIZE * CHAR_WIDTH
        if rows[-1] and sum(w + LEGEND_GAP for _, w in rows[-1]) + item_width > max_width:
            rows.append([])
        rows[-1].append((index, item_width))
    drawn = []
    for r, row in enumerate(rows):
        x, y = centre - (sum(w + LEGEND_GAP for _, w in row) - LEGEND_GAP) / 2, top + r * 20 + 8
        for index, item_width in row:
            style = style_for(index)
            sample = _line(
                x, y, x + 28, y, f'stroke="{style.colour}" stroke-width="2" stroke-dasharray="{style.svg_dash}"'
            )
            sample += _marker(style.marker, x + 14, y, style.colour)
            text, box = _text_block(
                [series[index].name], x + 34, y, LEGEND_SIZE, "start", 0.5, f'class="legend" fill="{INK}"'
            )
            drawn.append((sample + text, (x, box[1], box[2], box[3])))
            x += item_width + LEGEND_GAP
    return drawn


def _summary(axes: RadarAxes, series: Sequence[RadarSeries], lang: str) -> str:
    """The scores in words, for screen readers and as the SVG's title."""
    level_name = level_name_from_rings(axes.rings)
    no_answer = NO_ANSWER.get(lang, NO_ANSWER["en"])
    return "; ".join(
        f"{one.name}: "
        + ", ".join(
            f"{label} {no_answer}" if s is None else f"{label} {format_score(s, lang)} ({level_name(s)})"
            for label, s in zip(axes.labels, one.scores, strict=True)
        )
        for one in series
    )
