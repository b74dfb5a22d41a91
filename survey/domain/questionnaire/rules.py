"""Rules on what questions.yaml says each answer means (risks, actions, interview kit, 10-minute version).

Pydantic checks each object alone; these rules span several: an improvement's owner must be listed in
`owners`, the best answer carries no risk, the candidate's 10-minute version stays short, and a
candidate who gives a high-risk answer always gets a point to negotiate, and every question candidates answer says
what a good and a worrying answer sound like at interview (`listen_for`). Each rule returns
(location, message) pairs that questionnaire_loader turns into one line per problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from survey.domain.questionnaire.model import CANDIDATE, NO_RISK, RISK_ORDER, Dimension, Question, Questionnaire

MAX_QUICK_PER_DIMENSION = 2
MAX_QUICK_QUESTIONS = 20  # about 30 seconds each: the 10-minute version

Found = Iterator[tuple[tuple, str]]


def findings_content_problems(questionnaire: Questionnaire) -> list[tuple[tuple, str]]:
    """Every problem with the content that findings are built from, in file order."""
    owners = {owner.id for owner in questionnaire.owners}
    candidates_exist = CANDIDATE in questionnaire.profile_ids
    found: list[tuple[tuple, str]] = []
    for di, dimension in enumerate(questionnaire.dimensions):
        found += _untranslated(("dimensions", di, "for_candidate"), dimension.for_candidate)
        for qi, question in enumerate(dimension.questions):
            loc = ("dimensions", di, "questions", qi)
            found += _question_problems(loc, question, owners, candidates_exist)
        if candidates_exist:
            found += _quick_per_dimension(("dimensions", di), dimension)
    quick_count = len(questionnaire.quick_question_ids)
    if candidates_exist and quick_count > MAX_QUICK_QUESTIONS:
        found.append(
            (("dimensions",), f"{quick_count} quick questions: the 10-minute version allows {MAX_QUICK_QUESTIONS}")
        )
    return found


def _question_problems(loc: tuple, question: Question, owners: set[str], candidates_exist: bool) -> Found:
    if question.improvement.owner not in owners:
        yield (*loc, "improvement", "owner"), f"unknown owner '{question.improvement.owner}'"
    yield from _risk_order(loc, question)
    answered_by_candidates = candidates_exist and question.applies_to(CANDIDATE)
    if answered_by_candidates and question.has_high_risk and question.negotiate is None:
        yield (*loc, "negotiate"), "missing: candidates answer this question and it has a high-risk choice"
    if question.quick and candidates_exist and not question.applies_to(CANDIDATE):
        yield (*loc, "quick"), "a quick question must be one that candidates answer"
    if answered_by_candidates and question.listen_for is None:
        yield (*loc, "listen_for"), "missing: candidates answer this question (the interview sheet's good and warning)"
    texts = [("why", question.why), ("interview", question.interview), ("negotiate", question.negotiate)]
    texts.append(("improvement.action", question.improvement.action))
    if question.listen_for is not None:
        texts += [("listen_for.good", question.listen_for.good), ("listen_for.warning", question.listen_for.warning)]
    for key, text in texts:
        if text is not None:
            yield from _untranslated((*loc, *key.split(".")), text)


def _risk_order(loc: tuple, question: Question) -> Found:
    """The top choice carries no risk, and a better answer is never riskier than a worse one."""
    if question.max_score == 0:
        return  # already refused: no choice scores above 0, so there is no top choice
    for ci, choice in enumerate(question.choices):
        if choice.score == question.max_score and choice.risk != NO_RISK:
            yield (*loc, "choices", ci, "risk"), f"the top choice must have risk '{NO_RISK}', not '{choice.risk}'"
            continue
        riskier_worse = [
            other
            for other in question.choices
            if other.score < choice.score and RISK_ORDER[other.risk] < RISK_ORDER[choice.risk]
        ]
        if riskier_worse:
            yield (
                (*loc, "choices", ci, "risk"),
                f"risk '{choice.risk}' is higher than that of the worse choice '{riskier_worse[0].value}'",
            )


def _quick_per_dimension(loc: tuple, dimension: Dimension) -> Found:
    count = sum(question.quick for question in dimension.questions)
    if not 1 <= count <= MAX_QUICK_PER_DIMENSION:
        yield (*loc, "questions"), f"{count} quick questions: the 10-minute version needs 1 or 2 per dimension"


def _untranslated(loc: tuple, text) -> Found:
    if text.en.strip() == text.fr.strip():
        yield loc, "the French text is the same as the English one: translate it"
