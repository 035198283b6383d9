"""``newslens_noun_filter``: no common noun is a name just because it is capitalised.

The statistical model sometimes tags a capitalised common noun
(``Waffenstillstand``, ``Telefonat``), a role (``Kreml-Sprecher``) or a
lowercase word as a name, or runs a
name on into the noun after it (``Trumps Telefonat``, ``Moskaus
Kriegsbombardements``). This component drops such one-word entities and trims
such runs, unless a rule vouched for the entity.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.components.person_rules import role_of
from core.components.spans import source_of
from core.lexicon import NAME_PARTICLES, common_nouns, first_names, lowercase_words, single_word_places

UNCHECKED_SOURCES = ("model", "propagated")
# Words before an organisation's name that are not part of it (names that contain one,
# such as "Die Welt" or "Agentur für Arbeit", are gazetteer patterns and not trimmed)
ORG_LEAD_INS = frozenset([
    "der", "die", "das", "des", "dem", "den", "agentur", "nachrichtenagentur", "sender", "senders",
    "fernsehsender", "firma", "firmen", "konzern", "konzerns", "rüstungskonzern", "rüstungskonzerns",
    "unternehmen", "unternehmens", "hersteller", "herstellers", "plattform", "plattformen", "onlinedienst",
    "kurznachrichtendienst", "netzwerk", "netzwerks", "zeitung", "zeitungen", "magazin", "magazins",
    "nachrichtenmagazin", "sendeanstalt", "rundfunkanstalt", "partei"
])  # fmt: skip
_REGNAL = re.compile(r"^[IVXLC]{1,5}\.?$")


class NounFilter:
    """Drop or trim model entities that are (or run into) common nouns."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.common = common_nouns()
        self.first_names = first_names()
        self.places = single_word_places()
        self.lowercase = lowercase_words()

    def is_common_word(self, text: str) -> bool:
        """A lowercase word, or a common noun that is no first name (regnal numbers are names)."""
        if _REGNAL.match(text):
            return False
        if text[:1].islower() or sum(char.isalpha() for char in text) < 2:
            return True
        return text not in self.first_names and text.casefold() in self.common

    def trimmed(self, doc: Doc, ent: Span) -> Span | None:
        """The entity without leading or trailing common nouns, or None to drop it."""
        if ent.text.endswith("-"):
            return None  # "Drone- und Raketenangriffe": half of an elliptic compound
        if ent[0].text.lower() in self.lowercase and self.starts_sentence(doc, ent.start):
            return None  # "Kannst du Moskau …?": a verb capitalised at the start of a sentence, not a name
        start = ent.start
        # leading words that are not part of the name: "Präsident Putin", "im Inneren Russlands"
        # (a PERSON keeps common nouns: foreign names such as "Sterling Scarborough" contain them)
        while start < ent.end - 1 and (
            role_of(doc[start]) is not None
            or doc[start].text[:1].islower()
            or (ent.label_ == "PLACE" and self.is_common_word(doc[start].text))
        ):
            start += 1
        # an organisation's name starts after a determiner or a descriptor: "Die Grünen", "Agentur Tass"
        while (
            ent.label_ == "ORG"
            and start < ent.end - 1
            and doc[start].text.casefold() in ORG_LEAD_INS
            and doc[start + 1].text[:1].isupper()
        ):
            start += 1
        if start != ent.start:
            ent = Span(doc, start, ent.end, label=ent.label_, span_id=ent.id_)
        last = ent[-1].text
        if (
            ent.label_ == "PLACE"
            and len(ent) > 1
            and ent[0].text.rstrip("s") not in self.places
            and (last in self.places or last.rstrip("s") in self.places)
        ):
            ent = Span(doc, ent.end - 1, ent.end, label=ent.label_, span_id=ent.id_)  # "Inneren Russlands"
        if (
            len(ent) > 1
            and ent[0].text.rstrip("s") in self.places
            and all(self.is_common_word(t.text) or self.is_compound_noun(t.text) for t in ent[1:])
        ):
            return Span(doc, ent.start, ent.start + 1, label="PLACE")  # "Moskaus Kriegsbombardements"
        if len(ent) == 1:
            common = self.is_common_word(ent.text) or self.is_compound_noun(ent.text, min_head=6)
            return None if common or role_of(ent[0]) is not None else ent
        if ent.label_ not in ("PERSON", "PLACE"):
            return ent
        if ent.label_ == "PLACE" and ent[0].text.rstrip("s") not in self.places:
            return ent  # "Schwarzes Meer", "Naher Osten": the noun belongs to the name
        for token in ent[1:]:
            following = doc[token.i + 1] if token.i + 1 < ent.end else None
            if token.text in NAME_PARTICLES and following is not None and following.text[:1].isupper():
                continue  # "Richwin von Commercy"
            common = self.is_common_word(token.text) or (ent.label_ == "PLACE" and self.is_compound_noun(token.text))
            if common and not token.is_punct:
                return Span(doc, ent.start, token.i, label=ent.label_, span_id=ent.id_)
        return ent

    @staticmethod
    def starts_sentence(doc: Doc, index: int) -> bool:
        """The first word of a sentence, of a paragraph or of a quotation."""
        while index > 0 and (doc[index - 1].is_quote or doc[index - 1].is_bracket):
            index -= 1
        previous = doc[index - 1] if index > 0 else None
        return previous is None or doc[index].is_sent_start or "\n" in previous.text_with_ws or previous.text in ".!?:"

    def is_compound_noun(self, text: str, min_head: int = 5) -> bool:
        """``Kriegsbombardements``, ``Diplomatenkreisen``: a compound ending in a common noun."""
        lowered = text.casefold()
        return text not in self.first_names and any(
            lowered[cut:] in self.common for cut in range(3, len(lowered) - min_head + 1)
        )

    @staticmethod
    def without_punctuation(doc: Doc, ent: Span) -> Span | None:
        """``«Spanien`` -> ``Spanien``: the model sometimes starts or ends a name on a mark."""
        start, end = ent.start, ent.end
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_, span_id=ent.id_) if end > start else None

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.label_ != "WEAPON" and source_of(doc, ent) in UNCHECKED_SOURCES:
                ent = self.without_punctuation(doc, ent)
                ent = ent and self.trimmed(doc, ent)
            if ent is not None:
                ents.append(ent)
        doc.ents = ents
        return doc


@Language.factory("newslens_noun_filter")
def make_noun_filter(nlp: Language, name: str) -> NounFilter:
    """Drop model entities that are one common noun; trim runs into common nouns."""
    return NounFilter(name)
