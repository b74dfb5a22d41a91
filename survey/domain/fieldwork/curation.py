"""Comments chosen before delivery: which of a round's comments reach the client's documents, and how.

Pure domain code. The consultant reads every comment of a round (never who wrote it) and may exclude one
or redact part of it; the redaction is kept beside the original, which is never changed, so that an
edit can be undone. A comment from a group under the anonymity threshold is excluded unless the
consultant includes it: in a group of two, what someone writes can name them even without a name.
A comment its author rewrote after the consultant's choice goes back to review: left out of the
documents, whatever was chosen, until the consultant chooses again (a redaction made on the old words
says nothing about the new ones, which may name someone again).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_COMMENT_LENGTH = 5000  # characters of a redacted comment; respondents' comments are no longer


@dataclass(frozen=True)
class RoundComment:
    """One written comment of a submitted response, with the consultant's choice about it."""

    id: int
    dimension_id: str
    text: str  # as the respondent wrote it
    group_label: str | None  # None: its group is under the anonymity threshold, never named
    excluded: bool | None = None  # the consultant's choice; None: not chosen yet, the default applies
    redacted: str | None = None  # the consultant's edit of `text`, None when unedited
    edited_since: bool = False  # rewritten by its author since the consultant's choice: to review again

    @property
    def small_group(self) -> bool:
        return self.group_label is None

    @property
    def to_review(self) -> bool:
        """No choice applies: never chosen, or rewritten since the choice."""
        return self.excluded is None or self.edited_since

    @property
    def included(self) -> bool:
        """Whether the comment reaches the client: the consultant's choice, else only from a group shown;
        never a comment rewritten since the choice, until it is chosen again."""
        if self.edited_since:
            return False
        return not self.excluded if self.excluded is not None else not self.small_group

    @property
    def digest(self) -> str:
        """Names the words the consultant read: a choice posted for other words is not saved."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:32]

    @property
    def delivered_text(self) -> str:
        return self.redacted if self.redacted is not None and not self.edited_since else self.text


# What the curation page can show: every comment, or those of one state (a comment may be in two:
# included and redacted).
COMMENT_FILTERS = ("all", "included", "excluded", "review", "redacted")


def comment_matches(comment: RoundComment, show: str) -> bool:
    """Whether `comment` is listed under the filter `show` (one of COMMENT_FILTERS)."""
    if show == "included":
        return comment.included
    if show == "excluded":
        return not comment.included
    if show == "review":  # no choice applies: never chosen, or rewritten by its author since
        return comment.to_review
    if show == "redacted":
        return comment.redacted is not None
    return True


def comment_group_label(group_id: object, group_names: Mapping[object, str], shown_groups: Collection) -> str | None:
    """The group name shown beside a comment, or None for a group too small to be named."""
    return group_names.get(group_id) if group_id in shown_groups else None


def delivered_comments(comments: Iterable[RoundComment]) -> dict[str, list[str]]:
    """Included comments by dimension, redacted, sorted so that their order says nothing of who wrote them."""
    by_dimension: dict[str, list[str]] = {}
    for comment in comments:
        text = comment.delivered_text.strip()
        if comment.included and text:
            by_dimension.setdefault(comment.dimension_id, []).append(text)
    return {dimension: sorted(texts, key=str.casefold) for dimension, texts in by_dimension.items()}


def clean_redaction(original: str, redacted: str | None) -> str | None:
    """The redaction to store: None when it is empty or says the same as the original (nothing to keep)."""
    text = (redacted or "").strip()
    if not text or text == original.strip():
        return None
    return text[:MAX_COMMENT_LENGTH]


RANKED_AT_MOST = 400
WORD = re.compile(r"\w{4,}")  # words of four letters or more: "the", "and", "les" say nothing of the subject


def representative_first(texts: Sequence[str]) -> list[str]:
    """A practice's comments, the most representative first: those whose words the other comments share
    most (the sum of their word-set overlaps, Jaccard, with each other comment), then the longer (more said),
    then alphabetically. A comment echoed by several respondents stands for more of them than one alone.
    Past RANKED_AT_MOST comments (the comparison grows with their square), the longer first."""
    if len(texts) > RANKED_AT_MOST:
        return sorted(texts, key=lambda text: (-len(text), text.casefold()))
    words = [set(WORD.findall(text.casefold())) for text in texts]

    def echo(index: int) -> float:
        mine = words[index]
        return sum(
            len(mine & other) / len(mine | other) for j, other in enumerate(words) if j != index and (mine | other)
        )

    order = sorted(range(len(texts)), key=lambda i: (-round(echo(i), 9), -len(texts[i]), texts[i].casefold()))
    return [texts[i] for i in order]
