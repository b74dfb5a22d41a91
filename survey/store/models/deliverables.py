"""What a consultant decides about a round's documents before delivering them: which comments, in which words."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from survey.extensions import db
from survey.store.models.base import utcnow


class CommentChoice(db.Model):
    """The consultant's choice about one comment: excluded or not, and an edit of its text.

    Kept beside the respondent's comment (dimension_notes), which is never changed; `redacted_from` is the
    comment as stored when the choice was made (whether or not it was edited): once the respondent
    rewrites it, the choice no longer applies and the comment is left out until chosen again. No row: the
    default applies (see domain/fieldwork/curation.py)."""

    __tablename__ = "comment_choices"

    note_id: Mapped[int] = mapped_column(ForeignKey("dimension_notes.id", ondelete="CASCADE"), primary_key=True)
    excluded: Mapped[bool | None]
    redacted: Mapped[str | None] = mapped_column(Text)
    redacted_from: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
