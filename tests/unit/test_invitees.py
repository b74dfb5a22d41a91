"""Parsing pasted and uploaded invitees: what a consultant copies from a mail client or a spreadsheet."""

from __future__ import annotations

from survey.domain.fieldwork.invitees import Invitee, parse_csv, parse_pasted


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
