"""The radar's text: labels placed in the chart's coordinates, drawn as SVG text or as HTML over the SVG.

Text is not measured (there are no font metrics here): a character counts as CHAR_WIDTH font sizes wide,
more than most sans-serif text takes, so a label's box is never smaller than the text it holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from survey.documents.charts.radar import plain_text

CHAR_WIDTH = 0.6
LINE_HEIGHT = 1.2
HALO = 'aria-hidden="true" fill="#ffffff" fill-opacity="0.85"'

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Label:
    """Lines of text at a place in the chart's coordinates, which either output can draw."""

    lines: tuple[str, ...]
    x: float  # the anchor: left, centre or right of the lines, by `anchor`
    top: float
    size: float
    anchor: str  # start, middle or end
    role: str  # axis-label, ring-label, score or legend
    colour: str
    halo: bool = False
    bold: bool = False

    @property
    def box(self) -> Box:
        width = max(len(line) for line in self.lines) * self.size * CHAR_WIDTH
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return left, self.top, left + width, self.top + len(self.lines) * self.size * LINE_HEIGHT


def svg_number(value: float) -> str:
    """At most 2 decimals, no trailing zeros, never "-0"."""
    return f"{round(value, 2) + 0.0:.2f}".rstrip("0").rstrip(".")


def text_placement(angle: float) -> tuple[str, float]:
    """Anchor and share of the text's height above the point, for text set outward in direction `angle`."""
    sin, cos = math.sin(angle), math.cos(angle)
    return ("middle" if abs(sin) < 0.1 else "start" if sin > 0 else "end"), (1 + cos) / 2


def chart_label(
    lines: Sequence[str],
    x: float,
    y: float,
    size: float,
    anchor: str,
    rise: float,
    role: str,
    colour: str,
    halo: bool = False,
    bold: bool = False,
) -> Label:
    """Lines of text anchored at x, with `rise` of their height above y."""
    top = y - rise * len(lines) * size * LINE_HEIGHT
    return Label(tuple(lines), x, top, size, anchor, role, colour, halo, bold)


def svg_text(label: Label) -> str:
    line_height = label.size * LINE_HEIGHT
    baselines = (label.top + k * line_height + label.size * 0.95 for k in range(len(label.lines)))
    tspans = "".join(
        f'<tspan x="{svg_number(label.x)}" y="{svg_number(y)}">{plain_text(text)}</tspan>'
        for y, text in zip(baselines, label.lines, strict=True)
    )
    weight = ' font-weight="600"' if label.bold else ""
    text = (
        f'<text class="{label.role}" fill="{label.colour}"{weight} font-size="{label.size}" '
        f'text-anchor="{label.anchor}">{tspans}</text>'
    )
    if label.halo:  # a pale plate underneath keeps it readable over grid and series lines (cheaper than outlined text)
        left, top, right, bottom = label.box
        text = (
            f'<rect x="{svg_number(left - 1.5)}" y="{svg_number(top)}" width="{svg_number(right - left + 3)}" '
            f'height="{svg_number(bottom - top)}" rx="2" {HALO}/>' + text
        )
    return text


def html_text(label: Label, origin_x: float, origin_y: float, scale: float) -> str:
    """A label as an absolutely positioned paragraph, in millimetres from the chart's top left corner."""
    left, top, right, _ = label.box
    align = {"start": "left", "middle": "center", "end": "right"}[label.anchor]
    style = (
        f"left: {svg_number((left - origin_x) * scale)}mm; top: {svg_number((top - origin_y) * scale)}mm; "
        f"width: {svg_number((right - left) * scale)}mm; font-size: {svg_number(label.size * scale)}mm; "
        f"text-align: {align}; color: {label.colour}"
    )
    classes = f"radar-label {label.role}" + (" halo" if label.halo else "") + (" bold" if label.bold else "")
    return f'<p class="{classes}" style="{style}">{"<br>".join(plain_text(line) for line in label.lines)}</p>'
