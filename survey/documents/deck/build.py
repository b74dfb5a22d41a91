"""The round's PowerPoint deck: editable slides a consultant drops into their own presentation.

Everything is native PowerPoint: the radar is a chart whose data the consultant can edit, the heatmap
and every figure a table, titles are title placeholders. Each slide carries the figures behind it in its
speaker notes. The deck shows only what the report shows: groups under the anonymity threshold have no
series, no row and no comment; below the threshold in all, only participation.
"""

from __future__ import annotations

from flask_babel import gettext as _
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Inches, Pt

from survey.documents.charts.radar import STYLES
from survey.documents.deck import progress_slides
from survey.documents.deck import sections as deck_sections
from survey.documents.deck.benchmark_slide import benchmark_slide, portfolio_slide
from survey.documents.deck.gap_slides import gap_slides
from survey.documents.deck.participation import participation_slide
from survey.documents.deck.pptx_kit import (
    CONTENT,
    MARGIN,
    WIDTH,
    Box,
    TextChartData,
    add_picture,
    add_slide,
    new_presentation,
    save,
    text_box,
)
from survey.documents.deck.readable import MIN_POINTS
from survey.documents.round.deliverable import Deliverable, day_text, score_text, shown_score
from survey.documents.round.report import aggregated_radar_series

EVERYONE_COLOUR = "#000000"  # all respondents: the thick black line the groups are read against
GROUP_STYLES = tuple(style for style in STYLES if style.colour != EVERYONE_COLOUR)
DASHES = (
    MSO_LINE_DASH_STYLE.SOLID,
    MSO_LINE_DASH_STYLE.DASH,
    MSO_LINE_DASH_STYLE.ROUND_DOT,
    MSO_LINE_DASH_STYLE.DASH_DOT,
    MSO_LINE_DASH_STYLE.LONG_DASH,
    MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
)


def build_deck(deliverable: Deliverable) -> bytes:
    """The .pptx file of the round, in the deliverable's language (call inside force_locale)."""
    presentation = new_presentation(deliverable.footer, deliverable.deck_template)
    title_slide(presentation, deliverable)
    if deliverable.report.aggregate.has_results:
        deck_sections.summary_slide(presentation, deliverable)
        radar_slide(presentation, deliverable)
        deck_sections.heatmap_slide(presentation, deliverable)
        gap_slides(presentation, deliverable)
        for practice in deliverable.practices():
            deck_sections.practice_slide(presentation, deliverable, practice)
        progress_slides.progress_slide(presentation, deliverable)
        deck_sections.roadmap_slide(presentation, deliverable)
        deck_sections.comment_slides(presentation, deliverable)
    participation_slide(presentation, deliverable)
    benchmark_slide(presentation, deliverable)
    portfolio_slide(presentation, deliverable)
    deck_sections.method_slide(presentation, deliverable)
    return save(presentation)


def title_slide(presentation, deliverable: Deliverable) -> None:
    report = deliverable.report
    title = _("%(client)s: readiness, round %(number)d", client=deliverable.client, number=report.round.number)
    dates = _("Round opened %(date)s", date=day_text(report.round.opened_at))
    if report.round.closed_at:
        dates += " · " + _("closed %(date)s", date=day_text(report.round.closed_at))
    notes = "\n".join(
        [
            title,
            dates,
            _("Submitted responses: %(count)d", count=report.aggregate.respondents),
            _("Document made on %(date)s", date=day_text(deliverable.made_on)),
        ]
    )
    slide = add_slide(presentation, title, notes)
    slide.shapes.title.top = Inches(2.6)
    slide.shapes.title.height = Inches(1.2)
    if deliverable.client_logo:
        add_picture(slide, deliverable.client_logo, Box(MARGIN, Inches(0.5), Inches(3), Inches(1.5)))
    if deliverable.firm_logo:
        add_picture(slide, deliverable.firm_logo, Box(WIDTH - MARGIN - Inches(3), Inches(0.5), Inches(3), Inches(1.5)))
    lines = [_("Readiness Scorecard"), dates, _("Document made on %(date)s", date=day_text(deliverable.made_on))]
    if deliverable.firm_name:
        lines.append(deliverable.firm_name)
    text_box(slide, Box(MARGIN, Inches(4.0), Inches(12), Inches(2)), lines, size=18, space_after=6)


def radar_slide(presentation, deliverable: Deliverable) -> None:
    """The native radar: one series per group shown, then all respondents, the report's figures."""
    questionnaire, aggregate = deliverable.questionnaire, deliverable.report.aggregate
    series = aggregated_radar_series(questionnaire, aggregate)
    categories = [deliverable.title(practice.title) for practice in deliverable.practices()]
    data = TextChartData()
    data.categories = categories
    for one in series:
        data.add_series(one.name, [shown_score(value) for value in one.scores], number_format="0.0")
    notes = "\n".join(
        f"{one.name}: " + "; ".join(f"{c} {score_text(v)}" for c, v in zip(categories, one.scores, strict=True))
        for one in series
    )
    slide = add_slide(presentation, _("Scores by practice"), notes)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR, CONTENT.left, CONTENT.top, CONTENT.width, CONTENT.height, data)
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(MIN_POINTS)
    chart.font.size = Pt(MIN_POINTS)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 100, 20
    plotted = list(chart.plots[0].series)
    for index, one in enumerate(plotted[:-1]):  # groups: the web report's colours and dashes
        look = GROUP_STYLES[index % len(GROUP_STYLES)]
        style_line(one.format.line, look.colour, DASHES[STYLES.index(look) % len(DASHES)], 2)
    style_line(plotted[-1].format.line, EVERYONE_COLOUR, MSO_LINE_DASH_STYLE.SOLID, 3.5)  # all respondents


def style_line(line, colour: str, dash, width: float) -> None:
    line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    line.width = Pt(width)
    line.dash_style = dash
