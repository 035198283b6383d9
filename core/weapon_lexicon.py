"""The weapon gazetteer and generic weapon words, as lookups (no spaCy).

Data: core/data/weapons.jsonl (one named system per line: id, name, class,
aliases, ambiguity) and core/data/weapon_generic.json (compound heads such as
``rakete(n)``, standalone words, known non-weapons, context words).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from core.lexicon import read_jsonl
from core.resources import data_dir

_FOLD = re.compile(r"[\s\-‐‑–/.'’]+")


@lru_cache(maxsize=65536)
def fold_alias(text: str) -> str:
    """``S-400`` = ``S400`` = ``s 400``; ``Storm-Shadow`` = ``Storm Shadow``."""
    return _FOLD.sub("", text.casefold())


@dataclass(frozen=True)
class WeaponSystem:
    """One named weapon system of the gazetteer."""

    id: str
    name: str
    weapon_class: str
    origin: str
    aliases: tuple[str, ...]
    ambiguous_aliases: frozenset[str]
    """Folded aliases that are also ordinary words or names: tagged only in weapon context."""

    @property
    def entity_id(self) -> str:
        return f"weapon:{self.id}"


@dataclass(frozen=True)
class GenericHead:
    """A compound head that makes a word a generic weapon (``…raketen``)."""

    stem: str
    forms: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class WeaponLexicon:
    """Everything the weapon tagger looks up."""

    systems: dict[str, WeaponSystem]
    """By system id."""
    aliases: dict[str, str]
    """Folded alias -> system id."""
    heads: tuple[tuple[str, str], ...]
    """(inflected head form, stem), longest form first."""
    standalone: dict[str, str]
    """Lowercase standalone generic word -> stem."""
    not_weapons: frozenset[str]
    """Lowercase words that end in a head but are not weapons (also as compound endings)."""
    risky_forms: frozenset[str]
    """Head forms that end everyday words (``mine``: Termine): only whole words or after a hyphen."""
    blocked_endings: tuple[str, ...]
    """Endings that never make a weapon (``vitamine``, ``sowjets``)."""
    context_words: tuple[str, ...]
    """Lowercase stems that prove a nearby ambiguous name is a weapon."""

    def generic_stem(self, word: str) -> str | None:
        """The head stem if ``word`` is a generic weapon word (``Langstreckenwaffen`` -> ``waffe``)."""
        return _generic_stem(self, word)

    @property
    def head_forms(self) -> dict[str, str]:
        """Inflected head form -> stem."""
        return _head_forms(self)

    @property
    def alias_prefixes(self) -> frozenset[str]:
        """Every prefix of every folded alias: lets a matcher stop early."""
        return _alias_prefixes(self)

    def is_context_word(self, word: str) -> bool:
        """Does ``word`` say that a neighbouring name is a weapon (``System``, ``Panzer``)?"""
        lowered = word.casefold()
        return self.generic_stem(word) is not None or any(
            lowered.startswith(c) or lowered.endswith(c) for c in self.context_words
        )


@cache
def _head_forms(lexicon: WeaponLexicon) -> dict[str, str]:
    return dict(reversed(lexicon.heads))


@cache
def _alias_prefixes(lexicon: WeaponLexicon) -> frozenset[str]:
    return frozenset(alias[:cut] for alias in lexicon.aliases for cut in range(1, len(alias) + 1))


@lru_cache(maxsize=65536)
def _generic_stem(lexicon: WeaponLexicon, word: str) -> str | None:
    lowered = word.casefold()
    last = lowered.rsplit("-", 1)[-1]
    if lowered.endswith(lexicon.blocked_endings) or any(
        last[cut:] in lexicon.not_weapons for cut in range(0, max(1, len(last) - 4))
    ):
        return None  # "Kleinstträgerrakete" ends in the non-weapon "Trägerrakete"
    forms = lexicon.head_forms
    if last in forms:
        return forms[last]
    if lowered in lexicon.standalone:
        return lexicon.standalone[lowered]
    for cut in range(3, len(last) - 2):  # longest head first; the modifier keeps >= 3 letters
        head = last[cut:]
        if head in forms and head not in lexicon.risky_forms:
            return forms[head]
    return None


def _shortest_stem(stem: str, stems: set[str]) -> str:
    """Group generic weapons by their simplest head: ``mittelstreckenrakete`` -> ``rakete``."""
    endings = [other for other in stems if stem.endswith(other) and len(stem) - len(other) >= 3]
    return min(endings, key=len) if endings else stem


def generic_name(stem: str) -> str:
    """Display name of a generic weapon group: ``rakete`` -> ``Rakete``."""
    return stem[:1].upper() + stem[1:]


@cache
def weapon_lexicon() -> WeaponLexicon:
    """Load the weapon data files once."""
    systems: dict[str, WeaponSystem] = {}
    aliases: dict[str, str] = {}
    for record in read_jsonl(data_dir() / "weapons.jsonl"):
        # an alias needs context exactly when the gazetteer lists it as ambiguous (WEAPONS.md)
        ambiguous = {fold_alias(a) for a in record.get("ambiguous_aliases") or ()}
        system = WeaponSystem(
            id=record["id"],
            name=record["name"],
            weapon_class=record["class"],
            origin=record.get("origin", ""),
            aliases=tuple(record["aliases"]),
            ambiguous_aliases=frozenset(ambiguous),
        )
        systems[system.id] = system
        for alias in (system.name, *system.aliases):
            aliases.setdefault(fold_alias(alias), system.id)
    generic = json.loads((data_dir() / "weapon_generic.json").read_text(encoding="utf-8"))
    stems = {head["stem"].casefold() for head in generic["heads"]}
    heads = sorted(
        (
            (form.casefold(), _shortest_stem(head["stem"].casefold(), stems))
            for head in generic["heads"]
            for form in head["forms"]
        ),
        key=lambda pair: -len(pair[0]),
    )
    head_of = dict(heads)
    standalone = {}
    for entry in generic.get("standalone", []):
        word = (entry if isinstance(entry, str) else entry["word"]).casefold()
        standalone[word] = head_of.get(word) or _shortest_stem(word, stems)
    return WeaponLexicon(
        systems=systems,
        aliases=aliases,
        heads=tuple(heads),
        standalone=standalone,
        not_weapons=frozenset(word.casefold() for word in generic.get("not_weapons", [])),
        risky_forms=frozenset(
            form.casefold() for head in generic["heads"] if head.get("risky") for form in head["forms"]
        ),
        blocked_endings=tuple(
            ending.casefold() for head in generic["heads"] for ending in head.get("blocked_endings", ())
        ),
        context_words=tuple(word.casefold() for word in generic.get("weapon_context_words", [])),
    )
