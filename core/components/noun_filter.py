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

from core.components.org_rules import ends_with_head, org_cues
from core.components.person_rules import role_of, role_of_text
from core.components.propagate import base_form
from core.components.spans import set_ents, source_of
from core.lexicon import NAME_PARTICLES, common_nouns, first_names, lowercase_words, single_word_places
from core.name_aliases import is_acronym_of

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
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ&]{1,7}$")
_REGNAL = re.compile(r"^[IVXLC]{1,5}\.?$")
_INITIAL = re.compile(r"^[A-Z]\.$")
# Heads of compound place names that are also common nouns ("Hamburg", "Bielefeld", "Wuppertal")
_PLACE_HEADS = (
    "burg",
    "berg",
    "dorf",
    "hafen",
    "haven",
    "feld",
    "felde",
    "stadt",
    "bach",
    "furt",
    "heim",
    "hausen",
    "kirchen",
    "brück",
    "brücken",
    "wald",
    "see",
    "tal",
    "au",
    "hof",
    "markt",
    "born",
    "rode",
    "hagen",
    "stein",
    "weiler",
    "horst",
    "holz",
    "ingen",
    "leben",
    "werder",
    "münde",
    "mund",
    "wil",
    "ach",
    "land",
    "eck",
    "kamp",
    "brunn",
    "brunnen",
    "garten",
    "schlag",
    "bruck",
    "ried",
    "moor",
)
_LINKS = ("von", "der", "des", "bei", "beim")
# Lowercase words that can stand inside an organisation's name
_ORG_LINKS = frozenset(
    {"für", "der", "des", "und", "von", "vom", "zum", "zur", "am", "an", "im", "in", "de", "du", "of", "for", "the",
     "and", "&", "-", "e.V.", "mbH", "eG"}
)  # fmt: skip


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

    def is_descriptive_noun(self, text: str) -> bool:
        """A common noun or a compound of one (``Finanzaufsicht``, ``Prevent-Eigentümerfamilie``)."""
        head = text.rsplit("-", 1)[-1] if "-" in text[1:] else text
        return self.is_common_word(head) or self.is_compound_noun(head)

    def org_start(self, doc: Doc, start: int, end: int) -> int:
        """Where an organisation's name starts after what introduces it: a determiner or a
        descriptor (``Die Grünen``, ``Agentur Tass``, ``Gouverneursrat der Notenbank Federal
        Reserve``, ``Aufsichtsrat von ADO Properties``) or a demonym (``Münchner Ifo-Institut``)."""
        while start < end - 1 and self.leads_into_org(doc[start].text, doc[start + 1].text, start + 2 < end):
            start += 1
        return start

    def is_org_with_place(self, ent: Span) -> bool:
        """A name ending in a country or city with no given name in it (``Wirecard Österreich``)
        is a branch of an organisation, not a person."""
        last = ent[-1].text
        return last in self.places and not any(token.text in self.first_names for token in ent[:-1])

    def leads_into_org(self, word: str, following: str, more: bool) -> bool:
        """Is ``word`` (before ``following``) outside the organisation's name it introduces?"""
        if word.casefold() in ORG_LEAD_INS or word.casefold() in _LINKS:
            return following[:1].isupper()
        if self.introduces_org(word):
            named = following[:1].isupper() and not self.is_descriptive_noun(following)
            return named or (following in _LINKS and more)
        # "Münchner Ifo-Institut"; but "Thüringer Landtag" is the name
        return self.is_demonym(word) and following[:1].isupper() and not self.is_descriptive_noun(following)

    def place_trimmed(self, doc: Doc, ent: Span) -> Span:
        """A place's name ends before a lowercase word or a trailing compound noun
        (``Neueinstellungen voran``, ``Trumps Wunschkandidatin``)."""
        end = ent.end
        for index in range(ent.start + 1, ent.end):
            if doc[index].text[:1].islower() and doc[index].text not in NAME_PARTICLES:
                end = index
                break
        if end - ent.start > 1 and self.is_thing_compound(doc[end - 1].text):
            end -= 1
        return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_, span_id=ent.id_)

    def is_thing_compound(self, text: str) -> bool:
        """A compound whose head is a common noun that never ends a place's name
        (``-krise``, ``-fonds``, ``-insel``), unlike ``-burg``, ``-berg``, ``-hausen``."""
        if "-" in text[1:]:
            head = text.rsplit("-", 1)[-1]
            return head[:1].isupper() and self.is_common_word(head) and head.casefold() not in _PLACE_HEADS
        lowered = text.casefold()
        for cut in range(3, len(lowered) - 3):
            head = lowered[cut:]
            if head in self.common and text not in self.first_names:
                return not any(head.endswith(suffix) for suffix in _PLACE_HEADS)
        return False

    def introduces_org(self, word: str) -> bool:
        """A descriptor or a part of an organisation (``Finanzaufsicht``, ``Aufsichtsrat``) or a role."""
        if not word[:1].isupper():
            return False
        cues = org_cues()
        return (
            ends_with_head(word, cues["descriptor_heads"]) is not None
            or ends_with_head(word, cues["org_parts"]) is not None
            or role_of_text(word) is not None
        )

    def org_end(self, doc: Doc, start: int, end: int) -> int:
        """Cut an organisation's name before a lowercase word that cannot be inside one
        (``Bundesregierung deutschen Unternehmen Sanktionen`` -> ``Bundesregierung``)."""
        for index in range(start + 1, end):
            word = doc[index].text
            if word[:1].islower() and word not in _ORG_LINKS:
                return index
        return end

    def person_start(self, doc: Doc, start: int, end: int) -> int:
        """A person's name starts after a descriptive noun before a given name
        (``Finanz-Diva Katja Eckardt``, ``Personalvorstand Martin Seiler``)."""
        while start < end - 1 and doc[start + 1].text in self.first_names and doc[start].text not in self.first_names:
            if not self.is_descriptive_noun(doc[start].text):
                break
            start += 1
        return start

    def is_demonym(self, word: str) -> bool:
        """``Münchner``, ``Essener``, ``Mattersburger``: an adjective of a place (not part of a name)."""
        if not (word.endswith("er") and word[:1].isupper() and len(word) > 4):
            return False
        stem = word[:-2]
        return any(form in self.places for form in (stem, stem + "en", stem[:-1] + "en", stem + "n", stem + "e"))

    def after_given_name(self, doc: Doc, index: int) -> bool:
        """The token follows a given name (or an initial after one) inside a name."""
        previous = index - 1
        while previous > 0 and _INITIAL.match(doc[previous].text):
            previous -= 1  # "Kathleen M. Carley"
        return previous >= 0 and doc[previous].text in self.first_names

    def surnames(self, doc: Doc) -> set[str]:
        """Last words of the document's full names (given name + surname): ``Weidmann``."""
        found = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and self.after_given_name(doc, ent.end - 1):
                found.add(ent[-1].text)
        return found

    def trimmed(self, doc: Doc, ent: Span, surnames: frozenset[str] = frozenset()) -> Span | None:
        """The entity without leading or trailing common nouns, or None to drop it."""
        if ent.text.endswith("-"):
            return None  # "Drone- und Raketenangriffe": half of an elliptic compound
        if ent.label_ != "PERSON" and "-" in ent[-1].text[1:]:
            head = ent[-1].text.rsplit("-", 1)[1]
            if head[:1].islower() and len(head) >= 3:
                return None  # "NRW-weit", "Corona-bedingt": an adjective made from a name ("Kim Jong-un" stays)
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
        if ent.label_ == "ORG":
            start = self.org_start(doc, start, ent.end)
        if ent.label_ == "PERSON":
            start = self.person_start(doc, start, ent.end)
        end = self.org_end(doc, start, ent.end) if ent.label_ == "ORG" else ent.end
        if (start, end) != (ent.start, ent.end):
            ent = Span(doc, start, end, label=ent.label_, span_id=ent.id_)
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
        if ent.label_ == "PLACE" and len(ent) > 1:
            ent = self.place_trimmed(doc, ent)
        if ent.label_ == "PERSON" and len(ent) > 1 and self.is_org_with_place(ent):
            ent = Span(doc, ent.start, ent.end, label="ORG", span_id=ent.id_)  # "Wirecard Singapur"
        if len(ent) == 1 and ent.label_ == "PLACE" and self.is_thing_compound(ent.text):
            return None  # "Coronakrise", "Wiederaufbaufonds", "Granini-Erbin": compounds of a common noun
        if len(ent) == 1:
            if ent.label_ == "PERSON" and base_form(ent.text, surnames) in surnames:
                return ent  # "Heil" after "Hubertus Heil": a surname, though also a noun
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
            if ent.label_ == "PERSON" and self.after_given_name(doc, token.i):
                continue  # "Jens Weidmann", "Hubertus Heil": surnames that are also nouns
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

    def split_at_role(self, doc: Doc, ent: Span) -> list[Span]:
        """``Huaweis Finanzchefin Meng Wanzhou``: a role inside a name divides its owner from the person."""
        for token in ent[1:-1]:
            if role_of(token) is not None and doc[token.i + 1].text[:1].isupper():
                owner = Span(doc, ent.start, token.i, label=ent.label_ if ent.label_ != "PERSON" else "ORG")
                person = Span(doc, token.i + 1, ent.end, label="PERSON")
                return [owner, person]
        return [ent]

    def acronym_backed(self, doc: Doc, ent: Span, orgs: list[Span]) -> bool:
        """Is a model's unlisted acronym (``AGV``, ``SVT``) an organisation by what surrounds it: a
        determiner or a descriptor before it (``der EVG``, ``TV-Sender SVT``), an organisation it
        follows or abbreviates (``Arbeitgeberverband (AGV)``)? ``CIO`` after a person, ``PMI``
        after a common noun, ``CSI`` before a number (``CSI 300``) are not."""
        if ent.end < len(doc) and doc[ent.end].like_num:
            return False
        if any(is_acronym_of(ent.text, org.text) or org[0].text == ent.text for org in orgs):
            return True  # "Freien Wählergemeinschaft", "AGV Lüdenscheid"
        before = ent.start - 1
        if before >= 1 and doc[before].text == "(":
            return any(org.end == before for org in orgs) or self.introduces_org(doc[before - 1].text)
        if before < 0:
            return False
        word = doc[before].text
        return (word.casefold() in ORG_LEAD_INS or self.introduces_org(word)
                or any(org.end == ent.start for org in orgs))  # fmt: skip

    def unbacked_acronyms(self, doc: Doc, ents: list[Span]) -> set[str]:
        """The model's one-word all-capital organisations without a gazetteer id that no
        occurrence in the document backs (:meth:`acronym_backed`)."""
        candidates = [ent for ent in ents if ent.label_ == "ORG" and len(ent) == 1 and not ent.id_
                      and _ACRONYM.match(ent.text) and source_of(doc, ent) in UNCHECKED_SOURCES]  # fmt: skip
        if not candidates:
            return set()
        orgs = [ent for ent in ents if ent.label_ == "ORG" and not _ACRONYM.match(ent.text)]
        backed = {ent.text for ent in candidates if self.acronym_backed(doc, ent, orgs)}
        return {ent.text for ent in candidates} - backed

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        surnames = frozenset(self.surnames(doc))
        pieces = []
        for ent in doc.ents:
            unchecked = ent.label_ != "WEAPON" and source_of(doc, ent) in UNCHECKED_SOURCES
            pieces += [(piece, True) for piece in self.split_at_role(doc, ent)] if unchecked else [(ent, False)]
        for ent, unchecked in pieces:
            if unchecked:
                ent = self.without_punctuation(doc, ent)
                ent = ent and self.trimmed(doc, ent, surnames)
            if ent is not None:
                ents.append(ent)
        unbacked = self.unbacked_acronyms(doc, ents)
        set_ents(doc, [ent for ent in ents if ent.text not in unbacked or ent.label_ != "ORG" or ent.id_])
        return doc


@Language.factory("newslens_noun_filter")
def make_noun_filter(nlp: Language, name: str) -> NounFilter:
    """Drop model entities that are one common noun; trim runs into common nouns."""
    return NounFilter(name)
