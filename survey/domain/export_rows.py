"""Which rows of a round may leave in an export: the report's anonymity rules applied to row-level data.

A group under the threshold is exported without its name (None), and a round with fewer respondents than
the threshold exports no row at all.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from survey.domain.aggregate import ANONYMITY_THRESHOLD


@dataclass(frozen=True)
class ExportedResponse:
    group: str | None  # None: one of the groups too small to be named
    profile: str
    submitted_at: datetime
    answers: dict[str, str]


def exported_responses(
    rows: Iterable[tuple[int, Hashable, str, datetime, str, str]],
    group_names: Mapping[Hashable, str],
    submitted: Mapping[Hashable, int],
    threshold: int = ANONYMITY_THRESHOLD,
) -> Iterator[ExportedResponse]:
    """Group (response id, group, profile, submitted at, question id, value) rows, ordered by response."""
    if sum(submitted.values()) < threshold:
        return
    for _, response_rows in groupby(rows, key=itemgetter(0)):
        answers = list(response_rows)
        _, group, profile, submitted_at, _, _ = answers[0]
        name = group_names.get(group) if submitted.get(group, 0) >= threshold else None
        yield ExportedResponse(name, profile, submitted_at, {question_id: value for *_, question_id, value in answers})
