"""The invitees of a round as a CSV file, with each one's personal link: the copy-a-link workflow for a
consultant who sends the invitations from their own mailbox. Addresses and statuses, never answers.

Written in chunks of rows as the invitees are read, so that a round of 100,000 addresses streams to the
browser (the first bytes at once) instead of being built whole in memory first."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping

from survey.documents.round.exports import BOM, spreadsheet_safe
from survey.store.fieldwork.invitations import InviteeLine

HEADER = ["name", "email", "group", "status", "reminders", "unsubscribed", "link"]
CHUNK_ROWS = 1000


def invitees_csv_chunks(
    lines: Iterable[InviteeLine], group_names: Mapping[int, str], link_for: Callable[[InviteeLine], str]
) -> Iterator[str]:
    """The file (UTF-8 BOM, CRLF), CHUNK_ROWS rows at a time."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    groups = {group_id: spreadsheet_safe(name) for group_id, name in group_names.items()}
    for count, line in enumerate(lines, start=1):
        writer.writerow(
            [
                spreadsheet_safe(line.name or ""),
                spreadsheet_safe(line.address),
                groups.get(line.group_id, ""),
                line.status,
                line.reminders_sent,
                "yes" if line.unsubscribed else "",
                link_for(line),
            ]
        )
        if count % CHUNK_ROWS == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
