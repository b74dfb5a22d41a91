"""Radar charts: geometry, escaping, labels that fit, and the shape of the Plotly figure."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.documents.charts.radar import (
    RadarAxes,
    RadarSeries,
    radar_axes,
    radar_figure,
    series_from_scorecard,
    wrap_label,
)
from survey.documents.charts.radar_svg import radar_html, radar_point, radar_svg
from survey.domain.questionnaire.scoring import score_answers

NS = "{http://www.w3.org/2000/svg}"
EN = (
    "Content validation",
    "Autonomy and trust",
    "Who runs the accounts",
    "Budget and resources",
    "Listening first",
    "Reactivity and crises",
    "Conversation vs. broadcast",
    "A credible human voice",
    "Leadership and openness",
)
FR = (
    "Validation des contenus",
    "Autonomie et confiance",
    "Qui est derrière les comptes",
    "Budget et moyens",
    "L'écoute d'abord",
    "Réactivité et crises",
    "Conversation plutôt que diffusion",
    "Une voix crédible et humaine",
    "Leadership et ouverture",
)
RINGS = ((0, "Broadcaster"), (25, "Controlled"), (50, "Engaged"), (75, "Conversational"))
NINE = RadarAxes(EN, RINGS)
SCORES = (72.5, 40.0, 55.3, 20.0, 88.0, 61.2, 33.3, 100.0, 47.9)
# radar_svg's documented geometry for the default width of 520: centre (260, 260), outer radius 156
CENTRE, RADIUS = 260, 156


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def series_polygons(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{NS}polygon[@class='series']")


def vertices(polygon: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in pair.split(",")) for pair in polygon.get("points").split()]


def axis_labels(root: ET.Element) -> list[str]:
    return [" ".join(t.itertext()) for t in root.iter(f"{NS}text") if t.get("class") == "axis-label"]


def legend(root: ET.Element) -> list[str]:
    return [" ".join(t.itertext()) for t in root.iter(f"{NS}text") if t.get("class") == "legend"]


# --- geometry ----------------------------------------------------------------------------------


def test_radar_point_starts_up_and_turns_clockwise():
    assert radar_point(0, 4, 100, 100, 200, 200) == (200, 100)
    assert radar_point(1, 4, 100, 100, 200, 200) == (300, 200)
    assert radar_point(2, 4, 50, 100, 200, 200) == (200, 250)
    assert radar_point(3, 4, 0, 100, 200, 200) == (200, 200)


@given(
    count=st.integers(3, 12),
    data=st.data(),
    score=st.floats(0, 100),
    radius=st.floats(1, 1000),
    cx=st.floats(-500, 500),
    cy=st.floats(-500, 500),
)
def test_distance_from_the_centre_is_the_share_of_the_radius(count, data, score, radius, cx, cy):
    index = data.draw(st.integers(0, count - 1))
    x, y = radar_point(index, count, score, radius, cx, cy)
    assert math.hypot(x - cx, y - cy) == pytest.approx(score / 100 * radius, abs=0.01)


# --- SVG ---------------------------------------------------------------------------------------


def test_series_polygon_goes_through_the_scores():
    root = parse(radar_svg(NINE, [RadarSeries("You", SCORES)], "en"))
    (polygon,) = series_polygons(root)
    assert vertices(polygon)[0] == (260, 146.9)  # 72.5 % of 156 above the centre
    assert vertices(polygon)[7] == (106.37, 232.91)  # 100 on the axis at 280 degrees
    assert vertices(polygon) == [radar_point(i, 9, s, RADIUS, CENTRE, CENTRE) for i, s in enumerate(SCORES)]


def test_single_series_prints_its_scores_with_the_language_decimal_mark():
    scores = [t.text for t in parse(radar_svg(NINE, [RadarSeries("You", SCORES)], "fr")).iter(f"{NS}tspan")]
    assert {"72,5", "40,0", "100,0"} <= set(scores)
    assert "72.5" not in scores


def test_an_unscored_axis_is_skipped_and_its_label_marked():
    scores = (72.5, None, 55.3, 20.0, 88.0, 61.2, 33.3, 100.0, 47.9)
    root = parse(radar_svg(NINE, [RadarSeries("You", scores)], "en"))
    (polygon,) = series_polygons(root)
    assert len(vertices(polygon)) == 8
    assert radar_point(1, 9, 0, RADIUS, CENTRE, CENTRE) not in vertices(polygon)
    assert vertices(polygon)[1] == radar_point(2, 9, 55.3, RADIUS, CENTRE, CENTRE)
    labels = axis_labels(root)
    assert labels[1] == "Autonomy and trust (n/a)"
    assert not any("(n/a)" in label for i, label in enumerate(labels) if i != 1)
    assert "Autonomy and trust no answer" in root.get("aria-label")


def test_a_series_without_any_score_draws_no_empty_polygon():
    """ "Don't know" everywhere: nothing to draw, and an empty polygon would be a broken path in the PDF."""
    for chart in (
        radar_svg(NINE, [RadarSeries("You", (None,) * 9)], "en"),
        radar_html(NINE, [RadarSeries("You", (None,) * 9)], "en"),
    ):
        assert 'points=""' not in chart and 'class="series"' not in chart


def test_an_axis_is_marked_only_when_no_series_has_a_score_there():
    """Where another series has a score, the axis is not empty: only the gap in that polygon shows it."""
    series = [RadarSeries("You", SCORES), RadarSeries("ACME", (None,) + SCORES[1:])]
    root = parse(radar_svg(NINE, series, "en"))
    assert [len(vertices(p)) for p in series_polygons(root)] == [9, 8]
    assert axis_labels(root)[0] == "Content validation"


def html_chart(axes: RadarAxes, series: list[RadarSeries], lang: str) -> tuple[ET.Element, dict[str, list[str]]]:
    """radar_html's SVG, and the text of its HTML labels by role (axis-label, score...)."""
    root = ET.fromstring(radar_html(axes, series, lang).replace("<br>", "<br/>"))
    labels: dict[str, list[str]] = {}
    for p in root.iter("p"):
        role = p.get("class").split()[1]
        labels.setdefault(role, []).append(" ".join(p.itertext()))
    return root.find(f"{NS}svg"), labels


def test_html_radar_draws_the_same_shapes_without_svg_text():
    """The PDF's radar: scores at the same coordinates as radar_svg's, every label as HTML text."""
    svg, labels = html_chart(NINE, [RadarSeries("You", SCORES)], "fr")
    assert not list(svg.iter(f"{NS}text"))
    (polygon,) = series_polygons(svg)
    assert vertices(polygon) == [radar_point(i, 9, s, RADIUS, CENTRE, CENTRE) for i, s in enumerate(SCORES)]
    reference = parse(radar_svg(NINE, [RadarSeries("You", SCORES)], "fr"))
    assert svg.get("viewBox") == reference.get("viewBox")
    assert [label.replace(" ", "") for label in labels["axis-label"]] == [label.replace(" ", "") for label in EN]
    assert {"72,5", "40,0", "100,0"} <= set(labels["score"])
    assert labels["ring-label"] == ["Controlled 25", "Engaged 50", "Conversational 75", "100"]


def test_html_radar_escapes_user_text():
    axes = RadarAxes(("Budget <b>&</b> co", *EN[1:]), RINGS)
    series = [RadarSeries("ACME <script>alert(1)</script>", SCORES), RadarSeries("Two", SCORES)]
    html = radar_html(axes, series, "en")
    assert "<script>" not in html and "<b>" not in html
    svg, labels = html_chart(axes, series, "en")
    assert labels["legend"][0] == "ACME <script>alert(1)</script>"
    assert labels["axis-label"][0].startswith("Budget <b>&</b>")


def test_user_text_is_escaped():
    axes = RadarAxes(("Budget <b>&</b> co", *EN[1:]), RINGS)
    series = [RadarSeries("ACME <script>alert(1)</script> & Co", SCORES), RadarSeries('"Round 1"', SCORES)]
    svg = radar_svg(axes, series, "en")
    root = parse(svg)
    assert "<script>" not in svg
    assert not any(element.tag.endswith(("script", "}b")) for element in root.iter())
    assert legend(root)[0] == "ACME <script>alert(1)</script> & Co"
    assert axis_labels(root)[0] == "Budget <b>&</b> co"
    assert "ACME <script>alert(1)</script> & Co" in root.get("aria-label")


def test_series_differ_in_colour_dash_and_marker():
    series = [RadarSeries(name, SCORES) for name in ("You", "ACME", "Executive committee")]
    root = parse(radar_svg(NINE, series, "en"))
    polygons = series_polygons(root)
    assert len({p.get("stroke-dasharray") for p in polygons}) == 3
    colours = {p.get("stroke") for p in polygons}
    assert len(colours) == 3
    shapes = {
        marker.get("fill"): (marker.tag, len(marker.get("points", "").split()))
        for marker in root.iter()
        if marker.get("class") == "marker"
    }
    assert len({shapes[colour] for colour in colours}) == 3


def test_legend_only_for_several_series():
    one = parse(radar_svg(NINE, [RadarSeries("Round 1", SCORES)], "en"))
    two = parse(radar_svg(NINE, [RadarSeries("Round 1", SCORES), RadarSeries("Round 2", SCORES)], "en"))
    assert legend(one) == []
    assert legend(two) == ["Round 1", "Round 2"]


def test_accessible_name_summarises_the_scores():
    root = parse(radar_svg(NINE, [RadarSeries("You", SCORES)], "en"))
    assert root.get("role") == "img"
    assert "You: Content validation 72.5 (Engaged), Autonomy and trust 40.0 (Controlled)" in root.get("aria-label")
    assert root.find(f"{NS}title").text == root.get("aria-label")


@pytest.mark.parametrize("labels", [EN, FR], ids=["en", "fr"])
@pytest.mark.parametrize("count", [3, 5, 9])
def test_labels_are_whole_and_inside_the_viewbox(labels, count):
    """A label's box is estimated from its text (0.6 font size a character): it must fit the canvas."""
    series = [RadarSeries("You", (None,) * count), RadarSeries("ACME", (100.0,) * count)]
    root = parse(radar_svg(RadarAxes(labels[:count], RINGS), series, "fr"))
    left, top, width, height = (float(v) for v in root.get("viewBox").split())
    for text in root.iter(f"{NS}text"):
        size = float(text.get("font-size"))
        for tspan in text.iter(f"{NS}tspan"):
            x, baseline, chars = float(tspan.get("x")), float(tspan.get("y")), len(tspan.text)
            box_width = chars * size * 0.6
            start = {"start": x, "middle": x - box_width / 2, "end": x - box_width}[text.get("text-anchor")]
            assert left <= start and start + box_width <= left + width, tspan.text
            assert top <= baseline - size and baseline + 0.3 * size <= top + height, tspan.text
    assert axis_labels(root) == list(labels[:count])
    assert all(len(text.findall(f"{NS}tspan")) <= 3 for text in root.iter(f"{NS}text"))


def test_scores_must_match_the_axes():
    with pytest.raises(ValueError, match="'You' has 2 scores for 9 axes"):
        radar_svg(NINE, [RadarSeries("You", (1.0, 2.0))], "en")


def test_chart_of_a_real_scorecard(mini):
    card = score_answers(mini, "executive", {"v_layers": "one", "v_delay": "minutes", "l_monitoring": "sometimes"})
    axes = radar_axes(mini, "fr")
    assert axes == RadarAxes(labels=("Validation", "Écoute"), rings=((0, "Bas"), (50, "Moyen"), (80, "Haut")))
    series = series_from_scorecard("Vous", card)
    assert series == RadarSeries("Vous", (87.5, 50.0))
    root = parse(radar_svg(axes, [series], "fr"))
    assert "Validation 87,5 (Haut), Écoute 50,0 (Moyen)" in root.get("aria-label")


# --- label wrapping ----------------------------------------------------------------------------


def test_wrap_label_balances_lines_and_never_cuts_a_word():
    assert wrap_label("Listening first") == ["Listening first"]
    assert wrap_label("Validation des contenus") == ["Validation", "des contenus"]
    assert wrap_label("Conversation plutôt que diffusion") == ["Conversation", "plutôt que", "diffusion"]


@given(st.text(st.sampled_from("abcdéfghij  "), min_size=1, max_size=80).filter(str.strip))
def test_wrap_label_keeps_every_word(text):
    lines = wrap_label(text)
    assert len(lines) <= 3
    assert " ".join(lines).split() == text.split()


# --- Plotly figure -----------------------------------------------------------------------------


def test_figure_is_json_and_valid_for_plotly():
    figure = radar_figure(NINE, [RadarSeries("You", SCORES), RadarSeries("ACME", SCORES)], "en")
    json.dumps(figure)
    go.Figure(figure)  # raises on any property plotly does not know


def test_one_closed_trace_per_series():
    series = [RadarSeries("You", SCORES), RadarSeries("ACME", (None,) + SCORES[1:])]
    figure = radar_figure(NINE, series, "en")
    assert [trace["name"] for trace in figure["data"]] == ["You", "ACME"]
    for trace, one in zip(figure["data"], series, strict=True):
        assert trace["type"] == "scatterpolar"
        assert trace["r"] == [*one.scores, one.scores[0]]
        assert len(trace["theta"]) == 10 and trace["theta"][0] == trace["theta"][-1]
    assert figure["data"][1]["r"][0] is None
    assert figure["layout"]["showlegend"] is True
    assert {trace["fill"] for trace in figure["data"]} == {"none"}


def test_single_series_is_filled_without_legend():
    figure = radar_figure(NINE, [RadarSeries("You", SCORES)], "en")
    assert figure["data"][0]["fill"] == "toself"
    assert figure["layout"]["showlegend"] is False


def test_radial_axis_marks_the_levels():
    radial = radar_figure(NINE, [RadarSeries("You", SCORES)], "en")["layout"]["polar"]["radialaxis"]
    assert radial["range"] == [0, 100]
    assert radial["tickvals"] == [25, 50, 75, 100]  # the thresholds above 0, and the outer edge
    assert radial["ticktext"] == ["Controlled 25", "Engaged 50", "Conversational 75", "100"]


def test_hover_names_dimension_score_and_level():
    scores = (74.96, None, 75.0, *SCORES[3:])
    hover = radar_figure(NINE, [RadarSeries("You", scores)], "fr")["data"][0]["text"]
    assert hover[0] == "<b>Content validation</b><br>75,0 · Engaged"  # the level of the unrounded score
    assert hover[2] == "<b>Who runs the accounts</b><br>75,0 · Conversational"
    assert hover[1] == "<b>Autonomy and trust</b><br>pas de réponse"
    custom = radar_figure(NINE, [RadarSeries("You", scores)], "en", level_name=lambda s: f"L{s // 25:.0f}")
    assert custom["data"][0]["text"][0].endswith("75.0 · L2")
    assert "no answer" in custom["data"][0]["text"][1]


def test_figure_escapes_user_text_for_plotly_pseudo_html():
    axes = RadarAxes(("Budget <b>&</b>", *EN[1:]), RINGS)
    trace = radar_figure(axes, [RadarSeries("<script>x</script>", SCORES)], "en")["data"][0]
    assert trace["name"] == "&lt;script&gt;x&lt;/script&gt;"
    assert trace["theta"][0] == "Budget &lt;b&gt;&amp;&lt;/b&gt;"


def test_low_confidence_scores_get_a_hollow_marker_in_the_svg_and_in_plotly():
    low = (False, True, False, False, False, False, False, False, True)
    series = RadarSeries("You", SCORES, low)
    root = parse(radar_svg(NINE, [series], "fr"))
    markers = [m for m in root.iter() if (m.get("class") or "").startswith("marker")]
    assert [m.get("class") == "marker hollow" for m in markers] == list(low)
    assert markers[1].get("fill") == "#ffffff" and markers[1].get("stroke") == "#0072B2"
    assert "Autonomy and trust 40,0 (Controlled, confiance faible)" in root.get("aria-label")
    figure = radar_figure(NINE, [series], "en")
    go.Figure(figure)
    symbols = figure["data"][0]["marker"]["symbol"]
    assert symbols == ["circle", "circle-open", *["circle"] * 6, "circle-open", "circle"]  # closed: axis 0 again
    assert "low confidence" in figure["data"][0]["text"][1] and "low confidence" not in figure["data"][0]["text"][0]
