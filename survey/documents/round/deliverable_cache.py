"""Built decks and workbooks kept per app instance (MEMORY_MB megabytes at most), keyed by a digest of everything
they show.

A consultant downloads the same round's deck or workbook several times (to check it, to send it, after
choosing comments); the round's figures cost a few rows of tallies to read, but writing the file is most
of the work. The key names the figures, the synthesis, the chosen comments (as delivered), the
participation, the client, the firm and both logos, the language, the questionnaire's version and the
day (the title slide carries it); the workbook's also names the round's responses (how many, and when
one last changed), since it lists them. A hit is what a new build would give.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from survey.documents.fragments import LockedLRU
from survey.documents.round.deliverable import Deliverable

MEMORY_MB = 64  # built decks and workbooks kept per instance, in megabytes (a large round's live in the database)
DOCUMENTS = LockedLRU(size=MEMORY_MB * 2**20, getsizeof=len)


def digest(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data else None


def deliverable_key(kind: str, deliverable: Deliverable, *extra: object) -> str:
    report, questionnaire = deliverable.report, deliverable.questionnaire
    parts = (
        kind,
        questionnaire.id,
        questionnaire.version,
        deliverable.lang,
        deliverable.client,
        deliverable.firm_name,
        digest(deliverable.firm_logo),
        digest(deliverable.client_logo),
        digest(deliverable.deck_template),
        deliverable.made_on.isoformat(),
        report.engagement.id,
        report.round.number,
        report.round.opened_at,
        report.round.closed_at,
        report.previous_round.number if report.previous_round else None,
        report.aggregate,
        report.previous,
        report.changes,
        report.synthesis,
        sorted(report.comments.items()),
        sorted(report.more_comments.items()),
        [(line.group.name, line.started, line.submitted, line.headcount) for line in report.participation],
        deliverable.benchmark,
        deliverable.portfolio,
        extra,
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def cached_document(key: str, build: Callable[[], bytes]) -> bytes:
    found = DOCUMENTS.get(key)
    if found is None:
        found = build()
        DOCUMENTS.put(key, found)
    return found
