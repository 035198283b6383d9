"""Entity spans follow the gold guidelines: no determiners, descriptors or sentence punctuation."""

from __future__ import annotations

import pytest


def entities(nlp, text: str) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das meldete die Agentur Tass am Abend.", ("Tass", "ORG")),
        ("Die Grünen warfen der Regierung Versäumnisse vor.", ("Grünen", "ORG")),
        ("Die Linke stimmte gegen den Antrag.", ("Linke", "ORG")),
        ('"Danke an die Fans", schrieb der Franzose bei Instagram. Dann ging er.', ("Instagram", "ORG")),
        ("Trump schrieb auf Truth Social, er sei zufrieden.", ("Truth Social", "ORG")),
        ("Das Bundeskabinett beschloss den Entwurf.", ("Bundeskabinett", "ORG")),
        ("Der 1. FC Köln verlor gegen Borussia Dortmund.", ("1. FC Köln", "ORG")),
    ],
)
def test_organisation_spans(nlp, text, expected):
    assert expected in entities(nlp, text)


def test_a_newspaper_keeps_its_article(nlp):
    assert ("Die Welt", "ORG") in entities(nlp, "Die Welt berichtete zuerst darüber.")


def test_a_verb_starting_a_sentence_is_no_name(nlp):
    found = entities(nlp, '"Kannst du Moskau treffen?" Dennoch sagte Merz nichts.')
    assert not any(text.startswith(("Kannst", "Dennoch")) for text, _ in found)
