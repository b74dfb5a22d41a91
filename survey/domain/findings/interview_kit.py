"""The candidate's interview kit: the few questions worth asking, each tied to where it comes from.

Pure domain code. A question enters the kit from three places, never from a question the candidate
answered (asking what you already know wastes an interview):
- a question answered "don't know": its `interview` wording;
- a question left blank (the 10-minute version asks only a few) in a practice that looks risky or
  rests on too few answers: its `interview` wording;
- a practice with a high-risk answer: the practice's extra `interview_questions`, tied to that answer.
They are ranked by the importance the candidate gave the practice, then how uncertain the source is
("don't know" before a blank, before an extra question), then the practice's risk. The first few, at
most two per practice so that the kit covers several, make the kit; the rest are "more questions".
A kit holds 5 to 7 questions: when those sources give fewer than 5, "verify" questions fill it, each
on an answer the candidate gave in a practice that drives the verdict ("you were told X: ask to see
it"), one per practice in turn. Every question of the kit comes from its own practice: the answer or
question it quotes is one of that practice's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from survey.domain.findings.given_answers import GivenAnswer
from survey.domain.findings.practice import DimensionFinding
from survey.domain.questionnaire.model import Dimension, LocalizedText, Question

KIT_SIZE = 7  # "the 5 to 7 questions that matter most"
MIN_KIT_SIZE = 5
PER_PRACTICE = 2  # at most in the kit, unless too few practices have questions to reach KIT_SIZE

DONT_KNOW_SOURCE = "dont_know"
UNANSWERED_SOURCE = "unanswered"
RISKY_ANSWER_SOURCE = "risky_answer"
VERIFY_SOURCE = "verify"  # an answer given, to check with one's own eyes: fills a kit that would be too short
UNCERTAINTY = {DONT_KNOW_SOURCE: 2, UNANSWERED_SOURCE: 1, RISKY_ANSWER_SOURCE: 0}


@dataclass(frozen=True)
class KitQuestion:
    dimension: Dimension
    question: Question  # the source: the question answered "don't know" or left blank, or the answer's
    text: LocalizedText | None  # None for a verify question: the documents layer words it around its answer
    source: str
    importance: int | None
    answer: GivenAnswer | None = None  # the risky answer behind a practice's extra question, or the one to verify
    rank: int = 0  # 1 = ask first; set once the whole list is ordered


@dataclass(frozen=True)
class InterviewKit:
    questions: tuple[KitQuestion, ...]  # the kit, best first
    more: tuple[KitQuestion, ...]  # the rest, still ranked

    @property
    def all(self) -> tuple[KitQuestion, ...]:
        return self.questions + self.more


def kit_sources(finding: DimensionFinding) -> list[KitQuestion]:
    """Every question this practice could put in the kit, unranked."""
    practice = finding.answers
    found = [
        KitQuestion(finding.dimension, q, q.interview, DONT_KNOW_SOURCE, finding.importance) for q in practice.dont_know
    ]
    if practice.risk_rank or finding.low_confidence:
        found += [
            KitQuestion(finding.dimension, q, q.interview, UNANSWERED_SOURCE, finding.importance)
            for q in practice.unanswered
        ]
    if practice.high_risk:
        found += [
            KitQuestion(finding.dimension, risky.question, text, RISKY_ANSWER_SOURCE, finding.importance, answer=risky)
            for risky in practice.high_risk[:1]
            for text in finding.dimension.interview_questions
        ]
    return found


def interview_kit(findings: Sequence[DimensionFinding], drivers: Sequence[str] = ()) -> InterviewKit:
    """The ranked kit and the remaining questions. `drivers`: the practices the verdict rests on, in its order,
    which verify questions come from first."""
    risk_of = {f.dimension.id: f.answers.risk_rank for f in findings}
    order_of = {f.dimension.id: index for index, f in enumerate(findings)}
    found = [item for finding in findings for item in kit_sources(finding)]
    found.sort(
        key=lambda item: (
            -(item.importance or 0),
            -UNCERTAINTY[item.source],
            -risk_of[item.dimension.id],
            order_of[item.dimension.id],
        )
    )
    chosen: list[int] = []
    per_practice: dict[str, int] = {}
    for index, item in enumerate(found):
        if len(chosen) < KIT_SIZE and per_practice.get(item.dimension.id, 0) < PER_PRACTICE:
            chosen.append(index)
            per_practice[item.dimension.id] = per_practice.get(item.dimension.id, 0) + 1
    chosen += [index for index in range(len(found)) if index not in chosen][: max(0, KIT_SIZE - len(chosen))]
    kit = [found[index] for index in sorted(chosen)]
    kit += _verify_questions(findings, drivers, {item.question.id for item in kit}, MIN_KIT_SIZE - len(kit))
    rest = [item for index, item in enumerate(found) if index not in chosen]
    ranked = [_with_rank(item, rank) for rank, item in enumerate(kit + rest, start=1)]
    return InterviewKit(tuple(ranked[: len(kit)]), tuple(ranked[len(kit) :]))


def _verify_questions(
    findings: Sequence[DimensionFinding], drivers: Sequence[str], asked: set[str], count: int
) -> list[KitQuestion]:
    """`count` answers to check at interview: the practices that drive the verdict first, then the others by
    importance to the candidate; in each, its best answers first, one per practice in turn."""
    if count <= 0:
        return []
    order = {dimension_id: index for index, dimension_id in enumerate(drivers)}
    practices = sorted(
        (f for f in findings if f.answers.given),
        key=lambda f: (order.get(f.dimension.id, len(order)), -(f.importance or 0)),
    )
    queues = [[a for a in _verify_order(f) if a.question.id not in asked] for f in practices]
    picked: list[KitQuestion] = []
    by_id = {f.dimension.id: f for f in practices}
    while len(picked) < count and any(queues):
        for queue in queues:
            if queue and len(picked) < count:
                answer = queue.pop(0)
                finding = by_id[answer.dimension.id]
                picked.append(
                    KitQuestion(answer.dimension, answer.question, None, VERIFY_SOURCE, finding.importance, answer)
                )
    return picked


def _verify_order(finding: DimensionFinding) -> list[GivenAnswer]:
    """A practice's answers worth seeing for oneself, best first: what looks sound is what to check."""
    return sorted(finding.answers.given, key=lambda answer: -answer.score)


def _with_rank(item: KitQuestion, rank: int) -> KitQuestion:
    return dataclasses.replace(item, rank=rank)
