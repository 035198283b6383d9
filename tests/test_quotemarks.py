"""Quotation marks of German and English news, apostrophes, nesting, paragraphs."""

from __future__ import annotations

import pytest

from core.quotes.marks import find_quotes


def quoted(text: str) -> list[tuple[str, int]]:
    return [(text[q.start : q.end], q.depth) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Wir können es schaffen“, sagte er.", [("„Wir können es schaffen“", 0)]),
        ("Er sagte: »Das ist gut.« Dann ging er.", [("»Das ist gut.«", 0)]),
        ("Sie sagte: «Das ist gut.» Dann.", [("«Das ist gut.»", 0)]),
        ('Er sagte: "Das ist gut." Dann.', [('"Das ist gut."', 0)]),
        ("He said “hello” and ‘bye’.", [("“hello”", 0), ("‘bye’", 0)]),
        ("Die Zeitung ›Welt‹ schrieb.", [("›Welt‹", 0)]),
        ("Sie nannte es ‹Unsinn›.", [("‹Unsinn›", 0)]),
        ("„Er nannte das ‚Unsinn‘, wirklich“, so Müller.",
         [("„Er nannte das ‚Unsinn‘, wirklich“", 0), ("‚Unsinn‘", 1)]),
        ("„A“, sagte X, „B“.", [("„A“", 0), ("„B“", 0)]),
    ],
)  # fmt: skip
def test_quotation_styles(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", ["Merz' Plan geht's gut.", "Trump's plan.", "Das ist Hans' Auto, oder?"])
def test_apostrophes_are_not_quotes(text):
    assert find_quotes(text) == []


def test_single_straight_quotes_around_a_name():
    assert quoted("the 'Iron Dome' system") == [("'Iron Dome'", 0)]


def test_quote_over_two_paragraphs_is_one_quotation():
    text = "„Erster Absatz ohne Ende.\n„Zweiter Absatz.“ sagte er."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "„Erster Absatz ohne Ende.\n„Zweiter Absatz.“"
    assert len(quote.paragraphs) == 2


@pytest.mark.parametrize(
    "text",
    ["„Unbalanced quote runs on\nNext paragraph.", "Stray close“ here.", "»«»«", "„„„", '"', "'''", ""],
)
def test_unbalanced_marks_never_crash(text):
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)


def test_unclosed_quote_ends_with_its_paragraph():
    text = "„Unbalanced quote runs on\nNext paragraph."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "„Unbalanced quote runs on"
    assert not quote.closed


def test_a_straight_mark_before_punctuation_closes_never_opens():
    text = '"Er fragt: \'Was hast du getan?\' ", schrieb er: "Rücktritt". Dann.'
    assert quoted(text) == [
        ("\"Er fragt: 'Was hast du getan?' \"", 0),
        ("'Was hast du getan?'", 1),
        ('"Rücktritt"', 0),
    ]
