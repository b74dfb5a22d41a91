"""Invitees pasted or uploaded by a consultant: one address per line, `Name <address>`, or a CSV file.

Pure code: the round page hands it the text, and gets back the people to invite or every line that
is wrong, with its number. The caller imports nothing when one line is wrong, so a list is never
half-imported; the same address twice (in any case) is kept once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from email.utils import parseaddr

MAX_ADDRESS = 254
MAX_NAME = 200
# A practical address check (the one browsers apply to <input type="email">, plus a dot in the domain):
# the mail server has the last word, and a bounce shows on the round page.
ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
ADDRESS_HEADERS = {"email", "e-mail", "mail", "address", "adresse", "courriel", "adresse e-mail", "email address"}
NAME_HEADERS = {"name", "nom", "full name", "nom complet", "prénom nom"}


@dataclass(frozen=True)
class Invitee:
    address: str  # as written (trimmed)
    name: str | None

    @property
    def key(self) -> str:
        """What makes two addresses the same person: case does not matter to anyone's mailbox in practice."""
        return address_key(self.address)


@dataclass(frozen=True)
class InviteeProblem:
    line: int  # 1-based, as an editor numbers them
    text: str
    reason: str  # "address", "too_long", "columns"


@dataclass(frozen=True)
class ParsedInvitees:
    invitees: list[Invitee]  # without duplicates, in the order given
    problems: list[InviteeProblem]
    duplicates: int  # lines dropped because their address came earlier


def address_key(address: str) -> str:
    return address.strip().casefold()


def is_address(text: str) -> bool:
    return len(text) <= MAX_ADDRESS and ADDRESS.match(text) is not None


def parse_line(text: str) -> Invitee | None:
    """`address`, `Name <address>` or `"Name, Title" <address>`; None when no valid address is found."""
    text = text.strip()
    if "<" in text or '"' in text:
        name, address = parseaddr(text)
        if not address or not text.rstrip().endswith(">"):
            return None
    else:
        name, address = "", text
    address = address.strip()
    if not is_address(address):
        return None
    return Invitee(address=address, name=name.strip() or None)


def pasted_lines(invitees: list[Invitee]) -> str:
    """The invitees as lines parse_pasted reads back the same (`"Name, Title" <address>`): what a page that
    asks before importing them carries to its confirmation."""
    return "\n".join(
        _quoted(invitee.name) + f" <{invitee.address}>" if invitee.name else invitee.address for invitee in invitees
    )


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_pasted(text: str) -> ParsedInvitees:
    """One invitee per non-blank line; semicolons and commas between addresses (as mail clients copy them)
    split a line only when the line holds no `<`: a name may carry a comma."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [line] if "<" in line else [p for p in re.split(r"[;,]", line) if p.strip()]
        rows.extend((number, part) for part in parts)
    return _collect((number, part, parse_line(part)) for number, part in rows)


def parse_csv(text: str) -> ParsedInvitees:
    """A CSV file from a spreadsheet: a header naming the address column (email, e-mail, adresse...) and
    optionally a name column, or no header and the address in the first column holding one."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return ParsedInvitees([], [], 0)
    header = [cell.strip().casefold() for cell in rows[0]]
    address_column = next((i for i, cell in enumerate(header) if cell in ADDRESS_HEADERS), None)
    name_column = next((i for i, cell in enumerate(header) if cell in NAME_HEADERS), None)
    start = 2 if address_column is not None else 1
    rows_to_read = rows if address_column is None else rows[1:]
    found = []
    for number, row in enumerate(rows_to_read, start=start):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        line = (dialect.delimiter or ",").join(row)
        if address_column is None:
            address_cell = next((c for c in cells if "@" in c), "")
            others = [c for c in cells if c and c != address_cell]
            name = others[0] if others else None
        else:
            address_cell = cells[address_column] if address_column < len(cells) else ""
            name = cells[name_column] if name_column is not None and name_column < len(cells) else None
        invitee = parse_line(address_cell)
        if invitee is not None and name and not invitee.name:
            invitee = Invitee(invitee.address, name.strip() or None)
        found.append((number, line, invitee))
    return _collect(found)


def _collect(found) -> ParsedInvitees:
    invitees: list[Invitee] = []
    problems: list[InviteeProblem] = []
    seen: set[str] = set()
    duplicates = 0
    for number, text, invitee in found:
        if invitee is None:
            problems.append(InviteeProblem(number, text.strip()[:200], "address"))
            continue
        if invitee.name and len(invitee.name) > MAX_NAME:
            problems.append(InviteeProblem(number, text.strip()[:200], "too_long"))
            continue
        if invitee.key in seen:
            duplicates += 1
            continue
        seen.add(invitee.key)
        invitees.append(invitee)
    return ParsedInvitees(invitees, problems, duplicates)
