"""Speaker entities: which linked entity a quotation's speaker words stand for (no spaCy).

The quote component leaves each quotation with its speaker words (``Putin``,
``der Kreml-Sprecher``, a pronoun with the span of its antecedent). Once
linking has given every mention its corpus-wide id, :class:`SpeakerResolver`
picks the speaker's entity: a name under the speaker words, a role the corpus
gave someone in an apposition (``der US-Präsident``), or, for a definite
description (``der Kroate``), the last person named before the quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from core.lexicon import institution_nouns, role_nouns
from core.models import Mention, Quote
from core.names import role_head, role_key

# "der Kroate", "der CDU-Chef", "die Ministerin": one person named before
_DEFINITE_SINGULAR = re.compile(r"^(?:[Dd]er \S+|[Dd]ie \S+in)$")
DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
INDEFINITE = frozenset({"ein", "eine", "einer", "einem", "einen", "eines"})
GENITIVE_LINKS = frozenset({"des", "der", "von", "vom"})
# "ein VW-Sprecher", "nach FAZ-Informationen", "nach Polizei-Angaben": the prefix speaks
SPOKESPERSON = ("sprecher", "sprecherin", "angaben", "informationen", "kreise", "kreisen")
MIN_COMPOUND_END = 4


@cache
def _heads(kind: str) -> frozenset[str]:
    nouns = role_nouns() if kind == "person" else institution_nouns()
    return frozenset(noun.casefold() for noun in nouns)


def _ends_in(word: str, nouns: frozenset[str]) -> bool:
    """``Verkehrssprecher`` ends in ``sprecher``; ``Stromkonzerns`` in ``konzern``."""
    word = word.rsplit("-", 1)[-1].casefold()
    forms = [word] + [word[: -len(end)] for end in ("s", "es", "n", "en") if word.endswith(end)]
    return any(form[cut:] in nouns for form in forms for cut in range(len(form) - MIN_COMPOUND_END + 1))


def _is_demonym(word: str, mentions: list[Mention]) -> bool:
    """``Lüdenscheider`` beside a mention of ``Lüdenscheid`` (or ``AGV Lüdenscheid``)."""
    for ending in ("erin", "er"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            return any(m.label in ("PLACE", "ORG") and stem in m.text.split() for m in mentions)
    return False


def description_head(phrase: str) -> tuple[str, list[str]] | None:
    """The head noun of a definite description and the words of its attribute:
    ``der Präsident der Deutschen Bundesbank`` -> (``Präsident``, [``Deutschen``, ``Bundesbank``])."""
    words = phrase.split()
    if len(words) < 2 or words[0].lower() not in DEFINITE:
        return None
    for number, word in enumerate(words[1:], 1):
        if word[:1].isupper():
            rest = words[number + 1 :]
            if rest and rest[0].lower() not in GENITIVE_LINKS:
                return None  # not a description: more words after the head
            return word, rest[1:]
    return None


class _Cluster(Protocol):
    """What linking knows of an entity's mentions (``core.linking.Cluster``)."""

    roles: Mapping[str, int]
    """Role phrases the entity was given in appositions, with counts."""


@dataclass
class RoleIndex:
    """Role keys (``us-präsident``) of each entity, from appositions in the corpus."""

    keys: dict[str, set[str]]

    @classmethod
    def build(cls, roles: Mapping[str, Iterable[str]]) -> RoleIndex:
        """From the role phrases each entity id was given (``{"person:x": ["US-Präsident"]}``)."""
        keys = {entity_id: {role_key(role) for role in phrases} for entity_id, phrases in roles.items()}
        return cls({entity_id: found for entity_id, found in keys.items() if found})

    def candidates(self, phrase: str) -> list[str]:
        """Entities a role phrase (``der russische Präsident``) can refer to."""
        key = role_key(phrase)
        if not key:
            return []
        exact = [entity for entity, keys in self.keys.items() if key in keys]
        if exact or " " in key:
            return exact
        head = role_head(key)
        return [entity for entity, keys in self.keys.items() if any(role_head(k).endswith(head) for k in keys)]


def _subject_before(mentions: list[Mention], offset: int, text: str) -> str | None:
    """The first person named in the latest sentence before ``offset`` that names one."""
    people = [m for m in mentions if m.end <= offset and m.label == "PERSON"]
    if not people:
        return None
    sentence_start = max(text.rfind(". ", 0, people[-1].start), text.rfind("\n", 0, people[-1].start)) + 1
    return next(m.entity for m in people if m.start >= sentence_start)


@dataclass
class SpeakerResolver:
    """Resolve the speakers of an article's quotations to linked entities."""

    roles: RoleIndex

    @classmethod
    def build(cls, entities: Mapping[str, tuple[_Cluster, str, str]]) -> SpeakerResolver:
        """From linking's entities: id -> (cluster, label, display name)."""
        return cls(RoleIndex.build({entity_id: cluster.roles for entity_id, (cluster, _, _) in entities.items()}))

    def resolve(self, quotes: Iterable[Quote], text: str, mentions: list[Mention]) -> tuple[Quote, ...]:
        """The quotations with ``speaker_entity`` set where the speaker words name an entity."""
        return tuple(self.resolve_one(quote, text, mentions) for quote in quotes)

    def resolve_one(self, quote: Quote, text: str, mentions: list[Mention]) -> Quote:
        """The speaker's entity: a name under the speaker words (or under a pronoun's antecedent),
        a role (``der US-Präsident``), or, for a definite description (``der Kroate``), the last
        person named before the quotation."""
        if not quote.speech or quote.speaker is None or quote.speaker_start is None:
            return quote
        start, end = quote.speaker_ref or (quote.speaker_start, quote.speaker_end)
        phrase = text[start:end]
        inside = [
            m
            for m in mentions
            if start <= m.start
            and m.end <= end
            and m.label != "WEAPON"
            and text[m.end : m.end + 1] != "-"  # "US" in "US-Präsident" is not the speaker
        ]
        people = [m for m in inside if m.label == "PERSON"]
        # an organisation or place speaks only as the head of the phrase ("Moskau erklärte")
        heads = [m for m in inside if m.end == end]
        described = description_head(phrase)
        if described and described[1] and _ends_in(described[0], _heads("person")):
            heads = []  # "der Präsident der Deutschen Bundesbank": a person of the organisation speaks
        chosen = people[-1] if people else (heads[0] if heads else None)
        entity = chosen.entity if chosen else None
        # a role holder of the corpus, when this article names them ("der US-Präsident" -> Trump);
        # "ein Sprecher" is someone unnamed, never a known holder of the role
        definite = phrase.split(" ", 1)[0].lower() not in INDEFINITE
        if entity is None and definite and (candidates := self.roles.candidates(phrase)):
            before = [m for m in mentions if m.start < quote.start and m.entity in candidates]
            entity = before[-1].entity if before else None
        if entity is None:
            entity = self._spokesperson(phrase, start, [m for m in mentions if start <= m.start and m.end <= end])
        described = described or ((phrase, []) if phrase[:1].isupper() and " " not in phrase else None)
        if entity is None and described is not None:  # "der Konzern", or a bare "Zeitung"
            entity = self._described(described, min(start, quote.start), mentions, text)
        if entity is None and _DEFINITE_SINGULAR.match(phrase):
            entity = _subject_before(mentions, min(start, quote.start), text)
        return quote.model_copy(update={"speaker_entity": entity}) if entity else quote

    @staticmethod
    def _spokesperson(phrase: str, start: int, inside: list[Mention]) -> str | None:
        """``ein VW-Sprecher``, ``die Kreml-Sprecherin``, ``nach FAZ-Informationen``: the prefix speaks."""
        words = phrase.split()
        head = words[-1] if words else ""
        if "-" not in head or head.rsplit("-", 1)[-1].casefold() not in SPOKESPERSON:
            return None
        prefix_end = start + phrase.rfind(head) + head.rfind("-")
        return next((m.entity for m in inside if m.end == prefix_end and m.label in ("ORG", "PLACE")), None)

    def _described(
        self, described: tuple[str, list[str]], offset: int, mentions: list[Mention], text: str
    ) -> str | None:
        """A definite description (``der Präsident der Deutschen Bundesbank``, ``die EU-Kommissarin``,
        ``der Konzern``): the entity the corpus gave that role, named last before ``offset``;
        else the last fitting entity named before it (a person for a role noun, an organisation
        for an institution noun)."""
        head, attribute = described
        head_key = role_head(role_key(head))
        attribute_keys = {word.casefold()[:-1] if word.endswith("s") else word.casefold() for word in attribute}
        holders = {
            entity
            for entity, keys in self.roles.keys.items()
            if any(role_head(key).endswith(head_key) or head_key.endswith(role_head(key)) for key in keys)
        }
        if attribute_keys and holders:  # "Präsident der Bundesbank" fits "Bundesbankpräsident" best
            fitting = {e for e in holders if any(a in k for k in self.roles.keys[e] for a in attribute_keys)}
            holders = fitting or holders
        before = [m for m in mentions if m.end <= offset and m.entity]
        named = next((m.entity for m in reversed(before) if m.entity in holders), None)
        if named is not None:
            return named
        if _ends_in(head, _heads("person")) or _is_demonym(head, before):
            return _subject_before(mentions, offset, text)
        if _ends_in(head, _heads("institution")):
            return next((m.entity for m in reversed(before) if m.label == "ORG"), None)
        return None
