"""Looking straight into the database after a load: what was acknowledged is stored, whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from survey.domain.questionnaire.journey import rates_importance
from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
from survey.store.models import Response
from survey.store.tokens import token_digest
from tests.load.visitor import Outcome


@dataclass
class Stored:
    responses: int
    submitted: int
    problems: list[str]


def check_database(url: str, questionnaire: Questionnaire, outcomes: list[Outcome]) -> Stored:
    """Every submitted response holds every applicable answer (valid ones only) and, for a candidate,
    every importance rating; every acknowledged submit is stored exactly as it was sent."""
    problems: list[str] = []
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            responses = {r.token_hash: r for r in session.scalars(select(Response))}
            submitted = [r for r in responses.values() if r.submitted_at is not None]
            for response in submitted:
                problems += _incomplete(questionnaire, response)
            for outcome in outcomes:
                if not outcome.acknowledged:
                    continue
                stored = responses.get(token_digest(outcome.token))
                if stored is None or stored.submitted_at is None:
                    problems.append(f"{outcome.token}: submit acknowledged but not stored as submitted")
                elif stored.answer_values() != outcome.answers or stored.importance() != outcome.importance:
                    problems.append(f"{outcome.token}: stored answers differ from the ones sent")
            return Stored(len(responses), len(submitted), problems)
    finally:
        engine.dispose()


def _incomplete(questionnaire: Questionnaire, response: Response) -> list[str]:
    answers = response.answer_values()
    required = set(questionnaire.applicable_question_ids(response.profile))
    problems = []
    if set(answers) != required:
        missing, extra = sorted(required - set(answers)), sorted(set(answers) - required)
        problems.append(f"{response.token}: submitted with {missing} missing and {extra} not applicable")
    for question_id, value in answers.items():
        question = questionnaire.questions_by_id.get(question_id)
        if question and value != DONT_KNOW and value not in question.choices_by_value:
            problems.append(f"{response.token}: invalid value {value!r} for {question_id}")
    if rates_importance(response.profile) and set(response.importance()) != {d.id for d in questionnaire.dimensions}:
        problems.append(f"{response.token}: submitted without every importance rating")
    return problems
