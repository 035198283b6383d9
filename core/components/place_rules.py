"""``newslens_place_rules``: places named by their German make-up.

- districts: ``Landkreis Neumarkt``, ``Kreis Fulda``, ``Landkreises Ebersberg``
  (the administrative word is part of the name) and one-word districts
  ``Hochtaunuskreis``, ``Werra-Meißner-Kreis``;
- compass parts of a known region: ``Südhessen``, ``Nord- und Osthessen``;
- spa towns and lakes: ``Bad Schwartau``, ``Starnberger See``;
- streets and squares: ``Friedrichstraße``, ``Wall Street``, ``Silicon Valley``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.components.spans import merge_ents, words_of
from core.lexicon import common_nouns, single_word_places

_DISTRICT_WORDS = frozenset(
    {
        "Kreis",
        "Kreises",
        "Landkreis",
        "Landkreises",
        "Stadtkreis",
        "Bezirk",
        "Bezirks",
        "Regierungsbezirk",
        "Regierungsbezirks",
        "Kanton",
        "Kantons",
        "Gemeinde",
        "Markt",
    }
)
_DISTRICT_TOKEN = re.compile(r"^[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*(?:-Kreis|kreis)(?:es|s)?$")
_COMPASS = re.compile(
    r"^(Nord|Süd|Ost|West|Mittel|Nordost|Nordwest|Südost|Südwest|Zentral|Ober|Nieder|Inner)"
    r"(?:-)?([A-ZÄÖÜ]?[a-zäöüß]+)$"
)
_ELLIPTIC_COMPASS = re.compile(r"^(Nord|Süd|Ost|West|Mittel|Nordost|Nordwest|Südost|Südwest)-$")
_STREET = re.compile(r"^[A-ZÄÖÜ][\wäöüß-]{2,}(?:straße|strasse|platz|allee|gasse|chaussee|promenade)$")
_STREET_ADJECTIVE = re.compile(
    r"^(?:Kleine|Kleinen|Große|Großen|Alte|Alten|Neue|Neuen|Obere|Oberen|Untere|Unteren|Lange|Langen|Hohe|Hohen)$"
)
_ENGLISH_PLACE_HEADS = frozenset({"Street", "Avenue", "Square", "Boulevard", "Valley", "Bay", "Road", "Lane"})
_NAME = re.compile(r"^[A-ZÄÖÜ][\wäöüß'’.-]*$")


class PlaceRules:
    """Add PLACE entities from district words, compass parts, spa towns, lakes and streets."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.common = common_nouns()
        self.places = single_word_places()

    def is_name(self, text: str) -> bool:
        return bool(_NAME.match(text)) and text.casefold() not in self.common and any(c.islower() for c in text)

    def is_district(self, text: str) -> bool:
        """``Hochtaunuskreis``, ``Rhein-Sieg-Kreis``; not ``Freundeskreis`` or ``Wahlkreis``."""
        stem = re.sub(r"-?[Kk]reis(?:es|s)?$", "", text)
        if "-" in stem:
            return all(part[:1].isupper() for part in stem.split("-"))
        lowered = stem.casefold()
        variants = {lowered, lowered[:-1], lowered[:-2]} if lowered.endswith(("s", "n")) else {lowered}
        if lowered.endswith(("land", "stadt", "wahl", "es", "en", "ts", "ns")):
            return False  # "Landkreis", "Wahlkreis", "Freundeskreis", "Arbeitskreis", "Bekanntenkreis"
        return len(stem) > 2 and not variants & self.common

    def region(self, text: str) -> str | None:
        """``Südhessen`` -> ``Hessen`` when the rest is a known place."""
        match = _COMPASS.match(text)
        if not match:
            return None
        rest = match.group(2)
        rest = rest[:1].upper() + rest[1:]
        return rest if rest in self.places else None

    def __call__(self, doc: Doc) -> Doc:
        self.w = words_of(doc)
        candidates = []
        ents_by_start = {ent.start: ent for ent in doc.ents}
        for token in self.w:
            text, index = token.text, token.i
            if not text[:1].isupper():
                continue  # every pattern below starts with a capital
            following = self.w[index + 1] if index + 1 < len(doc) else None
            if text in _DISTRICT_WORDS and following is not None and index > 0 and self.w[index - 1].text != "-":
                place = ents_by_start.get(index + 1)
                if place is not None and place.label_ == "PLACE":
                    candidates.append(Span(doc, index, place.end, label="PLACE"))
                elif text != "Markt" and self.is_name(following.text) and not following.is_sent_start:
                    candidates.append(Span(doc, index, index + 2, label="PLACE"))
            elif _DISTRICT_TOKEN.match(text) and self.is_district(text):
                candidates.append(Span(doc, index, index + 1, label="PLACE"))
            elif _ELLIPTIC_COMPASS.match(text) and index + 2 < len(doc) and self.w[index + 1].text in ("und", "oder"):
                if self.region(self.w[index + 2].text):
                    candidates.append(Span(doc, index, index + 3, label="PLACE"))  # "Nord- und Osthessen"
            elif self.region(text):
                candidates.append(Span(doc, index, index + 1, label="PLACE"))
            elif text == "Bad" and following is not None and self.is_name(following.text) and index + 1 < len(doc):
                candidates.append(Span(doc, index, index + 2, label="PLACE"))
            elif text == "See" and index > 0 and re.match(r"^[A-ZÄÖÜ][a-zäöüß]+er$", self.w[index - 1].text):
                candidates.append(Span(doc, index - 1, index + 1, label="PLACE"))  # "Starnberger See"
            elif _STREET.match(text) and text.casefold() not in self.common:
                start = index - 1 if index > 0 and _STREET_ADJECTIVE.match(self.w[index - 1].text) else index
                candidates.append(Span(doc, start, index + 1, label="PLACE"))  # "Kleine Bergstraße"
            elif text in _ENGLISH_PLACE_HEADS and index > 0 and _NAME.match(self.w[index - 1].text):
                candidates.append(Span(doc, index - 1, index + 1, label="PLACE"))  # "Wall Street"
        merge_ents(doc, candidates, replace_overlapping=True, longer_beats_rules=True)
        return doc


@Language.factory("newslens_place_rules")
def make_place_rules(nlp: Language, name: str) -> PlaceRules:
    """Districts, compass regions, spa towns, lakes and streets as PLACE."""
    return PlaceRules(name)
