"""One slide per highlighted perception gap: a native clustered bar chart of how each of the two groups
answered the question that divides them most (shares of each group, choice labels in the engagement's
language), the two groups' means in the title, the other questions of the gap in the notes.

Shares are read only from the groups the report shows (domain/rounds/answer_gaps.py): a group under the
anonymity threshold has no bar, as it has no row anywhere else.
"""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from survey.documents.deck.pptx_kit import CONTENT, Box, TextChartData, add_slide, text_box
from survey.documents.round.deliverable import Deliverable, score_text
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import answer_label, gap_lines, group_answer, practice_name

SERIES_COLOURS = ("0072B2", "E69F00")  # Okabe-Ito blue and orange: told apart in every colour vision
NO_GAP_SHOWN = 3  # when no gap is highlighted, the widest few in one text slide


def gap_slides(presentation, deliverable: Deliverable) -> None:
    gaps = deliverable.report.synthesis.gaps
    highlighted = [item for item in gaps if item.prominent and item.questions]
    if not highlighted:
        return no_highlighted_gap_slide(presentation, deliverable)
    for item in highlighted:
        gap_slide(presentation, deliverable, item)


def no_highlighted_gap_slide(presentation, deliverable: Deliverable) -> None:
    lines = [text for level, text in gap_lines(deliverable, NO_GAP_SHOWN) if level == 0]
    message = (
        _("No gap between two groups stands out in this round.")
        if lines
        else _("Gaps between groups appear when at least two groups can be shown.")
    )
    notes = "\n".join(text for _, text in gap_lines(deliverable, NO_GAP_SHOWN)) or message
    slide = add_slide(presentation, _("Perception gaps"), notes)
    text_box(slide, CONTENT, [message, *lines], size=18, space_after=10)


def gap_title(deliverable: Deliverable, gap) -> str:
    return _(
        "%(practice)s: %(high_group)s %(high)s, %(low_group)s %(low)s",
        practice=practice_name(deliverable, gap.dimension_id),
        high_group=group_label(gap.high),
        high=score_text(gap.high.dimensions[gap.dimension_id]),
        low_group=group_label(gap.low),
        low=score_text(gap.low.dimensions[gap.dimension_id]),
    )


def chart_data(deliverable: Deliverable, question) -> TextChartData:
    """Categories: the question's choices in the questionnaire's order ("Don't know" last when given);
    series: the gap's two groups, each choice's share of the group's answers."""
    spec = deliverable.questionnaire.questions_by_id[question.question_id]
    two = question.groups[:2]
    values = [choice.value for choice in spec.choices]
    if any(answers.counts.get("dont_know") for answers in two):
        values.append("dont_know")
    data = TextChartData(number_format="0%")
    data.categories = [answer_label(deliverable, question.question_id, value) for value in values]
    for answers in two:
        total = answers.total or 1
        data.add_series(group_label(answers.group), [answers.counts.get(value, 0) / total for value in values])
    return data


def gap_slide(presentation, deliverable: Deliverable, item) -> None:
    gap, question = item.gap, item.questions[0]  # the question that divides the two groups most
    spec = deliverable.questionnaire.questions_by_id[question.question_id]
    question_text = deliverable.title(spec.text)
    counts = [
        _("%(group)s: %(count)s answers", group=group_label(a.group), count=format_decimal(a.total))
        for a in question.groups[:2]
    ]
    notes = [
        gap_title(deliverable, gap),
        _("%(points)s points apart", points=score_text(gap.difference)),
        _("Chart: %(question)s", question=question_text),
        *(group_answer(deliverable, question, answers) for answers in question.groups[:2]),
        *counts,
    ]
    for other in item.questions[1:]:
        other_text = deliverable.title(deliverable.questionnaire.questions_by_id[other.question_id].text)
        notes.append(_("Also: %(question)s", question=other_text))
        notes.extend(f"  {group_answer(deliverable, other, answers)}" for answers in other.groups[:2])
    slide = add_slide(presentation, gap_title(deliverable, gap), "\n".join(notes))
    apart = _("%(points)s points apart", points=score_text(gap.difference))
    text_box(slide, Box(CONTENT.left, CONTENT.top, CONTENT.width, Inches(0.9)), [question_text, apart], size=16)
    top = CONTENT.top + Inches(1.0)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED,
        CONTENT.left,
        top,
        CONTENT.width,
        CONTENT.top + CONTENT.height - top,
        chart_data(deliverable, question),
    )
    chart = frame.chart
    chart.font.size = Pt(14)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(14)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 1, 0.25
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0%", False
    axis.has_major_gridlines = True
    chart.category_axis.reverse_order = True  # the first choice at the top, as on the questionnaire
    chart.category_axis.tick_labels.font.size = Pt(14)
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 60, -10
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = "0%", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(14)
    for series, colour in zip(plot.series, SERIES_COLOURS, strict=False):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour)
