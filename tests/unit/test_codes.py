"""Rule B3: booking codes, typed input and the ticket's QR code."""

import xml.etree.ElementTree as ET

from services import codes


def test_new_codes_use_six_unambiguous_characters():
    drawn = {codes.new_code() for _ in range(500)}
    assert len(drawn) > 490  # random, not a sequence
    assert all(len(code) == 6 for code in drawn)
    used = set("".join(drawn))
    assert used <= set(codes.ALPHABET)
    assert not used & set("01890IO")


def test_alphabet_has_no_confusable_character():
    assert codes.ALPHABET == "ABCDEFGHJKLMNPQRSTUVWXYZ234567"
    assert len(set(codes.ALPHABET)) == 30


def test_typed_code_ignores_case_and_spaces():
    assert codes.normalize_code("ab c2 34") == "ABC234"
    assert codes.normalize_code(" \tabc\n234 ") == "ABC234"


def test_qr_payload_round_trip():
    payload = codes.qr_payload("ABC234")
    assert payload == "PASSCULTURE:v3;TOKEN:ABC234"
    assert codes.code_from_qr(payload) == "ABC234"


def test_code_from_qr_accepts_a_typed_code_or_a_lower_case_payload():
    assert codes.code_from_qr("abc 234") == "ABC234"
    assert codes.code_from_qr("passculture:v3;token:abc234") == "ABC234"


def test_qr_svg_is_a_valid_svg_document():
    svg = codes.qr_svg("ABC234")
    assert "<svg" in svg
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.find(".//{http://www.w3.org/2000/svg}path") is not None


def test_the_counter_field_keeps_six_characters_of_a_typed_or_pasted_entry():  # rule B6
    assert codes.typed_code("abc2345") == "ABC234"
    assert codes.typed_code("PASSCULTURE:v3;TOKEN:ABC234") == "ABC234"


def test_only_a_pass_culture_ticket_gives_a_scanned_code():  # rule B3
    assert codes.scanned_code("passculture:v3;token:abc234") == "ABC234"
    assert codes.scanned_code("PASSCULTURE:v3;TOKEN:ABC2345") == "ABC234"
    assert codes.scanned_code("ABC234") is None
    assert codes.scanned_code("https://example.org/PASSCULTURE:v3;TOKEN:ABC234") is None
