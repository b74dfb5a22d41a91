"""Invitees pasted or uploaded by a consultant: one address per line, `Name <address>`, or a CSV file.

Pure code: the round page hands it the text, and gets back the people to invite or every line that
is wrong, with its number. The caller imports nothing when one line is wrong, so a list is never
half-imported; the same address twice (in any case) is kept once.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from email.utils import parseaddr

from survey.domain.plain_text import one_line

MAX_ADDRESS = 254
MAX_NAME = 200
MAX_CELL = 1000  # a cell longer than this is no name nor address: its line is refused
PROBLEM_TEXT = 200  # how much of a wrong line is shown back
# A practical address check (the one browsers apply to <input type="email">, plus a dot in the domain):
# the mail server has the last word, and a bounce shows on the round page.
ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
    reason: str  # "address", "too_long" (the name), "cell_too_long", "nul" (a NUL character), "csv" (unreadable)


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
    return Invitee(address=address, name=one_line(name) or None)


def parse_pasted(text: str) -> ParsedInvitees:
    """One invitee per non-blank line; semicolons and commas between addresses (as mail clients copy them)
    split a line only when the line holds no `<`: a name may carry a comma. Lines end where a text area
    ends them (CR, LF); any other break or control character in a name becomes a space."""
    rows = []
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        if not line.strip():
            continue
        if "\x00" in line:
            rows.append((number, line, "nul"))
            continue
        parts = [line] if "<" in line else [p for p in re.split(r"[;,]", line) if p.strip()]
        rows.extend((number, part, parse_line(part)) for part in parts)
    return _collect(rows)


def parse_csv(text: str) -> ParsedInvitees:
    """A CSV file from a spreadsheet: a header naming the address column (email, e-mail, adresse...) and
    optionally a name column, or no header and the address in the first column holding one.

    Lines are numbered as an editor shows the file (a quoted cell may span lines: the record's first line).
    A NUL character or a cell longer than MAX_CELL is a problem of its line; a line the CSV reader cannot
    read ends the reading there, with that line named."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records, unreadable = _records(text, dialect)
    if not records:
        return ParsedInvitees([], unreadable, 0)
    header = [cell.strip().casefold() for cell in records[0][1]]
    address_column = next((i for i, cell in enumerate(header) if cell in ADDRESS_HEADERS), None)
    name_column = next((i for i, cell in enumerate(header) if cell in NAME_HEADERS), None)
    found = []
    for number, row in records if address_column is None else records[1:]:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        line = (dialect.delimiter or ",").join(row)
        reason = _cell_problem(cells)
        if reason:
            found.append((number, line, reason))
            continue
        if address_column is None:
            address_cell = next((c for c in cells if "@" in c), "")
            others = [c for c in cells if c and c != address_cell]
            name = others[0] if others else None
        else:
            address_cell = cells[address_column] if address_column < len(cells) else ""
            name = cells[name_column] if name_column is not None and name_column < len(cells) else None
        invitee = parse_line(address_cell)
        if invitee is not None and name and not invitee.name:
            invitee = Invitee(invitee.address, one_line(name) or None)
        found.append((number, line, invitee))
    parsed = _collect(found)
    return ParsedInvitees(parsed.invitees, parsed.problems + unreadable, parsed.duplicates)


def _records(text: str, dialect) -> tuple[list[tuple[int, list[str]]], list[InviteeProblem]]:
    """(first line number, cells) of each record; and the line the reader stopped at, if it could not read on
    (a cell beyond the csv module's own limit, a quote never closed)."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records: list[tuple[int, list[str]]] = []
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return records, []
        except csv.Error as error:
            reason = "cell_too_long" if "field limit" in str(error) else "csv"
            return records, [InviteeProblem(first_line, _excerpt(text, first_line), reason)]
        records.append((first_line, row))


def _cell_problem(cells: list[str]) -> str | None:
    if any("\x00" in cell for cell in cells):
        return "nul"
    if any(len(cell) > MAX_CELL for cell in cells):
        return "cell_too_long"
    return None


def _excerpt(text: str, line: int) -> str:
    """The start of a line of the text (for a line the reader could not read)."""
    lines = text.split("\n", line)
    return lines[line - 1][:PROBLEM_TEXT].strip() if len(lines) >= line else ""


def _collect(found) -> ParsedInvitees:
    invitees: list[Invitee] = []
    problems: list[InviteeProblem] = []
    seen: set[str] = set()
    duplicates = 0
    for number, text, invitee in found:
        shown = one_line(text)[:PROBLEM_TEXT]
        if invitee is None or isinstance(invitee, str):
            problems.append(InviteeProblem(number, shown, invitee or "address"))
            continue
        if invitee.name and len(invitee.name) > MAX_NAME:
            problems.append(InviteeProblem(number, shown, "too_long"))
            continue
        if invitee.key in seen:
            duplicates += 1
            continue
        seen.add(invitee.key)
        invitees.append(invitee)
    return ParsedInvitees(invitees, problems, duplicates)


def decode_file(data: bytes) -> str:
    """An uploaded list as text: UTF-16 (Excel's "Unicode text", with or without its byte order mark), UTF-8
    (with or without one), else Windows' Western encoding, as Excel saves a plain CSV."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte order mark, told by its zero bytes: in a list of names and addresses most
    characters are ASCII, so every other byte is zero (the odd ones in little-endian, the even in big)."""
    sample = data[:4096]
    if len(sample) < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and not even.count(0):
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and not odd.count(0):
        return "utf-16-be"
    return None
