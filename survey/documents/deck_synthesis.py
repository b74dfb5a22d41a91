"""The deck's executive summary and roadmap, composed from the round's figures only.

Three findings, each with its figure: the weakest practice, the widest perception gap, the largest change
since the previous round (or the overall score in a first round). The roadmap puts each practice's
recommendation for its level on a horizon by its score: the weakest third within 30 days, the next
within 90, the rest within 180.
"""

from __future__ import annotations

from flask_babel import gettext as _

from survey.documents.deliverable import Deliverable, score_text, signed_text
from survey.documents.round_report import group_label

HORIZONS = (30, 90, 180)


def summary_sentences(deliverable: Deliverable) -> list[str]:
    aggregate, report = deliverable.report.aggregate, deliverable.report
    sentences = []
    if aggregate.overall:
        level = deliverable.level_name(aggregate.overall.mean)
        sentences.append(
            _("Overall score, all respondents: %(score)s", score=score_text(aggregate.overall.mean))
            + (f" · {level}" if level else "")
        )
    scored = [(aggregate.dimension_mean(p.id), p) for p in deliverable.practices()]
    scored = [(mean, p) for mean, p in scored if mean is not None]
    if scored:
        mean, practice = min(scored, key=lambda pair: pair[0])
        sentences.append(
            _(
                "Weakest practice: %(practice)s (%(score)s).",
                practice=deliverable.title(practice.title),
                score=score_text(mean),
            )
        )
    if aggregate.gaps:
        gap = aggregate.gaps[0]
        sentences.append(
            _(
                "Widest perception gap: %(practice)s, %(high_group)s %(high)s against %(low_group)s %(low)s.",
                practice=deliverable.title(deliverable.questionnaire.dimension(gap.dimension_id).title),
                high_group=group_label(gap.high),
                high=score_text(gap.high.dimensions[gap.dimension_id]),
                low_group=group_label(gap.low),
                low=score_text(gap.low.dimensions[gap.dimension_id]),
            )
        )
    changes = [c for c in report.changes if c.key != "overall" and c.delta is not None]
    if changes:
        change = max(changes, key=lambda c: abs(c.delta))
        sentences.append(
            _(
                "Largest change since round %(number)d: %(practice)s, %(change)s points.",
                number=report.previous_round.number,
                practice=deliverable.title(deliverable.questionnaire.dimension(change.key).title),
                change=signed_text(change.delta),
            )
        )
    return sentences


def roadmap(deliverable: Deliverable) -> list[tuple[int, list[str]]]:
    """(days, recommendations) for each horizon, weakest practices first."""
    aggregate = deliverable.report.aggregate
    ranked = sorted(
        (
            (mean, practice)
            for practice in deliverable.practices()
            if (mean := aggregate.dimension_mean(practice.id)) is not None
        ),
        key=lambda pair: pair[0],
    )
    items = [
        _(
            "%(practice)s (%(score)s): %(action)s",
            practice=deliverable.title(practice.title),
            score=score_text(mean),
            action=text,
        )
        for mean, practice in ranked
        if (text := deliverable.recommendation(practice, mean))
    ]
    size = -(-len(items) // len(HORIZONS)) or 1
    return [(days, items[index * size : (index + 1) * size]) for index, days in enumerate(HORIZONS)]
