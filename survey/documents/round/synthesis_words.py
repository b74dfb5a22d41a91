"""The words of the round's synthesis (domain/rounds/synthesis.py) in the deck and the workbook: the summary's
findings, the gaps told in the groups' answers, the recommendations on a 30/90/180-day roadmap. The
sentences are the web report's (the same messages to translate), the figures in the document's language.
"""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from survey.documents.round.deliverable import Deliverable, score_text, signed_text
from survey.documents.round.report import group_label
from survey.domain.rounds.answer_gaps import GroupAnswers, QuestionAnswers

HORIZONS = (30, 90, 180)
QUESTIONS_PER_GAP = 2  # on a slide, as on the web page; the workbook has them all


def practice_name(deliverable: Deliverable, dimension_id: str) -> str:
    if dimension_id == "overall":
        return _("Overall")
    return deliverable.title(deliverable.questionnaire.dimension(dimension_id).title)


def summary_sentences(deliverable: Deliverable) -> list[str]:
    """The overall score, then the synthesis's three findings, each with its figure."""
    aggregate, report = deliverable.report.aggregate, deliverable.report
    sentences = []
    if aggregate.overall:
        level = deliverable.level_name(aggregate.overall.mean)
        overall = _("Overall score, all respondents: %(score)s", score=score_text(aggregate.overall.mean))
        sentences.append(overall + (f" · {level}" if level else ""))
    for finding in report.synthesis.summary:
        sentences.append(finding_sentence(deliverable, finding))
    return sentences


def finding_sentence(deliverable: Deliverable, finding) -> str:
    practice = practice_name(deliverable, finding.dimension_id)
    figure = score_text(finding.figure)
    if finding.kind == "weakest_practice":
        return _(
            "The weakest practice is %(practice)s: %(score)s out of 100 for all respondents.",
            practice=practice,
            score=figure,
        )
    if finding.kind == "strongest_practice":
        return _(
            "The strongest practice is %(practice)s: %(score)s out of 100 for all respondents.",
            practice=practice,
            score=figure,
        )
    if finding.kind == "widest_gap":
        gap = finding.gap
        return _(
            "%(high_group)s and %(low_group)s see %(practice)s most differently: %(points)s points apart (%(high)s against %(low)s).",  # noqa: E501 (one message to translate)
            high_group=group_label(gap.high),
            low_group=group_label(gap.low),
            practice=practice,
            points=figure,
            high=score_text(gap.high.dimensions[finding.dimension_id]),
            low=score_text(gap.low.dimensions[finding.dimension_id]),
        )
    if finding.kind == "least_agreement":
        return _(
            "Respondents agree least on %(practice)s: a standard deviation of %(points)s points.",
            practice=practice,
            points=figure,
        )
    number = deliverable.report.previous_round.number
    if finding.change.clear:
        return _(
            "The largest clear change since round %(number)d is in %(practice)s: %(change)s points (%(before)s, then %(after)s).",  # noqa: E501 (one message to translate)
            number=number,
            practice=practice,
            change=signed_text(finding.figure),
            before=score_text(finding.change.previous),
            after=score_text(finding.change.current),
        )
    return _(
        "No practice changed clearly since round %(number)d: the largest move, %(change)s points in %(practice)s, is within the noise.",  # noqa: E501 (one message to translate)
        number=number,
        change=signed_text(finding.figure),
        practice=practice,
    )


def gap_lines(deliverable: Deliverable, shown: int) -> list[tuple[int, str]]:
    """(indent level, text) lines of the widest gaps: the means, then what each group mostly answered."""
    lines = []
    for item in deliverable.report.synthesis.gaps[:shown]:
        gap = item.gap
        means = _(
            "%(high_group)s %(high)s, %(low_group)s %(low)s",
            high_group=group_label(gap.high),
            high=score_text(gap.high.dimensions[gap.dimension_id]),
            low_group=group_label(gap.low),
            low=score_text(gap.low.dimensions[gap.dimension_id]),
        )
        apart = _("%(points)s points apart", points=score_text(gap.difference))
        lines.append((0, f"{item.rank}. {practice_name(deliverable, gap.dimension_id)} — {means} · {apart}"))
        for question in item.questions[:QUESTIONS_PER_GAP]:
            lines.append((1, deliverable.title(deliverable.questionnaire.questions_by_id[question.question_id].text)))
            lines.extend((2, group_answer(deliverable, question, answers)) for answers in question.groups[:2])
    return lines


def group_answer(deliverable: Deliverable, question: QuestionAnswers, answers: GroupAnswers) -> str:
    """ "Executive committee: “The community manager posts directly” — 3 of 4", or the answers are split."""
    count = _("%(count)s of %(total)s", count=format_decimal(answers.top_count), total=format_decimal(answers.total))
    name = _("%(name)s:", name=group_label(answers.group))
    if answers.top_count < 2 or len(answers.top_values) > 2:
        return f"{name} " + _("answers split, none given by more than %(count)s", count=count)
    labels = _(" or ").join(
        _("“%(answer)s”", answer=answer_label(deliverable, question.question_id, v)) for v in answers.top_values
    )
    return f"{name} {labels} — " + (count if len(answers.top_values) == 1 else _("%(count)s each", count=count))


def answer_label(deliverable: Deliverable, question_id: str, value: str) -> str:
    if value == "dont_know":
        return _("Don't know")
    return deliverable.title(deliverable.questionnaire.questions_by_id[question_id].choices_by_value[value].label)


def roadmap(deliverable: Deliverable) -> list[tuple[int, list[str]]]:
    """(days, actions) for each horizon: the synthesis's recommendations (what most respondents' answers
    call for), each with its owner; a questionnaire without improvement items falls back on each practice's
    recommendation for its level, the weakest practices first."""
    recommended = deliverable.report.synthesis.recommendations
    if recommended:
        questionnaire = deliverable.questionnaire
        return [
            (
                days,
                [
                    _(
                        "%(action)s (%(owner)s)",
                        action=deliverable.title(item.improvement.action),
                        owner=deliverable.title(questionnaire.owner(item.improvement.owner).name),
                    )
                    for item in recommended
                    if item.improvement.horizon_days == days
                ],
            )
            for days in HORIZONS
        ]
    return level_roadmap(deliverable)


def level_roadmap(deliverable: Deliverable) -> list[tuple[int, list[str]]]:
    aggregate = deliverable.report.aggregate
    ranked = sorted(
        ((mean, p) for p in deliverable.practices() if (mean := aggregate.dimension_mean(p.id)) is not None),
        key=lambda pair: pair[0],
    )
    items = [
        _(
            "%(practice)s (%(score)s): %(action)s",
            practice=deliverable.title(p.title),
            score=score_text(mean),
            action=text,
        )
        for mean, p in ranked
        if (text := deliverable.recommendation(p, mean))
    ]
    size = -(-len(items) // len(HORIZONS)) or 1
    return [(days, items[index * size : (index + 1) * size]) for index, days in enumerate(HORIZONS)]
