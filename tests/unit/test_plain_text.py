"""The shared cleaning of people's text: one line for names in mail headers, XML 1.0's characters for documents."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from survey.domain.plain_text import one_line, xml_text

FORBIDDEN = [*map(chr, [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]), "\ufffe", "\uffff", "\ud800", "\udfff"]
BREAKS = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_xml_text_drops_what_xml_forbids_and_keeps_the_rest():
    text = "Le budget" + "".join(FORBIDDEN) + "\tmanque\r\n« é € 😀 »"
    assert xml_text(text) == "Le budget\tmanque\r\n« é € 😀 »"
    ElementTree.fromstring(f"<t>{xml_text(text)}</t>")  # an XML parser takes it


@pytest.mark.parametrize("mark", BREAKS + FORBIDDEN)
def test_one_line_leaves_no_line_break_nor_control_character(mark):
    name = one_line(f"  Victim{mark}Bcc:  x@evil.example ")
    assert name in ("Victim Bcc: x@evil.example", "VictimBcc: x@evil.example")
    assert name.splitlines() == [name]
