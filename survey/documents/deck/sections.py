"""The deck's slides after the radar: summary, heatmap, gaps, one per practice, progress, roadmap,
comments, method. Each states only figures of the round's report, and repeats them in its notes."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from pptx.util import Inches

from survey.documents.deck.pptx_kit import (
    CONTENT,
    CONTENT_BOTTOM,
    Box,
    add_slide,
    add_table,
    colour_key,
    heat_fill,
    outline_box,
    text_box,
)
from survey.documents.round.deliverable import Deliverable, score_text, spread_text
from survey.documents.round.heat_colours import heat_band, heat_bands, legend_label
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import gap_lines, practice_name, roadmap, summary_sentences
from survey.domain.rounds.aggregate_types import consensus

COMMENTS_PER_SLIDE = 10
GAPS_SHOWN = 3
ACTIONS_PER_HORIZON = 4  # what a column of the roadmap slide holds
LEGEND_HEIGHT = Inches(0.35)


def summary_slide(presentation, deliverable: Deliverable) -> None:
    lines = summary_sentences(deliverable)
    slide = add_slide(presentation, _("Executive summary"), "\n".join(lines))
    text_box(slide, CONTENT, lines, size=22, bullets=True, space_after=18)


def heatmap_slide(presentation, deliverable: Deliverable) -> None:
    """Groups x practices, each cell coloured by its level as on the web page, the number in it (readable in
    greyscale), and the colour key under the table."""
    heatmap = deliverable.report.synthesis.heatmap
    header = [_("Group"), *(practice_name(deliverable, row.dimension_id) for row in heatmap.rows)]
    lines = [(group_label(g), [row.cells[index] for row in heatmap.rows]) for index, g in enumerate(heatmap.groups)]
    lines.append((_("All respondents"), [row.everyone for row in heatmap.rows]))
    rows, fills, inks = [header], {}, {}
    for r, (name, cells) in enumerate(lines, start=1):
        rows.append([name, *(score_text(cell.value) for cell in cells)])
        for c, cell in enumerate(cells, start=1):
            band = heat_band(deliverable.questionnaire, cell.value)
            if band is not None:
                fills[r, c], inks[r, c] = heat_fill(band.fill), heat_fill(band.ink)
    notes = "\n".join(
        f"{row[0]}: " + "; ".join(f"{h} {v}" for h, v in zip(header[1:], row[1:], strict=True)) for row in rows[1:]
    )
    slide = add_slide(
        presentation, _("Heatmap: scores by group and practice"), notes + "\n" + legend_notes(deliverable)
    )
    add_table(slide, CONTENT, rows, fills, size=10, first_width=Inches(1.8), inks=inks)
    heat_legend(slide, deliverable, Box(CONTENT.left, CONTENT_BOTTOM - LEGEND_HEIGHT, CONTENT.width, LEGEND_HEIGHT))


def heat_legend(slide, deliverable: Deliverable, box: Box) -> None:
    """The colour key: each level's colour and name, from the score it starts at (as on the web page)."""
    bands = heat_bands(deliverable.questionnaire)
    colour_key(slide, box, [(legend_label(band, deliverable.lang), band.fill, band.ink) for band in bands])


def legend_notes(deliverable: Deliverable) -> str:
    bands = heat_bands(deliverable.questionnaire)
    return _("Colour key") + ": " + "; ".join(legend_label(band, deliverable.lang) for band in bands)


def gaps_slide(presentation, deliverable: Deliverable) -> None:
    """The widest perception gaps, told in what each of the two groups mostly answered."""
    lines = gap_lines(deliverable, GAPS_SHOWN)
    if not lines:
        lines = [(0, _("Gaps between groups appear when at least two groups can be shown."))]
    slide = add_slide(presentation, _("Perception gaps"), "\n".join(text for _, text in lines))
    outline_box(slide, CONTENT, lines, size=13)


def practice_slide(presentation, deliverable: Deliverable, practice) -> None:
    """One practice: its score and spread, each shown group's mean per question, the recommendation."""
    aggregate = deliverable.report.aggregate
    spread = aggregate.dimensions.get(practice.id)
    mean = spread.mean if spread else None
    level = deliverable.level_name(mean)
    headline = _("Score %(score)s", score=score_text(mean)) + (f" · {level}" if level else "")
    agreement = {"strong": _("strong"), "moderate": _("moderate"), "weak": _("weak")}.get(consensus(spread), "—")
    facts = [headline, spread_text(spread), _("Consensus: %(level)s", level=agreement)]
    groups = aggregate.groups
    rows = [[_("Question"), *(group_label(g) for g in groups)]]
    for question in practice.questions:
        means = [g.questions.get(question.id) for g in groups]
        if any(m is not None for m in means):
            rows.append([deliverable.title(question.text), *(score_text(m) for m in means)])
    recommendation = deliverable.recommendation(practice, mean)
    notes = "\n".join([*facts, *(" · ".join(row) for row in rows[1:]), recommendation])
    slide = add_slide(presentation, deliverable.title(practice.title), notes)
    text_box(slide, Box(CONTENT.left, CONTENT.top, Inches(4), Inches(2.2)), facts, size=16, space_after=8)
    if recommendation:
        top = CONTENT.top + Inches(2.4)
        text_box(slide, Box(CONTENT.left, top, Inches(4), Inches(0.4)), [_("Recommendation")], size=16, bold=True)
        text_box(slide, Box(CONTENT.left, top + Inches(0.5), Inches(4), Inches(2.6)), [recommendation], size=14)
    if groups and len(rows) > 1:
        asked = [q for q in practice.questions if any(g.questions.get(q.id) is not None for g in groups)]
        bands = {
            (r, c): heat_band(deliverable.questionnaire, g.questions.get(q.id))
            for r, q in enumerate(asked, start=1)
            for c, g in enumerate(groups, start=1)
        }
        fills = {at: heat_fill(band.fill) for at, band in bands.items() if band is not None}
        inks = {at: heat_fill(band.ink) for at, band in bands.items() if band is not None}
        box = Box(CONTENT.left + Inches(4.3), CONTENT.top, CONTENT.width - Inches(4.3), CONTENT.height)
        add_table(slide, box, rows, fills, size=10, first_width=Inches(4.2), inks=inks)
        heat_legend(slide, deliverable, Box(box.left, CONTENT_BOTTOM - LEGEND_HEIGHT, box.width, LEGEND_HEIGHT))


def roadmap_slide(presentation, deliverable: Deliverable) -> None:
    """Recommendations in three horizons (30, 90, 180 days)."""
    steps = roadmap(deliverable)
    slide = add_slide(
        presentation,
        _("Recommendations and roadmap"),
        "\n".join(f"{days}: {' / '.join(items)}" for days, items in steps),
    )
    width = CONTENT.width // 3
    for index, (days, items) in enumerate(steps):
        box = Box(CONTENT.left + index * width, CONTENT.top, width - Inches(0.2), CONTENT.height)
        heading = ngettext("Within %(num)d day", "Within %(num)d days", days)
        text_box(slide, Box(box.left, box.top, box.width, Inches(0.5)), [heading], size=18, bold=True)
        shown = [f"• {item}" for item in items[:ACTIONS_PER_HORIZON]]
        if len(items) > ACTIONS_PER_HORIZON:
            more = len(items) - ACTIONS_PER_HORIZON
            shown.append(
                ngettext(
                    "And %(num)d more action, in the notes and the workbook.",
                    "And %(num)d more actions, in the notes and the workbook.",
                    more,
                )
            )
        body = Box(box.left, box.top + Inches(0.6), box.width, box.height - Inches(0.6))
        text_box(slide, body, shown, size=11, space_after=6)


def comment_slides(presentation, deliverable: Deliverable) -> None:
    """The comments the consultant chose, redacted as they chose, by practice; several slides if need be."""
    report = deliverable.report
    entries = [
        (deliverable.title(practice.title), text)
        for practice in deliverable.practices()
        for text in report.comments.get(practice.id, ())
    ]
    if not entries:
        slide = add_slide(presentation, _("Comments"), _("No comment."))
        text_box(slide, CONTENT, [_("No comment.")], size=18)
        return
    for start in range(0, len(entries), COMMENTS_PER_SLIDE):
        chunk = entries[start : start + COMMENTS_PER_SLIDE]
        lines = [
            f"{practice} — « {text} »" if deliverable.lang == "fr" else f"{practice} — “{text}”"
            for practice, text in chunk
        ]
        slide = add_slide(presentation, _("Comments"), "\n".join(lines))
        text_box(slide, CONTENT, lines, size=14, bullets=True, space_after=8)


def method_slide(presentation, deliverable: Deliverable) -> None:
    aggregate = deliverable.report.aggregate
    lines = [
        ngettext(
            "%(num)d submitted response in round %(round)d.",
            "%(num)d submitted responses in round %(round)d.",
            aggregate.respondents,
            round=deliverable.report.round.number,
        ),
        _(
            "Scores run from 0 to 100: each answer scores its choice against the best one; “Don't know” is left out of the means."  # noqa: E501 (one message to translate)
        ),
        _(
            "Anonymity: a group is shown on its own only from %(count)d submitted responses; comments are shown without names.",  # noqa: E501 (one message to translate)
            count=aggregate.threshold,
        ),
        _("Consensus: strong when the standard deviation is under 10 points, moderate under 20, weak above."),
    ]
    if aggregate.merged_groups:
        groups = ", ".join(aggregate.merged_groups)
        if aggregate.merged_shown:
            lines.append(_("Fewer responses in: %(groups)s. They are shown together as “Other groups”.", groups=groups))
        else:
            lines.append(
                _(
                    "Fewer responses in: %(groups)s. They are not shown on their own, and count only in “All respondents”.",  # noqa: E501 (one message to translate)
                    groups=groups,
                )
            )
    if not aggregate.has_results:
        lines.insert(
            1,
            _(
                "Results appear from %(count)d submitted responses, so that no one's answers can be singled out.",
                count=aggregate.threshold,
            ),
        )
    participation = "\n".join(
        f"{line.group.name}: {line.submitted}/{line.started}" for line in deliverable.report.participation
    )
    slide = add_slide(presentation, _("Method and anonymity"), "\n".join([*lines, participation]))
    text_box(slide, CONTENT, lines, size=16, bullets=True, space_after=10)
