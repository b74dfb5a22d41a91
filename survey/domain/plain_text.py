"""Text people typed, made safe for where it goes: one line (a name in a mail header, a client's name), and
the characters XML 1.0 allows (every document: the deck, the workbook and the PDF are XML inside).

Shared by every layer: names are normalised where they come in (forms, invitee files), and the documents
and the mail composer apply the same functions again where text goes out, so that a value stored before
(or through another door) breaks nothing either.
"""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1: CR, LF, vertical tab, form feed, the file/group/record separators
# \x1c-\x1e, NEL U+0085...) and the Unicode line and paragraph separators U+2028, U+2029: each is a line
# break to some reader (a mail header, str.splitlines, Excel's Alt+Enter), a space in a one-line name.
_BREAKS_AND_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(" {2,}")  # not other spaces: French typography's narrow no-break space stays

# What XML 1.0 forbids (section 2.2): C0 controls other than tab, line feed and carriage return, the
# non-characters U+FFFE and U+FFFF, and surrogates (a lone one: Python strings may hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def one_line(text: str | None) -> str:
    """The text on one line: every line break or control character becomes a space, runs of spaces one
    space (no-break ones stay), the ends are trimmed ("Ana\\r\\nLopez" -> "Ana Lopez"), and characters XML
    forbids are dropped."""
    if not text:
        return ""
    return _SPACES.sub(" ", xml_text(_BREAKS_AND_CONTROLS.sub(" ", text))).strip()


def xml_text(text: str | None) -> str | None:
    """The text without the characters XML 1.0 forbids (everything else, line breaks included, is kept)."""
    return _NOT_XML.sub("", text) if text else text
