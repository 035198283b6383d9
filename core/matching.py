"""Names, roles and labels matched as a person types them.

``Putin``, ``putin``, ``Wladimir Putin``, ``Vladimir Putin`` and ``putins``
all find ``person:wladimir-putin``; ``Kreml-Sprecher``, ``Kremlsprecher`` and
``kreml sprecher`` find the entity whose role that is; ``person``, ``People``
and ``per`` are the label ``PERSON``. Case, accents and umlauts (``ä`` =
``ae``), hyphens and spaces, German and English transliteration
(:func:`core.names.fold_word`) do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from core.errors import NewslensError
from core.models import LABELS, Entity, Label, Quote
from core.names import fold_word

_WORDS = re.compile(r"\w+")
MIN_PART = 3
"""Letters a query needs to find entities by part of a name (``Tru``); shorter ones must match whole."""
_LABEL_WORDS: dict[str, Label] = {
    **dict.fromkeys(("person", "persons", "people", "per", "personen", "mensch", "menschen"), "PERSON"),
    **dict.fromkeys(("place", "places", "loc", "location", "locations", "ort", "orte", "gpe"), "PLACE"),
    **dict.fromkeys(("org", "orgs", "organisation", "organisations", "organisationen"), "ORG"),
    **dict.fromkeys(("organization", "organizations"), "ORG"),
    **dict.fromkeys(("weapon", "weapons", "waffe", "waffen"), "WEAPON"),
}


def folded(text: str) -> str:
    """``Kreml-Sprecher`` -> ``kremlshpreher``: words folded and joined without separators."""
    return "".join(fold_word(word) for word in _WORDS.findall(text))


def _stem(key: str) -> str:
    """Without a German genitive or plural ``s`` (``putins`` -> ``putin``), for exact comparison."""
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


def parse_label(text: str) -> Label:
    """The label a person means by ``text`` (``person``, ``Places``, ``ORG``, ``Waffen`` …).

    Raises:
        NewslensError: ``text`` names no label.
    """
    word = text.strip().casefold()
    if word.upper() in LABELS:
        return word.upper()  # type: ignore[return-value]
    if word in _LABEL_WORDS:
        return _LABEL_WORDS[word]
    raise NewslensError(f"unknown label {text!r} (use one of: {', '.join(label.lower() for label in LABELS)})")


def entity_names(entity: Entity) -> tuple[str, ...]:
    """Every way the corpus names an entity: id, name, aliases and roles."""
    return (entity.id, entity.id.partition(":")[2], entity.name, *entity.aliases, *entity.roles)


def matches(query: str, names: Iterable[str | None]) -> bool:
    """Does ``query`` occur in one of ``names`` (folded: any case, spelling, hyphenation)?"""
    key = folded(query)
    if not key:
        return True
    return any(key in folded(name) for name in names if name)


def quote_matches(query: str, quote: Quote, speaker: Entity | None) -> bool:
    """A quotation matches by its speaker (as written, or the person with any alias or role) or its words."""
    names = [quote.speaker, *(entity_names(speaker) if speaker is not None else ())]
    return matches(query, names) or matches(query, [quote.text])


def find_entities(query: str, entities: Sequence[Entity], label: Label | None = None) -> list[Entity]:
    """The entities ``query`` names, best first: an exact id, name, alias or role, else those containing it
    (for a query of at least :data:`MIN_PART` letters)."""
    key = folded(query)
    pool = [entity for entity in entities if label is None or entity.label == label]
    if not key:
        return []
    exact = [e for e in pool if query == e.id or any(_stem(folded(n)) == _stem(key) for n in entity_names(e))]
    if exact:
        return sorted(exact, key=lambda e: -e.mentions)
    if len(key) < MIN_PART:
        return []
    return sorted((e for e in pool if any(key in folded(n) for n in entity_names(e))), key=lambda e: -e.mentions)


def resolve_entity(query: str, entities: Sequence[Entity]) -> Entity:
    """The one entity ``query`` names (see :func:`find_entities`).

    Raises:
        NewslensError: No entity matches, or several do equally well (their names are listed).
    """
    found = find_entities(query, entities)
    if not found:
        raise NewslensError(f"no entity matches {query!r} (see 'newslens entities')")
    exact = [e for e in found if query == e.id]
    if exact:
        return exact[0]
    if len(found) > 1 and not _clear_winner(query, found):
        listed = ", ".join(f"{e.name} ({e.id})" for e in found[:6])
        raise NewslensError(f"{query!r} matches several entities: {listed}; use the id or more of the name")
    return found[0]


def _clear_winner(query: str, found: list[Entity]) -> bool:
    """One entity is the only one named exactly ``query`` (by name or alias, not only by role)."""
    key = _stem(folded(query))
    named = [e for e in found if any(_stem(folded(n)) == key for n in (e.name, *e.aliases))]
    return len(named) == 1 and named[0] is found[0]
