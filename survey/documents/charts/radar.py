"""Radar charts of the dimension scores: a Plotly figure for the web page, an SVG drawing for the PDF.

Pure: stdlib only, no Flask. The Plotly figure is built as a plain dict (the page hands it to
plotly.js with its own config), which keeps it JSON-ready and this module quick to import; the
tests check it against plotly's own schema. Both charts share one look (Okabe-Ito colours, and a
dash pattern and marker per series) so that they read the same on screen and printed in black and
white. The few words drawn inside a chart live here by language, because Babel needs Flask.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

if TYPE_CHECKING:
    from survey.domain.questionnaire.model import Questionnaire
    from survey.domain.questionnaire.scoring import ScoreCard

FONT = "system-ui, sans-serif"
NO_ANSWER = {"en": "no answer", "fr": "pas de réponse"}
NOT_AVAILABLE = {"en": "n/a", "fr": "n.d."}
LOW_CONFIDENCE = {"en": "low confidence", "fr": "confiance faible"}


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: a respondent, a group or a round; None where there is no score."""

    name: str
    scores: tuple[float | None, ...]
    low_confidence: tuple[bool, ...] = ()  # per axis: scored on too few answers, drawn with a hollow marker

    def is_hollow(self, index: int) -> bool:
        return index < len(self.low_confidence) and self.low_confidence[index]


@dataclass(frozen=True)
class RadarAxes:
    """Axis labels in the chosen language and the level thresholds drawn as rings."""

    labels: tuple[str, ...]
    rings: tuple[tuple[float, str], ...]


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    plotly_dash: str
    svg_dash: str
    marker: str


# Darker colours first, so that two or three series still differ in greyscale; the dash and the
# marker tell them apart when the colours do not.
STYLES = (
    SeriesStyle("#0072B2", "solid", "none", "circle"),
    SeriesStyle("#D55E00", "dash", "7 4", "square"),
    SeriesStyle("#009E73", "dot", "2 3", "triangle-up"),
    SeriesStyle("#CC79A7", "dashdot", "9 3 2 3", "diamond"),
    SeriesStyle("#000000", "longdash", "14 4", "triangle-down"),
    SeriesStyle("#E69F00", "longdashdot", "14 3 2 3", "cross"),
)


def radar_axes(questionnaire: Questionnaire, lang: str) -> RadarAxes:
    """One axis per dimension, one ring per level, in `lang`."""
    return RadarAxes(
        labels=tuple(d.title.get(lang) for d in questionnaire.dimensions),
        rings=tuple((level.min, level.name.get(lang)) for level in questionnaire.levels),
    )


def series_from_scorecard(name: str, scorecard: ScoreCard) -> RadarSeries:
    """The dimension scores of one scorecard, in questionnaire order."""
    return RadarSeries(name=name, scores=tuple(d.score for d in scorecard.dimensions))


def style_for(index: int) -> SeriesStyle:
    """The look of the series at `index`; the styles repeat after six series."""
    return STYLES[index % len(STYLES)]


def level_name_from_rings(rings: Sequence[tuple[float, str]]) -> Callable[[float], str]:
    """The name of the ring with the highest threshold not above a score (as scoring.level_for)."""
    ordered = sorted(rings, reverse=True)
    return lambda score: next((name for low, name in ordered if low <= score), ordered[-1][1] if ordered else "")


def ring_values(axes: RadarAxes) -> list[tuple[float, str]]:
    """Rings to draw, inside out: every threshold above 0, then 100 (the outer edge)."""
    rings = [(low, f"{name} {low:g}") for low, name in sorted(axes.rings) if 0 < low < 100]
    return [*rings, (100.0, "100")]


def shown_labels(axes: RadarAxes, series: Sequence[RadarSeries], lang: str) -> list[str]:
    """Axis labels, marked "(n/a)" where no series has a score (the chart is empty there); checks the shapes."""
    check_shapes(axes, series)
    mark = NOT_AVAILABLE.get(lang, NOT_AVAILABLE["en"])
    return [
        f"{label} ({mark})" if all(s.scores[i] is None for s in series) else label
        for i, label in enumerate(axes.labels)
    ]


def check_shapes(axes: RadarAxes, series: Sequence[RadarSeries]) -> None:
    """ValueError unless there are axes and every series has one score per axis."""
    if not axes.labels:
        raise ValueError("a radar chart needs at least one axis")
    for s in series:
        if len(s.scores) != len(axes.labels):
            raise ValueError(f"series {s.name!r} has {len(s.scores)} scores for {len(axes.labels)} axes")


def wrap_label(text: str, max_chars: int = 18) -> list[str]:
    """The fewest lines of at most `max_chars` (3 lines, wider, for longer text), balanced; words are never cut."""
    return list(_wrapped_label(text, max_chars))


@lru_cache(maxsize=1024)
def _wrapped_label(text: str, max_chars: int) -> tuple[str, ...]:
    """Kept per (label, width): the search tries every width, and labels repeat on every report."""
    for count in (1, 2):
        lines = _narrowest_wrap(text, count)
        if max(len(line) for line in lines) <= max_chars:
            return tuple(lines)
    return tuple(_narrowest_wrap(text, 3))


def _narrowest_wrap(text: str, count: int) -> list[str]:
    """The narrowest wrapping of `text` into at most `count` lines."""
    for width in range(1, len(text) + 1):
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        if len(lines) <= count:
            return lines or [text]
    return [text]


def format_score(score: float, lang: str) -> str:
    """One decimal, through Babel in `lang` ("49.1", "49,1")."""
    return format_decimal(score, format="0.0", locale=lang)


def plain_text(text: str) -> str:
    """User text made safe for SVG and for Plotly's pseudo-HTML: escaped, no control characters."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text))


def rgba(colour: str, alpha: float) -> str:
    """A "#rrggbb" colour made see-through, for the fill under a polygon."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _symbol(marker: str, hollow: bool) -> str:
    """Plotly's symbol name: "-open" draws the outline only (a practice scored on too few answers)."""
    return f"{marker}-open" if hollow else marker


def radar_figure(
    axes: RadarAxes,
    series: Sequence[RadarSeries],
    lang: str,
    level_name: Callable[[float], str] | None = None,
) -> dict:
    """A Plotly figure (data and layout, no config) with one closed polygon per series.

    `level_name` names the level of a score in the hover text; by default the ring it falls in.
    Plotly reads pseudo-HTML in every text, so user text is escaped and shows as typed.
    """
    level_name = level_name or level_name_from_rings(axes.rings)
    no_answer = NO_ANSWER.get(lang, NO_ANSWER["en"])
    theta = ["<br>".join(plain_text(line) for line in wrap_label(label)) for label in shown_labels(axes, series, lang)]
    traces = []
    for index, one in enumerate(series):
        style = style_for(index)
        hover = [
            f"<b>{plain_text(label)}</b><br>"
            + (no_answer if score is None else f"{format_score(score, lang)} · {plain_text(level_name(score))}")
            + (f"<br>{LOW_CONFIDENCE.get(lang, LOW_CONFIDENCE['en'])}" if one.is_hollow(i) else "")
            for i, (label, score) in enumerate(zip(axes.labels, one.scores, strict=True))
        ]
        traces.append(
            {
                "type": "scatterpolar",
                "name": plain_text(one.name),
                "r": [*one.scores, one.scores[0]],
                "theta": [*theta, theta[0]],
                "text": [*hover, hover[0]],
                "hovertemplate": "%{text}<extra>" + ("%{fullData.name}" if len(series) > 1 else "") + "</extra>",
                "mode": "lines+markers",
                "hoveron": "points",  # not the fill, whose hover shows only the series name
                "fill": "toself" if len(series) == 1 else "none",
                "fillcolor": rgba(style.colour, 0.15),
                "line": {"color": style.colour, "dash": style.plotly_dash, "width": 2},
                "marker": {
                    "color": style.colour,
                    "symbol": [_symbol(style.marker, one.is_hollow(i)) for i in [*range(len(one.scores)), 0]],
                    "size": 8,
                },
            }
        )
    rings = ring_values(axes)
    grid = {"gridcolor": "#d4d4d4", "linecolor": "#8c8c8c"}  # the outer edge darker, as in the SVG
    return {
        "data": traces,
        "layout": {
            "font": {"family": FONT, "size": 13, "color": "#222222"},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "showlegend": len(series) > 1,
            "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.08, "yanchor": "top"},
            "margin": {"l": 70, "r": 70, "t": 50, "b": 50},
            "hoverlabel": {"font": {"family": FONT}},
            "polar": {
                "bgcolor": "rgba(0,0,0,0)",
                "gridshape": "linear",
                "radialaxis": {
                    "range": [0, 100],
                    "tickvals": [value for value, _ in rings],
                    "ticktext": [plain_text(text) for _, text in rings],
                    "angle": 90,
                    "tickangle": 90,
                    "tickfont": {"size": 10, "color": "#666666"},
                    "showline": False,
                    **grid,
                },
                "angularaxis": {"rotation": 90, "direction": "clockwise", "tickfont": {"size": 12}, **grid},
            },
        },
    }
