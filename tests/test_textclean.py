"""The text cleaner: bounded escape sequences, lone control characters, and what the warning says."""

from __future__ import annotations

import pytest

from core.textclean import clean_text, printable


def test_an_unterminated_terminal_string_removes_only_its_introducer():
    cleaned = clean_text("T\nScholz traf \x1b]0;Macron. Danach Kiew.\nZweiter Absatz.\n")
    assert cleaned.text == "T\nScholz traf 0;Macron. Danach Kiew.\nZweiter Absatz.\n"
    assert "unterminated" in cleaned.warning() and "\\x1b]" in cleaned.warning()


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("Titel \x1b]0;PWNED\x07und Text", "Titel und Text"),  # OSC ended by BEL
        ("Titel \x1b]8;;https://x.example\x1b\\Link\x1b]8;;\x1b\\ Text", "Titel Link Text"),  # ended by ST
        ("Titel \x1bPq#0;2;0;0;0\x1b\\ Text", "Titel  Text"),  # DCS (sixel)
        ("A \x1b[1;31mrot\x1b[0m B", "A rot B"),
        ("Ende mit ESC\x1b", "Ende mit ESC"),
    ],
)
def test_complete_sequences_are_removed_whole(raw: str, kept: str):
    assert clean_text(raw).text == kept


def test_a_terminal_string_does_not_run_past_the_end_of_its_line():
    cleaned = clean_text("Eins \x1b]0;Titel\nZwei\x07 Drei")
    assert cleaned.text == "Eins 0;Titel\nZwei Drei"


def test_a_lone_c1_byte_is_one_control_character_not_the_start_of_a_string():
    # \x9e (PM) and \x9c (ST) are the last bytes of „ and “ in UTF-8: mojibake must not eat the quote
    cleaned = clean_text("Er sagte: \x9eWir kommen.\x9c Dann ging er.")
    assert cleaned.text == "Er sagte: Wir kommen. Dann ging er."
    assert "2 control character(s) (U+009C, U+009E)" in cleaned.warning()


def test_utf8_read_as_latin1_is_repaired():
    raw = "Er sagte: „Wir kommen nach Köln.“ Dann ging er.".encode().decode("latin-1")
    cleaned = clean_text(raw)
    assert cleaned.text == "Er sagte: „Wir kommen nach Köln.“ Dann ging er."
    assert "UTF-8" in cleaned.warning() and "Latin-1" in cleaned.warning()


def test_text_without_c1_characters_is_never_repaired():
    # "Ã¤" could be mojibake of "ä", but without a C1 character there is no evidence: kept as written
    assert clean_text("Ã¤ ist kein Umlaut").text == "Ã¤ ist kein Umlaut"


def test_the_warning_names_what_was_removed():
    warning = clean_text("A\x1b[31m B\x07 C\u202e D").warning()
    assert warning == (
        "removed 1 ANSI escape sequence(s) (\\x1b[31m); 1 control character(s) (U+0007); "
        "1 bidi control character(s) (U+202E)"
    )


def test_lone_surrogates_become_replacement_characters():
    cleaned = clean_text("Emoji \ud83d abgeschnitten")
    assert cleaned.text == "Emoji \ufffd abgeschnitten"
    assert "1 lone surrogate(s) replaced by U+FFFD" in cleaned.warning()


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("osc\x1b]0;PWNED\x07.txt", "osc\\x1b]0;PWNED\\x07.txt"),
        ("x\udcff.txt", "x\\xff.txt"),  # an undecodable byte of a file name (surrogateescape)
        ("cut \ud83d", "cut \\ud83d"),
        ("zwei\u2028Zeilen", "zwei\\u2028Zeilen"),
        ("\u202eabc", "\\u202eabc"),
    ],
)
def test_printable_escapes_control_bidi_and_surrogates(name: str, shown: str):
    assert printable(name) == shown
    assert printable(shown) == shown  # idempotent
    shown.encode("utf-8")  # and always encodable
