"""Storing responses: the unit of work behind every respondent page.

Answers are written with an upsert, so two tabs (or a retried request) saving the same page
never fail on the unique (response, question) constraint and never lose an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from enum import Enum

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from survey.domain.questionnaire.journey import rates_importance
from survey.domain.questionnaire.model import Questionnaire
from survey.extensions import db, get_questionnaire
from survey.store.documents import forget_round_documents
from survey.store.invitation_links import settle_submissions
from survey.store.models import (
    RESPONSE_COLUMNS,
    Answer,
    DimensionNote,
    PreloadedPage,
    Response,
    ResponseRecord,
    ResponseVersion,
    Round,
    response_with_page,
    stored_answer_values,
    utcnow,
)
from survey.store.tallies import change_response
from survey.store.tokens import new_token, token_digest
from survey.store.upserts import upsert


def create_response(
    questionnaire: Questionnaire,
    profile: str,
    organisation: str | None,
    language: str,
    round_id: int | None = None,
    group_id: int | None = None,
    invitation_id: int | None = None,
    browser_key: str | None = None,
    quick_version: bool = False,
    token: str | None = None,
    commit: bool = True,
    space_id: int | None = None,
) -> Response:
    """Start a new response and commit it, so its private link works at once.

    `round_id` and `group_id` bind it to a consultant's engagement (a response started from an invite);
    `invitation_id` to a personal invitation, until it is submitted (see store/fieldwork/invitations.py).
    `quick_version` is a candidate's choice of the 10-minute version; `space_id` the candidate's space of
    employers compared (store/spaces.py).
    The response's `token` is its private link's token, given here once: only its hash is stored (`token`
    chooses it, e.g. one derived for an e-mail; `commit=False` leaves the transaction open for the caller's).
    """
    token = token or new_token()
    response = Response(
        token_hash=token_digest(token),
        profile=profile,
        organisation=(organisation or "").strip() or None,
        language=language,
        quick_version=quick_version,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        round_id=round_id,
        group_id=group_id,
        invitation_id=invitation_id,
        invited=invitation_id is not None,
        browser_key=browser_key,
        space_id=space_id,
    )
    db.session.add(response)
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    response.token = token
    return response


# Built once, over the table: composing a statement on every request cost more than running it.
_responses = Response.__table__
RESPONSE_BY_TOKEN = select(_responses).where(_responses.c.token_hash == bindparam("token_hash"))
TOUCH = update(_responses).where(_responses.c.id == bindparam("response_id")).values(updated_at=bindparam("now"))
SET_LANGUAGE = update(_responses).where(_responses.c.id == bindparam("response_id")).values(language=bindparam("lang"))


def find_response(token: str, page: tuple[str, list[str]] | None = None) -> ResponseRecord | None:
    """The response behind a private link, as a plain record without its answers: each page reads only what
    it shows, and every write goes through this module by the response's id.

    `page`, (dimension id, question ids), reads that survey page's answers and note in the same query
    (ResponseRecord.stored_page then needs none): one round trip for the page respondents load the most."""
    if page is None:
        row = db.session.execute(RESPONSE_BY_TOKEN, {"token_hash": token_digest(token)}).first()
        return None if row is None else ResponseRecord(**row._mapping)
    dimension_id, question_ids = page
    parameters = {"token_hash": token_digest(token), "dimension_id": dimension_id}
    parameters.update((f"question_{i}", question_id) for i, question_id in enumerate(question_ids))
    with db.engine.connect() as connection:  # a read alone: no ORM session to begin, and roll back at teardown
        rows = connection.execute(response_with_page(len(question_ids)), parameters).tuples().all()
    if not rows:
        return None
    columns = len(RESPONSE_COLUMNS)
    stored = PreloadedPage.from_kinds(row[columns:] for row in rows if row[columns + 1] is not None)
    preloaded = replace(stored, dimension_id=dimension_id)
    return ResponseRecord(**dict(zip(RESPONSE_COLUMNS, rows[0][:columns], strict=True)), preloaded_page=preloaded)


def _upsert(model, rows: list[dict], conflict: list[str], update: list[str]) -> None:
    upsert(db.session.connection(), model.__table__, rows, conflict, update)


def save_answers(
    response: Response,
    answers: Mapping[str, str],
    comments: Mapping[str, str | None] | None = None,
    questionnaire: Questionnaire | None = None,
) -> None:
    """Store a page's answers and comments in one transaction.

    Answers can still change after submit: for an invite response, the round's tallies then lose the
    old contribution and gain the new one in the same transaction (`questionnaire` scores them).
    """
    touched = _touch(response)  # first, so that the old answers read below are true
    before = _tallied_answers(response)
    _upsert(
        Answer,
        [{"response_id": response.id, "question_id": q, "value": v} for q, v in answers.items()],
        ["response_id", "question_id"],
        ["value"],
    )
    _upsert(
        DimensionNote,
        [{"response_id": response.id, "dimension_id": d, "comment": c or None} for d, c in (comments or {}).items()],
        ["response_id", "dimension_id"],
        ["comment"],
    )
    if before is not None and (after := {**before, **answers}) != before:
        change_response(db.session.connection(), questionnaire or get_questionnaire(), response, before, after)
    _commit(response, touched)


def save_importance(response: Response, importance: Mapping[str, int]) -> None:
    """Store a candidate's importance ratings (dimension id -> 1..5)."""
    _upsert(
        DimensionNote,
        [{"response_id": response.id, "dimension_id": d, "importance": v} for d, v in importance.items()],
        ["response_id", "dimension_id"],
        ["importance"],
    )
    _commit(response, _touch(response))


def set_language(response: Response | ResponseRecord, language: str) -> None:
    if response.language != language:
        db.session.execute(SET_LANGUAGE, {"response_id": response.id, "lang": language})
        db.session.commit()
        _remember(response, "language", language)


class Submission(Enum):
    SUBMITTED = "submitted"
    INCOMPLETE = "incomplete"
    ERASED = "erased"
    CLOSED = "closed"  # its round closed first: a closed round's figures never move


def submit_response(questionnaire: Questionnaire, response: Response) -> Submission:
    """Mark a response submitted, in one conditional UPDATE that re-counts its answers in the database.

    Checking in Python and then writing left a gap: an erase from another tab in between, and the
    write failed. Here the database decides in one statement, so a response is never marked
    submitted with an answer (or, for a candidate, an importance rating) missing. Idempotent.
    """
    response_id = response.id
    required = questionnaire.applicable_question_ids(response.profile)
    answered = select(func.count(Answer.id)).where(Answer.response_id == response_id, Answer.question_id.in_(required))
    complete = [answered.scalar_subquery() == len(required)]
    if rates_importance(response.profile):
        dimensions = [d.id for d in questionnaire.dimensions]
        rated = select(func.count(DimensionNote.id)).where(
            DimensionNote.response_id == response_id,
            DimensionNote.dimension_id.in_(dimensions),
            DimensionNote.importance.is_not(None),
        )
        complete.append(rated.scalar_subquery() == len(dimensions))
    if response.round_id is not None:  # decided by the same statement, so a close racing a submit wins
        closed = select(Round.id).where(Round.id == response.round_id, round_is_closed(utcnow()))
        complete.append(~closed.exists())
    marked = db.session.execute(
        update(Response)
        .where(Response.id == response_id, Response.submitted_at.is_(None), *complete)
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount == 1:
        if response.round_id is not None:
            change_response(db.session.connection(), questionnaire, response, after=stored_answer_values(response_id))
        db.session.commit()  # nothing of the invitation in this transaction (see invitation_links.py)
        if response.invited:
            settle_submissions(response.round_id, response.group_id)  # with two others at least: in its own
        return Submission.SUBMITTED
    db.session.commit()
    submitted_at = db.session.execute(select(Response.submitted_at).where(Response.id == response_id)).first()
    if submitted_at is None:
        return Submission.ERASED
    if submitted_at[0] is None and round_closed_at(response.round_id) is not None:
        return Submission.CLOSED
    return Submission.INCOMPLETE if submitted_at[0] is None else Submission.SUBMITTED


def round_is_closed(now: datetime):
    """A round is closed by the consultant (closed_at) or by its deadline, whether or not the mail worker has
    recorded it yet (see fieldwork_schedule.close_due_rounds)."""
    return or_(Round.closed_at.is_not(None), Round.deadline <= now)


def round_closed_at(round_id: int | None) -> datetime | None:
    """When a response's round closed (None: still open, or not a round's response)."""
    if round_id is None:
        return None
    row = db.session.execute(select(Round.closed_at, Round.deadline).where(Round.id == round_id)).first()
    if row is None:
        return None
    closed_at, deadline = row
    return closed_at or (deadline if deadline is not None and deadline <= utcnow() else None)


def delete_response(response: Response, questionnaire: Questionnaire | None = None) -> None:
    """Erase a response and everything it holds; a submitted invite response leaves its round's tallies, and
    its round's PDFs (which may quote its comments) are erased."""
    answers = _tallied_answers(response, lock=True)
    if answers is not None:
        change_response(db.session.connection(), questionnaire or get_questionnaire(), response, before=answers)
    if response.round_id is not None:
        forget_round_documents([response.round_id])
    for model, column in (
        (ResponseVersion, ResponseVersion.response_id),
        (Answer, Answer.response_id),
        (DimensionNote, DimensionNote.response_id),
    ):
        db.session.execute(delete(model).where(column == response.id))
    db.session.execute(delete(Response).where(Response.id == response.id))
    db.session.commit()


def _touch(response: Response | ResponseRecord) -> datetime:
    """Mark the response updated, first thing in its transaction: the row lock this takes orders concurrent
    writes to one response. A plain UPDATE: the ORM's flush of that one column cost more than a page's answers."""
    now = utcnow()
    db.session.execute(TOUCH, {"response_id": response.id, "now": now})
    return now


def _tallied_answers(response: Response, lock: bool = False) -> dict[str, str] | None:
    """The stored answers of a submitted invite response (what its round's tallies hold), else None.

    Read after a write to the response's row (`lock` makes one), so that a concurrent edit, submit
    or erase of the same response has either committed before or waits until this one commits.
    """
    if response.round_id is None:
        return None
    if lock:
        _touch(response)
    submitted = db.session.execute(select(Response.submitted_at).where(Response.id == response.id)).first()
    if submitted is None or submitted[0] is None:
        return None
    return stored_answer_values(response.id)


def _commit(response: Response | ResponseRecord, touched: datetime) -> None:
    db.session.commit()
    _remember(response, "updated_at", touched)


def _remember(response: Response | ResponseRecord, attribute: str, value) -> None:
    """What a plain UPDATE wrote, on the object in hand (an ORM object learns it as already saved)."""
    if isinstance(response, Response):
        set_committed_value(response, attribute, value)
    else:
        setattr(response, attribute, value)
