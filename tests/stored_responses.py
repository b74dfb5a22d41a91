"""Responses written straight to the database, with no page and no service in between: for tests and benches
(bench/benchmark_pool.py) that need a submitted report quickly; plain Python, no pytest, so a bench can import it."""

from __future__ import annotations

from survey.extensions import db
from survey.store.models import Answer, Response, utcnow
from survey.store.tokens import token_digest


def add_submitted_executive(questionnaire, token: str, shift: int = 0) -> None:
    """A submitted executive response whose private token is `token`, every applicable question answered by
    cycling through its choices (starting `shift` choices on, so that responses can differ); committed. Call
    inside an app context."""
    response = Response(
        token_hash=token_digest(token),
        profile="executive",
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        submitted_at=utcnow(),
    )
    for index, question_id in enumerate(questionnaire.applicable_question_ids("executive")):
        choices = questionnaire.questions_by_id[question_id].choices
        response.answers[question_id] = Answer(
            question_id=question_id, value=choices[(index + shift) % len(choices)].value
        )
    db.session.add(response)
    db.session.commit()
