"""The respondent's tables: responses, their answers and notes, rendered documents.

SQLAlchemy 2 typed style. Models never commit: the caller owns the unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    cast,
    false,
    inspect,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship
from sqlalchemy.sql.selectable import CompoundSelect

from survey.extensions import db
from survey.store.models.base import utcnow


class ResponseReads:
    """What a response's pages read of it (through `id` and `submitted_at`), shared by the ORM model and by
    the record a private link loads (ResponseRecord)."""

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def answer_values(self) -> dict[str, str]:
        """Question id -> choice value or "dont_know", the shape the scoring engine reads."""
        if self._is_loaded("answers"):
            return {question_id: answer.value for question_id, answer in self.answers.items()}
        return stored_answer_values(self.id)

    def comments(self) -> dict[str, str]:
        return self.stored().comments

    def importance(self) -> dict[str, int]:
        return self.stored().importance

    def stored(self) -> StoredAnswers:
        """Answers, comments and importance ratings together, in one query."""
        if self._is_loaded("answers") and self._is_loaded("notes"):
            notes = [(dim, note.comment, note.importance) for dim, note in self.notes.items()]
            return StoredAnswers.from_rows(self.answer_values(), notes)
        return self._stored_rows(STORED_ROWS, {"response_id": self.id})

    def stored_page(self, question_ids: list[str], dimension_id: str) -> StoredAnswers:
        """What one survey page shows: its questions' answers and its dimension's note (7 rows, not 63).
        Read with the response itself when its link was looked up for this page (responses.find_response)."""
        preloaded = getattr(self, "preloaded_page", None)
        if preloaded is not None and preloaded.dimension_id == dimension_id:
            return preloaded.only(question_ids)
        parameters = {"response_id": self.id, "question_ids": question_ids, "dimension_id": dimension_id}
        return self._stored_rows(PAGE_ROWS, parameters)

    def _stored_rows(self, statement, parameters: dict) -> StoredAnswers:
        return StoredAnswers.from_kinds(db.session.execute(statement, parameters).tuples().all())  # one fetchall

    def _is_loaded(self, relationship: str) -> bool:
        return False


class Response(ResponseReads, db.Model):
    """One person's answers to the questionnaire, reachable only through its private token.

    The database keeps the token's SHA-256 (`token_hash`), never the token: a leaked backup opens no link.
    `token`, the clear token, is set only on a response just created (see responses.create_response), for
    the redirect to its link: it is no column, and `Response.token` in a query fails loudly.
    """

    __tablename__ = "responses"
    # Covers the per-group counts of a round's started and submitted responses (participation, and the check
    # that a round's tallies count every submitted response) without reading the table: 3 times faster.
    __table_args__ = (
        Index("ix_responses_round_group_submitted", "round_id", "group_id", "submitted_at"),
        Index("ix_responses_round_group_people", "round_id", "group_id", "submitted_at", "browser_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    profile: Mapped[str] = mapped_column(String(32))
    organisation: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    # The candidate chose the 10-minute version at the start: only the questionnaire's quick questions.
    quick_version: Mapped[bool] = mapped_column(default=False, server_default=false())
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    # Set when the response was started from a consultant's invite link (see models_consultant.py).
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("role_groups.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the marker cookie of the browser that started it from an invite: responses of one browser
    # count as one person against a round's anonymity threshold (store.round_data.people_per_group).
    browser_key: Mapped[str | None] = mapped_column(String(64))
    # Started from a personal invitation: its invitation while in progress and until its submit is settled,
    # cleared with at least two others of its group (see store/invitation_links.py); `invited` stays, and holds
    # no address: it lets the anonymity threshold count only answers from invitees, so a group link cannot pad
    # a small group.
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="SET NULL"), index=True, unique=True
    )
    invited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A candidate's private space of employers (models/spaces.py); no foreign key: added by a plain ADD COLUMN.
    space_id: Mapped[int | None] = mapped_column(Integer, index=True)

    answers: Mapped[dict[str, Answer]] = relationship(
        collection_class=attribute_keyed_dict("question_id"),
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        back_populates="response",
    )
    notes: Mapped[dict[str, DimensionNote]] = relationship(
        collection_class=attribute_keyed_dict("dimension_id"),
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        back_populates="response",
    )

    def _is_loaded(self, relationship: str) -> bool:
        """Many responses loaded together come with their answers (selectin). One response found by its token
        does not (see find_response): reading the columns is three times cheaper than building 63 objects."""
        return relationship not in inspect(self).unloaded


@dataclass(frozen=True)
class StoredAnswers:
    answers: dict[str, str]  # question id -> choice value or "dont_know"
    comments: dict[str, str]  # dimension id -> comment
    importance: dict[str, int]  # dimension id -> 1..5 (candidates)

    @classmethod
    def from_rows(cls, answers: dict[str, str], notes: list[tuple[str, str | None, int | None]]) -> StoredAnswers:
        return cls(
            answers=answers,
            comments={dim: comment for dim, comment, _ in notes if comment},
            importance={dim: importance for dim, _, importance in notes if importance is not None},
        )

    @classmethod
    def from_kinds(cls, rows) -> StoredAnswers:
        """From (kind, key, text, number) rows: "a" an answer (question id, value), "n" a dimension's note."""
        answers: dict[str, str] = {}
        notes = []
        for kind, key, text, number in rows:
            if kind == "a":
                answers[key] = text
            elif kind == "n":
                notes.append((key, text, number))
        return cls.from_rows(answers, notes)

    def only(self, question_ids: list[str]) -> StoredAnswers:
        """These questions' answers (a page of one profile, or of the 10-minute version), the same notes."""
        answers = {key: self.answers[key] for key in question_ids if key in self.answers}
        return StoredAnswers(answers, self.comments, self.importance)


@dataclass(frozen=True)
class PreloadedPage(StoredAnswers):
    """A survey page's answers and note, read in the same query as the response whose link asked for it."""

    dimension_id: str = ""


@dataclass(eq=False)
class ResponseRecord(ResponseReads):
    """A response as its private link loads it, from one Core query: building the ORM object cost as much as
    the rest of a cached page. Writes go through survey.store.responses, by id."""

    id: int
    token_hash: str
    profile: str
    organisation: str | None
    language: str
    quick_version: bool
    questionnaire_id: str
    questionnaire_version: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    round_id: int | None
    group_id: int | None
    browser_key: str | None = None
    invitation_id: int | None = None
    invited: bool = False
    space_id: int | None = None
    preloaded_page: PreloadedPage | None = None  # see responses.find_response


class Answer(db.Model):
    """The choice (or "dont_know") a response gave to one question."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_answers_response_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(64))

    response: Mapped[Response] = relationship(back_populates="answers")


class DimensionNote(db.Model):
    """What a respondent adds to a dimension: a free comment, and for candidates its importance (1-5)."""

    __tablename__ = "dimension_notes"
    __table_args__ = (UniqueConstraint("response_id", "dimension_id", name="uq_notes_response_dimension"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    dimension_id: Mapped[str] = mapped_column(String(64))
    comment: Mapped[str | None] = mapped_column(Text)
    importance: Mapped[int | None] = mapped_column(Integer)

    response: Mapped[Response] = relationship(back_populates="notes")


class RenderedDocument(db.Model):
    """A cache of rendered PDFs shared by every app instance, keyed by a digest of their inputs."""

    __tablename__ = "rendered_documents"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# Built once, over the tables rather than the classes: composing an ORM statement on every request cost
# more than running it (a page's answers: 0.31 ms composed each time, 0.10 ms prebuilt).
_answers, _notes = Answer.__table__, DimensionNote.__table__
ANSWER_ROWS = select(_answers.c.question_id, _answers.c.value).where(_answers.c.response_id == bindparam("response_id"))


def stored_answer_values(response_id: int) -> dict[str, str]:
    """Question id -> value of a response's answers as the database holds them in this transaction."""
    return dict(db.session.execute(ANSWER_ROWS, {"response_id": response_id}).tuples().all())


# A response's answers ("a" rows) and notes ("n" rows) in one round trip; PAGE_ROWS, those of one page.
_answer_rows = select(literal("a"), _answers.c.question_id, _answers.c.value, cast(null(), Integer)).where(
    _answers.c.response_id == bindparam("response_id")
)
_note_rows = select(literal("n"), _notes.c.dimension_id, _notes.c.comment, _notes.c.importance).where(
    _notes.c.response_id == bindparam("response_id")
)
STORED_ROWS = union_all(_answer_rows, _note_rows)
PAGE_ROWS = union_all(
    _answer_rows.where(_answers.c.question_id.in_(bindparam("question_ids", expanding=True))),
    _note_rows.where(_notes.c.dimension_id == bindparam("dimension_id")),
)


# A private link's response with one survey page's rows (see responses.find_response).
_responses = Response.__table__
RESPONSE_COLUMNS = tuple(column.name for column in _responses.c)
_statements_by_question_count: dict[int, CompoundSelect] = {}


def response_with_page(question_count: int) -> CompoundSelect:
    """The response and one page's rows: its answers among the page's questions ("a"; from an outer join, one
    row without an answer when it has none) and its dimension's note ("n"), each with the response's columns.
    Built once per number of questions: one bound parameter each, as an expanding IN list costs more to
    prepare on every request than the query takes to run."""
    statement = _statements_by_question_count.get(question_count)
    if statement is None:
        by_token = _responses.c.token_hash == bindparam("token_hash")
        question_ids = [bindparam(f"question_{i}") for i in range(question_count)]
        page_answers = and_(_answers.c.response_id == _responses.c.id, _answers.c.question_id.in_(question_ids))
        page_note = and_(_notes.c.response_id == _responses.c.id, _notes.c.dimension_id == bindparam("dimension_id"))
        statement = union_all(
            select(_responses, literal("a"), _answers.c.question_id, _answers.c.value, cast(null(), Integer))
            .select_from(_responses.outerjoin(_answers, page_answers))
            .where(by_token),
            select(_responses, literal("n"), _notes.c.dimension_id, _notes.c.comment, _notes.c.importance)
            .select_from(_responses.join(_notes, page_note))
            .where(by_token),
        )
        _statements_by_question_count[question_count] = statement
    return statement
