"""A round's comments as the consultant curates them: read with the choices made, write a choice.

Only comments of submitted responses count, as in the report. A choice keeps the words it was made on
(`redacted_from`, the comment as stored then): once the respondent rewrites the comment, the choice no
longer applies, and the comment is left out of the documents until the consultant chooses again.
Which respondent wrote one is never read: only its group, to know whether that group is large enough to
be named (see domain/fieldwork/curation.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, false, func, not_, or_, select, true

from survey.domain.fieldwork.curation import RoundComment, clean_redaction, comment_group_label
from survey.domain.rounds.aggregate import ANONYMITY_THRESHOLD
from survey.domain.rounds.anonymity import groups_with_shown_comments
from survey.extensions import db
from survey.store.models import CommentChoice, DimensionNote, Response, Round
from survey.store.round_data import COMMENTS_PER_DIMENSION, anonymity_counts


def _written():
    return and_(DimensionNote.comment.is_not(None), func.trim(DimensionNote.comment) != "")


def _edited_since_chosen():
    """The comment was rewritten after the consultant's choice (a choice made before this rule kept no
    words when it redacted nothing: it still applies)."""
    return and_(CommentChoice.redacted_from.is_not(None), CommentChoice.redacted_from != DimensionNote.comment)


def _round_notes(round_id: int):
    """Comments of the round's submitted responses, with the consultant's choice (outer join: most have none)."""
    return (
        select(
            DimensionNote.id,
            DimensionNote.dimension_id,
            DimensionNote.comment,
            Response.group_id,
            CommentChoice.excluded,
            CommentChoice.redacted,
            _edited_since_chosen().label("edited_since"),
        )
        .join(Response, Response.id == DimensionNote.response_id)
        .outerjoin(CommentChoice, CommentChoice.note_id == DimensionNote.id)
        .where(Response.round_id == round_id, Response.submitted_at.is_not(None), _written())
    )


def commenting_groups(round_id: int, threshold: int = ANONYMITY_THRESHOLD) -> tuple[frozenset, int]:
    """The groups whose comments are shown (and named) by default (domain.anonymity), and the round's people."""
    people = anonymity_counts(round_id)
    return groups_with_shown_comments(people, threshold), sum(people.values())


def _comment(row, names: dict, shown_groups: frozenset) -> RoundComment:
    note_id, dimension_id, text, group_id, excluded, redacted, edited_since = row
    return RoundComment(
        id=note_id,
        dimension_id=dimension_id,
        text=text.strip(),
        group_label=comment_group_label(group_id, names, shown_groups),
        excluded=excluded,
        redacted=redacted,
        edited_since=bool(edited_since),
    )


def round_comment_list(round_: Round, threshold: int = ANONYMITY_THRESHOLD) -> list[RoundComment]:
    """Every comment of the round, for the consultant's choice; none below the threshold in all."""
    shown_groups, respondents = commenting_groups(round_.id, threshold)
    if respondents < threshold:
        return []
    names = {group.id: group.name for group in round_.engagement.groups}
    rows = db.session.execute(_round_notes(round_.id)).tuples()
    return [_comment(row, names, shown_groups) for row in rows]


def find_round_comment(round_: Round, note_id: int, threshold: int = ANONYMITY_THRESHOLD) -> RoundComment | None:
    """One comment of this round (None for any other note: another round's, a draft's, someone else's)."""
    return next((c for c in round_comment_list(round_, threshold) if c.id == note_id), None)


def delivered_round_comments(
    round_id: int, shown_groups: frozenset, limit: int = COMMENTS_PER_DIMENSION
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(dimension id, text as delivered) of the latest `limit` included comments of each dimension, and how
    many each has in all.

    The database applies the choice (excluded, or by default from a group under the threshold) and picks
    the comments (a window per dimension): a round of 10,000 responses sends a few dozen, not thousands.
    """
    included = or_(
        and_(CommentChoice.excluded == false(), not_(_edited_since_chosen())),
        and_(CommentChoice.excluded.is_(None), Response.group_id.in_(list(shown_groups))),
    )
    notes = _round_notes(round_id).where(included).subquery()
    ranked = select(
        *notes.c,
        func.row_number().over(partition_by=notes.c.dimension_id, order_by=notes.c.id.desc()).label("rank"),
        func.count().over(partition_by=notes.c.dimension_id).label("total"),
    ).subquery()
    rows = db.session.execute(select(ranked).where(ranked.c.rank <= limit)).tuples()
    shown, totals = [], {}
    for *row, _, total in rows:
        comment = _comment(row, {}, shown_groups)
        shown.append((comment.dimension_id, comment.delivered_text))
        totals[comment.dimension_id] = total
    return shown, totals


def withheld_round_comments(round_id: int, shown_groups: frozenset) -> int:
    """Comments of groups too small to show them that the consultant has not chosen to include."""
    not_included = or_(CommentChoice.excluded.is_(None), CommentChoice.excluded == true(), _edited_since_chosen())
    notes = _round_notes(round_id).where(Response.group_id.not_in(list(shown_groups)), not_included).subquery()
    return db.session.scalar(select(func.count()).select_from(notes)) or 0


def _apply_choice(comment: RoundComment, included: bool, redacted: str | None) -> None:
    choice = db.session.get(CommentChoice, comment.id) or CommentChoice(note_id=comment.id)
    choice.excluded = not included
    choice.redacted = clean_redaction(comment.text, redacted)
    choice.redacted_from = db.session.scalar(select(DimensionNote.comment).where(DimensionNote.id == comment.id))
    db.session.add(choice)


def save_comment_choice(comment: RoundComment, included: bool, redacted: str | None) -> None:
    """Store the consultant's choice; the respondent's comment itself is never changed."""
    _apply_choice(comment, included, redacted)
    db.session.commit()


def save_comment_choices(choices: Iterable[tuple[RoundComment, bool, str | None]]) -> int:
    """Store several choices (comment, included, redaction) at once, in one transaction; returns how many."""
    count = 0
    for comment, included, redacted in choices:
        _apply_choice(comment, included, redacted)
        count += 1
    db.session.commit()
    return count
