"""The deck's progress since round n-1: all respondents' change per practice, then each group's, every change
with its noise band and the report's verdict (ScoreChange.verdict), so that no slide shows a move inside
the noise as a rise or a fall."""

from __future__ import annotations

from flask_babel import gettext as _
from pptx.util import Inches

from survey.documents.deck.pptx_kit import CONTENT, CONTENT_BOTTOM, Box, add_slide, add_table, text_box
from survey.documents.round.deliverable import Deliverable, score_text, signed_text
from survey.documents.round.progress_words import noise_note, noise_text, verdict_text
from survey.documents.round.report import group_label
from survey.documents.round.synthesis_words import practice_name

# Both rounds, the change and the noise narrow; the verdict wide enough for one line (first column: 4.5 in).
COLUMN_WIDTHS = (Inches(1.15), Inches(1.15), Inches(1.3), Inches(1.3), Inches(2.9))


def progress_slide(presentation, deliverable: Deliverable) -> None:
    """All respondents' change per practice, with its noise band and the report's verdict; then the groups'."""
    report = deliverable.report
    if report.previous_round is None:
        return
    title = _("Progress since round %(number)d", number=report.previous_round.number)
    progress = report.synthesis.progress
    if not progress:
        line = _(
            "Progress is shown once both rounds have at least %(count)d submitted responses.", count=report.threshold
        )
        slide = add_slide(presentation, title, line)
        text_box(slide, CONTENT, [line], size=18)
        return
    everyone = progress[0]
    rows = [
        [
            _("Practice"),
            _("Round %(number)d", number=report.previous_round.number),
            _("Round %(number)d", number=report.round.number),
            _("Change"),
            _("Noise"),
            _("Verdict"),
        ],
        *(progress_row(deliverable, change) for change in (*everyone.changes[1:], everyone.overall)),
    ]
    slide = add_slide(presentation, title, "\n".join([*(" · ".join(row) for row in rows), noise_note()]))
    table = add_table(slide, CONTENT, rows, size=12, first_width=Inches(4.5))
    for column, width in zip(list(table.columns)[1:], COLUMN_WIDTHS, strict=True):
        column.width = width  # the verdict on one line: "pas de changement net" is the longest
    note_box(slide)
    if len(progress) > 1:
        group_progress_slide(presentation, deliverable, progress[1:])


def progress_row(deliverable: Deliverable, change) -> list[str]:
    """A practice's scores in both rounds, the change, its noise and the verdict: never a bare rise or fall."""
    return [
        practice_name(deliverable, change.key),
        score_text(change.previous),
        score_text(change.current),
        signed_text(change.change),
        noise_text(change.noise),
        verdict_text(change.verdict),
    ]


def change_words(change) -> str:
    """ "−8,1 (±12,3) · no clear change", or a dash where a score is missing."""
    if change.change is None:
        return "—"
    return f"{signed_text(change.change)} ({noise_text(change.noise)}) · {verdict_text(change.verdict)}"


def group_progress_slide(presentation, deliverable: Deliverable, groups) -> None:
    """Each group shown in both rounds: its change per practice, with the noise and the verdict."""
    report = deliverable.report
    header = [_("Practice"), *(group_label(g) for g in groups)]
    keys = [*(d.id for d in deliverable.practices()), "overall"]
    rows = [header, *([practice_name(deliverable, k), *(change_words(g.change(k)) for g in groups)] for k in keys)]
    counts = [
        _(
            "%(group)s: %(before)d then %(after)d respondents",
            group=name,
            before=g.previous_responses,
            after=g.current_responses,
        )
        for name, g in zip(header[1:], groups, strict=True)
    ]
    title = _("Progress by group since round %(number)d", number=report.previous_round.number)
    notes = "\n".join([*(" · ".join(row) for row in rows), *counts, noise_note()])
    slide = add_slide(presentation, title, notes)
    add_table(slide, CONTENT, rows, size=9, first_width=Inches(3.2))
    note_box(slide)


def note_box(slide) -> None:
    box = Box(CONTENT.left, CONTENT_BOTTOM - Inches(0.55), CONTENT.width, Inches(0.55))
    text_box(slide, box, [noise_note()], size=10)
