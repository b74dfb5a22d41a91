"""Parsing pasted and uploaded invitees: what a consultant copies from a mail client or a spreadsheet."""

from __future__ import annotations

import pytest

from survey.domain.fieldwork.invitees import Invitee, decode_file, parse_csv, parse_pasted


def test_addresses_names_and_blank_lines():
    parsed = parse_pasted('ana@acme.test\n\n  Bruno Martin <bruno@acme.test>  \n"Petit, Carla" <carla@acme.test>\n')
    assert parsed.invitees == [
        Invitee("ana@acme.test", None),
        Invitee("bruno@acme.test", "Bruno Martin"),
        Invitee("carla@acme.test", "Petit, Carla"),
    ]
    assert parsed.problems == []


def test_a_mail_clients_list_separated_by_semicolons():
    parsed = parse_pasted("ana@acme.test; bruno@acme.test, carla@acme.test")
    assert [i.address for i in parsed.invitees] == ["ana@acme.test", "bruno@acme.test", "carla@acme.test"]


def test_every_wrong_line_is_reported_with_its_number():
    parsed = parse_pasted("ana@acme.test\nana.acme.test\n\nBruno <bruno@>\ncarla@acme\nd@e.fr extra")
    assert [(p.line, p.text) for p in parsed.problems] == [
        (2, "ana.acme.test"),
        (4, "Bruno <bruno@>"),
        (5, "carla@acme"),
        (6, "d@e.fr extra"),
    ]


def test_the_same_address_in_another_case_is_kept_once():
    parsed = parse_pasted("Ana@Acme.test\nana@acme.TEST\nAna <ana@acme.test>")
    assert len(parsed.invitees) == 1 and parsed.duplicates == 2


def test_a_csv_with_a_header_in_french_and_semicolons():
    parsed = parse_csv("\ufeffNom;Adresse;Service\nDenise Roy;denise@acme.test;Juridique\nÉric;pas-une-adresse;RH\n")
    assert parsed.invitees == [Invitee("denise@acme.test", "Denise Roy")]
    assert [(p.line, p.reason) for p in parsed.problems] == [(3, "address")]


def test_a_csv_without_a_header():
    parsed = parse_csv("denise@acme.test,Denise Roy\neric@acme.test,\n")
    assert parsed.invitees == [Invitee("denise@acme.test", "Denise Roy"), Invitee("eric@acme.test", None)]


def test_a_name_on_several_lines_or_with_control_characters_is_put_on_one_line():
    breaks = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x07"]
    rows = "".join(f'"Victim{mark}Bcc: x@evil.example",v{n}@acme.test\r\n' for n, mark in enumerate(breaks))
    parsed = parse_csv("name,email\r\n" + rows)
    assert {i.name for i in parsed.invitees} == {"Victim Bcc: x@evil.example"} and parsed.problems == []
    pasted = parse_pasted('Ana\x0b Lopez <ana@acme.test>\n"Bruno\u2028Martin" <bruno@acme.test>')
    assert [i.name for i in pasted.invitees] == ["Ana Lopez", "Bruno Martin"]


def test_lines_are_numbered_as_an_editor_shows_them_when_a_cell_spans_lines():
    parsed = parse_csv('name,email\r\n"Ana\r\nLopez",ana@acme.test\r\nBruno,not-an-address\r\n')
    assert [(p.line, p.reason) for p in parsed.problems] == [(4, "address")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8", "utf-8-sig", "cp1252"])
def test_files_in_every_encoding_a_spreadsheet_saves(encoding):
    text = "Nom\tEmail\r\nÉric Lefèvre\teric@acme.test\r\nDenise Roy\tdenise@acme.test\r\n"
    parsed = parse_csv(decode_file(text.encode(encoding)))
    assert parsed.invitees == [Invitee("eric@acme.test", "Éric Lefèvre"), Invitee("denise@acme.test", "Denise Roy")]


def test_a_nul_character_or_an_overlong_cell_is_refused_with_its_line():
    parsed = parse_csv("email,name\r\nana@acme.test,Ana\r\nbruno@acme.test,Bru\x00no\r\n")
    assert [(p.line, p.reason) for p in parsed.problems] == [(3, "nul")]
    assert [(p.line, p.reason) for p in parse_pasted("ana@acme.test\nbr\x00uno@acme.test").problems] == [(2, "nul")]
    long_cell = parse_csv(f"email,name\r\nana@acme.test,{'a' * 5000}\r\n")
    assert [(p.line, p.reason) for p in long_cell.problems] == [(2, "cell_too_long")]
    beyond_csv_limit = parse_csv(f'email,name\r\nana@acme.test,Ana\r\nbruno@acme.test,"{"b" * 140_000}"\r\n')
    assert [(p.line, p.reason) for p in beyond_csv_limit.problems] == [(3, "cell_too_long")]
