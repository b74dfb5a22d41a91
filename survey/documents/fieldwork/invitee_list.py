"""The invitees of a round as a CSV file, with each one's personal link: the copy-a-link workflow for a
consultant who sends the invitations from their own mailbox. Addresses and statuses (in words, in the language
the caller forces: the engagement's), never answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from flask_babel import gettext as _

from survey.documents.round.exports import BOM, spreadsheet_safe
from survey.store.fieldwork.invitations import InviteeLine
from survey.store.models.fieldwork import BOUNCED, NEW, SENT, STARTED, SUBMITTED


def status_words() -> dict[str, str]:
    """An invitation's status as the round page says it (templates/consultant/_fieldwork_macros.html)."""
    return {
        NEW: _("not sent yet"),
        SENT: _("invited"),
        STARTED: _("started"),
        SUBMITTED: _("submitted"),
        BOUNCED: _("address refused"),
    }


def invitees_csv(
    lines: Iterable[InviteeLine], group_names: Mapping[int, str], link_for: Callable[[InviteeLine], str]
) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "email", "group", "status", "reminders", "unsubscribed", "link"])
    words, unsubscribed = status_words(), _("no more reminders")
    for line in lines:
        writer.writerow(
            [
                spreadsheet_safe(line.name or ""),
                spreadsheet_safe(line.address),
                spreadsheet_safe(group_names.get(line.group_id, "")),
                words.get(line.status, line.status),
                line.reminders_sent,
                unsubscribed if line.unsubscribed else "",
                link_for(line),
            ]
        )
    return out.getvalue()
