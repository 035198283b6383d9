"""Word lists and pattern files under core/data, loaded once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from core.resources import data_dir


def _lines(name: str) -> list[str]:
    path = data_dir() / name
    if not path.exists():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSONL data file (empty when the file is absent)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def first_names() -> frozenset[str]:
    """Given names that start a person's name (``Wolodymyr``, ``Annalena``)."""
    return frozenset(_lines("first_names.txt"))


@cache
def role_nouns() -> frozenset[str]:
    """Nouns that precede a person's name (``Präsident``, ``Sprecherin``)."""
    return frozenset(_lines("role_nouns.txt"))


@cache
def speaker_nouns() -> frozenset[str]:
    """Nouns beside the role nouns that can head a speaker phrase (``Polizei``, ``Experten``)."""
    return frozenset(_lines("speaker_nouns.txt"))


@cache
def institution_nouns() -> frozenset[str]:
    """The speaker nouns that name an organisation (``Konzern``, ``Zeitung``): those listed
    after the ``# institutions`` heading of speaker_nouns.txt."""
    nouns, inside = [], False
    for line in (data_dir() / "speaker_nouns.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            inside = inside or line.startswith("# institutions")
        elif inside and line.strip():
            nouns.append(line.strip())
    return frozenset(nouns)


@cache
def common_nouns() -> frozenset[str]:
    """Frequent German common nouns that are not names (``Waffenstillstand``)."""
    return frozenset(_lines("common_nouns.txt"))


@cache
def lowercase_words() -> frozenset[str]:
    """Words German writes in lower case (``kannst``, ``dennoch``): capitalised only at a sentence start."""
    return frozenset(_lines("lowercase_words.txt"))


@cache
def gazetteer_patterns() -> tuple[dict, ...]:
    """Place and organisation patterns: ``{"label", "pattern", "id"}``."""
    return tuple(read_jsonl(data_dir() / "places.jsonl") + read_jsonl(data_dir() / "orgs.jsonl"))


NAME_PARTICLES = frozenset(
    {"von", "van", "der", "de", "den", "del", "da", "di", "zu", "al", "el", "bin", "ibn", "le", "la"}
)


def genitive(name: str) -> str:
    """German genitive of a name: ``Putin`` -> ``Putins``, ``Merz`` -> ``Merz'``."""
    return name + ("'" if name[-1:] in "sßxz" else "s")


@cache
def single_word_places() -> frozenset[str]:
    """One-word place names of the gazetteer (``Moskau``, ``Ukraine``)."""
    return frozenset(
        record["pattern"]
        for record in gazetteer_patterns()
        if record["label"] == "PLACE" and " " not in record["pattern"]
    )


@cache
def place_names() -> dict[str, str]:
    """Place id -> its first (canonical) name in the gazetteer."""
    names: dict[str, str] = {}
    for record in gazetteer_patterns():
        if record["label"] == "PLACE":
            names.setdefault(record["id"], record["pattern"])
    return names


@cache
def place_adjectives() -> dict[str, str]:
    """Adjective stem -> place id (``russisch`` -> ``place:russia``), core/data/place_adjectives.json."""
    data = json.loads((data_dir() / "place_adjectives.json").read_text(encoding="utf-8"))
    return {stem: place for place, stems in data["adjectives"].items() for stem in stems}
