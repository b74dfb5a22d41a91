"""The invitees of a round as a CSV file, with each one's personal link: the copy-a-link workflow for a
consultant who sends the invitations from their own mailbox. Addresses and statuses, never answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from survey.documents.round.exports import BOM, spreadsheet_safe
from survey.store.fieldwork.invitations import InviteeLine


def invitees_csv(
    lines: Iterable[InviteeLine], group_names: Mapping[int, str], link_for: Callable[[InviteeLine], str]
) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "email", "group", "status", "reminders", "unsubscribed", "link"])
    for line in lines:
        writer.writerow(
            [
                spreadsheet_safe(line.name or ""),
                spreadsheet_safe(line.address),
                spreadsheet_safe(group_names.get(line.group_id, "")),
                line.status,
                line.reminders_sent,
                "yes" if line.unsubscribed else "",
                link_for(line),
            ]
        )
    return out.getvalue()
