"""Warnings about corrections that cannot do what they say, shown when a corpus is opened.

A label that is not PERSON/PLACE/ORG/WEAPON (the correction is skipped), a ``[[speaker]]`` whose
entity names nothing in a corpus that holds its article, and the merge/split references
:meth:`core.overrides.EntityOverrides.check` reports. A correction for another corpus (its article
or entities are not in this one) is not reported: the file serves every corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.corrections.models import Corrections, Speaker, Tag, Untag
from core.models import LABELS, Entity
from core.names import slug
from core.overrides import FILE_NAME


def check(corrections: Corrections, entities: Iterable[Entity], article_ids: Iterable[str]) -> list[str]:
    """One line per correction that cannot apply as written (see the module docstring)."""
    if not corrections.records:
        return []
    entities = list(entities)
    notes = corrections.overrides().check(entities)
    for kind in (Tag, Untag):
        for number, record in enumerate(corrections.of(kind), 1):
            if record.label is not None and record.label not in LABELS:
                notes.append(f"{FILE_NAME}: {kind.__name__.lower()} {number}: unknown label {record.label!r} "
                             f"({', '.join(LABELS)}); skipped")  # fmt: skip
    speakers = corrections.of(Speaker)
    if speakers:
        ids = set(article_ids)
        known = set()
        for entity in entities:
            for text in (entity.name, *entity.aliases):
                known.update((text.casefold(), f"{entity.label.lower()}:{slug(text)}"))
            known.add(entity.id.casefold())
        for number, speaker in enumerate(speakers, 1):
            if speaker.entity and speaker.article in ids and speaker.entity.casefold() not in known:
                notes.append(f"{FILE_NAME}: speaker {number}: no entity {speaker.entity!r} in this corpus")
    return notes
