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
from typing import Protocol

from core.models import Mention, Quote
from core.names import role_head, role_key

# "der Kroate", "der CDU-Chef", "die Ministerin": one person named before
_DEFINITE_SINGULAR = re.compile(r"^(?:[Dd]er \S+|[Dd]ie \S+in)$")


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
        chosen = people[-1] if people else (heads[0] if heads else None)
        entity = chosen.entity if chosen else None
        if entity is None and (candidates := self.roles.candidates(phrase)):
            before = [m for m in mentions if m.start < quote.start and m.entity in candidates]
            entity = before[-1].entity if before else candidates[0]
        if entity is None and _DEFINITE_SINGULAR.match(phrase):
            entity = _subject_before(mentions, min(start, quote.start), text)
        return quote.model_copy(update={"speaker_entity": entity}) if entity else quote
