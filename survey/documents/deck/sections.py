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
    set_notes,
    text_box,
)
from survey.documents.deck.readable import (
    MAX_CHARS,
    MAX_ROWS,
    MIN_POINTS,
    continued,
    fit_lines,
    notes_with_rest,
    shorten,
    table_pages,
)
from survey.documents.round.deliverable import Deliverable, score_text, spread_text
from survey.documents.round.heat_colours import heat_band, heat_bands, legend_label
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import roadmap, summary_sentences
from survey.domain.fieldwork.curation import representative_first
from survey.domain.rounds.aggregate_types import consensus

FACTS_WIDTH = Inches(3.4)  # the practice slide's left column: score, spread, recommendation
QUESTION_CHARS = 55  # a question's text in a practice table (in full in the notes)
ACTIONS_PER_HORIZON = 3  # at most, what a column of the roadmap slide holds (fewer when they are long)
LEGEND_HEIGHT = Inches(0.4)


def summary_slide(presentation, deliverable: Deliverable) -> None:
    lines = summary_sentences(deliverable)
    shown, rest = fit_lines(lines)
    slide = add_slide(presentation, _("Executive summary"), notes_with_rest("\n".join(shown), rest))
    text_box(slide, CONTENT, shown, size=22, bullets=True, space_after=18)


def heatmap_slide(presentation, deliverable: Deliverable) -> None:
    """Practices x groups, each cell coloured by its level as on the web page and the number in it (readable
    in greyscale), the colour key under the table: a row per practice and one for the overall score, so that
    nine practices hold on one slide."""
    aggregate = deliverable.report.aggregate
    practices = list(deliverable.practices())
    header = [_("Practice"), *(group_label(g) for g in aggregate.groups), _("All respondents")]
    columns = [*([g.dimensions.get(p.id) for p in practices] + [g.overall] for g in aggregate.groups)]
    everyone = aggregate.overall.mean if aggregate.overall else None
    columns.append([*(aggregate.dimension_mean(p.id) for p in practices), everyone])
    names = [*(deliverable.title(p.title) for p in practices), _("Overall")]
    rows = [header] + [[name, *(score_text(column[r]) for column in columns)] for r, name in enumerate(names)]
    notes = "\n".join(
        f"{row[0]}: " + "; ".join(f"{h} {v}" for h, v in zip(header[1:], row[1:], strict=True)) for row in rows[1:]
    )
    pages = table_pages(rows)
    for number, page in enumerate(pages, 1):
        start = (number - 1) * MAX_ROWS
        bands = {
            (r, c): heat_band(deliverable.questionnaire, column[start + r - 1])
            for r in range(1, len(page))
            for c, column in enumerate(columns, start=1)
        }
        title = continued(_("Heatmap: scores by practice and group"), number, len(pages))
        slide = add_slide(presentation, title, notes + "\n" + legend_notes(deliverable))
        fills, inks = band_colours(bands)
        add_table(slide, table_box(CONTENT), page, fills, size=MIN_POINTS, first_width=Inches(3.4), inks=inks)
        heat_legend(slide, deliverable, CONTENT)


def band_colours(bands: dict) -> tuple[dict, dict]:
    """Cell fills and inks of the level bands (a cell without a score keeps the table's own colours)."""
    fills = {at: heat_fill(band.fill) for at, band in bands.items() if band is not None}
    inks = {at: heat_fill(band.ink) for at, band in bands.items() if band is not None}
    return fills, inks


def table_box(box: Box) -> Box:
    """Where a coloured table goes: `box` less the colour key's line at its foot."""
    return Box(box.left, box.top, box.width, box.height - LEGEND_HEIGHT)


def heat_legend(slide, deliverable: Deliverable, box: Box) -> None:
    """The colour key at the foot of `box`: each level's colour and name, from the score it starts at (as on
    the web page)."""
    bands = heat_bands(deliverable.questionnaire)
    entries = [(legend_label(band, deliverable.lang), band.fill, band.ink) for band in bands]
    colour_key(slide, Box(box.left, CONTENT_BOTTOM - LEGEND_HEIGHT, box.width, LEGEND_HEIGHT), entries, MIN_POINTS)


def legend_length(deliverable: Deliverable) -> int:
    """The characters the colour key puts on a slide (they count in its ~600)."""
    return sum(len(legend_label(band, deliverable.lang)) for band in heat_bands(deliverable.questionnaire))


def legend_notes(deliverable: Deliverable) -> str:
    bands = heat_bands(deliverable.questionnaire)
    return _("Colour key") + ": " + "; ".join(legend_label(band, deliverable.lang) for band in bands)


def practice_slide(presentation, deliverable: Deliverable, practice) -> None:
    """One practice: its score and spread, each shown group's mean per question, the recommendation; a
    practice of many questions continues on the next slide, and what has no room is in the notes."""
    aggregate = deliverable.report.aggregate
    spread = aggregate.dimensions.get(practice.id)
    mean = spread.mean if spread else None
    level = deliverable.level_name(mean)
    headline = _("Score %(score)s", score=score_text(mean)) + (f" · {level}" if level else "")
    agreement = {"strong": _("strong"), "moderate": _("moderate"), "weak": _("weak")}.get(consensus(spread), "—")
    facts = [headline, spread_text(spread), _("Consensus: %(level)s", level=agreement)]
    groups = aggregate.groups
    rows = [[_("Question"), *(group_label(g) for g in groups)]]
    asked = [q for q in practice.questions if any(g.questions.get(q.id) is not None for g in groups)]
    for question in asked:
        text = shorten(deliverable.title(question.text), QUESTION_CHARS)  # in full in the notes
        rows.append([text, *(score_text(g.questions.get(question.id)) for g in groups)])
    recommendation = deliverable.recommendation(practice, mean)
    in_full = [[deliverable.title(q.text), *row[1:]] for q, row in zip(asked, rows[1:], strict=True)]
    notes = "\n".join([*facts, *(" · ".join(row) for row in in_full), recommendation])
    fixed = sum(map(len, facts)) + (legend_length(deliverable) if groups else 0)  # beside the table on every page
    pages = table_pages(rows, per_slide=budgeted_rows(rows, MAX_CHARS - fixed))
    for number, page in enumerate(pages, 1):
        slide_notes, used = notes, sum(len(cell) for row in page for cell in row) + fixed
        slide = add_slide(presentation, continued(deliverable.title(practice.title), number, len(pages)), slide_notes)
        text_box(slide, Box(CONTENT.left, CONTENT.top, FACTS_WIDTH, Inches(2.2)), facts, size=16, space_after=8)
        if recommendation and number == len(pages):
            shown, rest = fit_lines([recommendation], max(MAX_CHARS - used, 120))
            set_notes(slide, notes_with_rest(notes, rest))
            top = CONTENT.top + Inches(2.4)
            heading = Box(CONTENT.left, top, FACTS_WIDTH, Inches(0.4))
            text_box(slide, heading, [_("Recommendation")], size=16, bold=True)
            text_box(slide, Box(CONTENT.left, top + Inches(0.5), FACTS_WIDTH, Inches(2.6)), shown, size=MIN_POINTS)
        if groups and len(page) > 1:
            start = (number - 1) * (len(pages[0]) - 1)
            bands = {
                (r, c): heat_band(deliverable.questionnaire, g.questions.get(q.id))
                for r, q in enumerate(asked[start : start + len(page) - 1], start=1)
                for c, g in enumerate(groups, start=1)
            }
            left = FACTS_WIDTH + Inches(0.2)
            box = Box(CONTENT.left + left, CONTENT.top, CONTENT.width - left, CONTENT.height)
            fills, inks = band_colours(bands)
            add_table(slide, table_box(box), page, fills, size=MIN_POINTS, first_width=Inches(3.8), inks=inks)
            heat_legend(slide, deliverable, box)


def budgeted_rows(rows, budget: int) -> int:
    """How many body rows of `rows` fit on a slide: at most MAX_ROWS, and as many as keep the table's text
    within `budget` characters (at least one)."""
    used, count = len("".join(rows[0])), 0
    for row in rows[1 : MAX_ROWS + 1]:
        used += len("".join(row))
        if used > budget and count:
            break
        count += 1
    return max(count, 1)


def roadmap_slide(presentation, deliverable: Deliverable) -> None:
    """Recommendations in horizons of 30, 90 and 180 days: a column for each horizon that has actions (an
    empty one is left out), holding its first actions; every action is in the notes and the workbook."""
    steps = [(days, items) for days, items in roadmap(deliverable) if items]
    notes = "\n".join(f"{days}: {' / '.join(items)}" for days, items in steps)
    slide = add_slide(presentation, _("Recommendations and roadmap"), notes)
    if not steps:
        text_box(slide, CONTENT, [_("No recommendation in this round.")], size=18)
        return
    width = CONTENT.width // len(steps)
    for index, (days, items) in enumerate(steps):
        box = Box(CONTENT.left + index * width, CONTENT.top, width - Inches(0.25), CONTENT.height)
        heading = ngettext("Within %(num)d day", "Within %(num)d days", days)
        text_box(slide, Box(box.left, box.top, box.width, Inches(0.5)), [heading], size=20, bold=True)
        # each column its share of the slide, less its heading and its "and N more" line
        shown, rest = fit_lines(items[:ACTIONS_PER_HORIZON], MAX_CHARS // len(steps) - 80)
        more = len(items) - len(shown)
        lines = [f"• {item}" for item in shown]
        if more:
            lines.append(
                ngettext(
                    "And %(num)d more action, in the notes and the workbook.",
                    "And %(num)d more actions, in the notes and the workbook.",
                    more,
                )
            )
        body = Box(box.left, box.top + Inches(0.7), box.width, box.height - Inches(0.7))
        text_box(slide, body, lines, size=16, space_after=8)


def comment_slides(presentation, deliverable: Deliverable) -> None:
    """The comments the consultant chose, redacted as they chose: one slide per practice that has some, the
    most representative first (domain/fieldwork/curation.representative_first), as many as fit; the others
    are in the notes and the workbook."""
    report = deliverable.report
    practices = [(p, representative_first(list(report.comments.get(p.id, ())))) for p in deliverable.practices()]
    practices = [(p, texts) for p, texts in practices if texts]
    if not practices:
        slide = add_slide(presentation, _("Comments"), _("No comment."))
        text_box(slide, CONTENT, [_("No comment.")], size=18)
        return
    for practice, texts in practices:
        quoted = [f"« {text} »" if deliverable.lang == "fr" else f"“{text}”" for text in texts]
        shown, rest = fit_lines(quoted)
        more = len(texts) - len(shown) + report.more_comments.get(practice.id, 0)
        title = _("Comments: %(practice)s", practice=deliverable.title(practice.title))
        notes = notes_with_rest("\n".join(shown), rest)
        if more:
            notes += "\n" + ngettext(
                "%(num)d more comment on this practice is in the workbook.",
                "%(num)d more comments on this practice are in the workbook.",
                more,
            )
        slide = add_slide(presentation, title, notes)
        text_box(slide, CONTENT, shown, size=16, bullets=True, space_after=10)


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
    shown, rest = fit_lines(lines)
    notes = notes_with_rest("\n".join([*shown, participation]), rest)
    slide = add_slide(presentation, _("Method and anonymity"), notes)
    text_box(slide, CONTENT, shown, size=16, bullets=True, space_after=10)
