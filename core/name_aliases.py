"""Article-local spellings of one name, for linking (core.linking, FullNames.with_article).

An article names an organisation or a place once in full and then by a short form
or an acronym (``Sinovac Biotech`` and ``Sinovac``, ``Instituts der deutschen
Wirtschaft`` and ``IW``, ``Nordrhein-Westfalen`` and ``NRW``), and it may misspell a
person's surname once (``Willingmann`` beside ``Armin Willigmann``). When one side
carries a gazetteer id, the other side is not a key of its own: it joins that id.
All of this is decided from the article's own mentions, so a corpus split into parts
(core.scale) links the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import combinations

from rapidfuzz.distance import DamerauLevenshtein

from core.models import AnnotatedArticle
from core.names import name_key, strip_genitive

_ORG_LINK_WORDS = frozenset({"für", "der", "des", "und", "von", "the", "of", "for", "and", "de"})
_CLUB_PREFIXES = frozenset({"FC", "SV", "SC", "TSV", "VfB", "VfL", "TSG", "FSV", "SSV", "BSC", "SG", "TuS", "1."})
MIN_TYPO_LENGTH = 6
"""Shorter surnames are too often other names one letter apart (Maas, Maaß, Mais)."""


_ORG_LINK_WORDS = frozenset({"für", "der", "des", "und", "von", "the", "of", "for", "and", "de"})
_CLUB_PREFIXES = frozenset({"FC", "SV", "SC", "TSV", "VfB", "VfL", "TSG", "FSV", "SSV", "BSC", "SG", "TuS", "1."})


def org_short_forms(words: list[str]) -> list[str]:
    """Short forms an article may use for a multi-word organisation: its first word (or the
    first part of a hyphenated first word: ``Ifo`` of ``Ifo-Institut``), the name after a club
    prefix, and its acronym from the initials of its words and their compound parts."""
    forms = [words[0], words[0].split("-")[0]] if words[0] not in _CLUB_PREFIXES else [" ".join(words[1:])]
    content = [word for word in words if word not in _ORG_LINK_WORDS]
    initials = "".join(part[:1] for word in content for part in word.split("-") if part[:1].isupper())
    if len(initials) >= 2:
        forms.append(initials.upper())
    return [form for form in dict.fromkeys(forms) if len(form) >= 2]


def is_acronym_of(acronym: str, name: str) -> bool:
    """``FWG`` of ``Freie Wählergemeinschaft``, ``VHS`` of ``Volkshochschule``: the letters of the
    acronym in order in the name, the first letters equal, every content word used."""
    letters = acronym.casefold()
    words = [word for word in name.split() if word not in _ORG_LINK_WORDS]
    if not (2 <= len(letters) <= 6) or not words or letters[0] != words[0][:1].casefold():
        return False
    position, text = 0, name.casefold()
    starts = {text.find(word.casefold()) for word in words}
    used: set[int] = set()
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        used |= {start for start in starts if start <= position}
        position += 1
    return used == starts


def is_initialism_of(acronym: str, name: str) -> bool:
    """``NRW`` of ``Nordrhein-Westfalen``: :func:`is_acronym_of`, and the initial of every part of
    a hyphenated or multi-word name among the acronym's letters, in order."""
    if not is_acronym_of(acronym, name):
        return False
    initials = _initials(name)
    if len(initials) < 2:
        return False
    position = 0
    for initial in initials:
        position = acronym.casefold().find(initial, position)
        if position < 0:
            return False
        position += 1
    return True


def is_misspelling(word: str, surname: str) -> bool:
    """``Willingmann`` of ``Willigmann`` (one letter added, dropped, changed or two swapped
    neighbours) or ``Loyoza`` of ``Lozoya`` (two letters swapped): same first letter, long enough."""
    a, b = word.casefold(), surname.casefold()
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < MIN_TYPO_LENGTH:
        return False
    if DamerauLevenshtein.distance(a, b, score_cutoff=1) <= 1:
        return True
    return len(a) == len(b) and sorted(a) == sorted(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 2


def article_aliases(a_index: int, article: AnnotatedArticle, known: set[str],
                    surnames: Mapping[str, Counter]) -> dict[tuple[int, str], str]:  # fmt: skip
    """(``a_index``, name key) -> cluster key for the article's other spellings of its names:

    - an organisation's long name without an id whose short form or acronym is a listed
      organisation of the article (``Sinovac Biotech`` -> ``org:sinovac``);
    - a place's acronym without an id whose full name is a listed place of the article
      (``NRW`` -> ``place:de-nw``);
    - a one-word name without an id, no surname anywhere in the corpus, one slip from the
      surname of exactly one person the article names in full.
    """
    listed: dict[str, dict[str, set[str]]] = {"ORG": {}, "PLACE": {}}
    people: dict[str, str] = {}
    for mention in article.mentions:
        text = strip_genitive(mention.text, known)
        if mention.entity and mention.label in listed:
            listed[mention.label].setdefault(text, set()).add(mention.entity)
        elif not mention.entity and mention.label == "PERSON" and len(words := text.split()) >= 2:
            for surname in words[1:]:  # "Lozoya" and "Austin" of "Emilio Lozoya Austin"
                people.setdefault(surname, name_key(text))
    aliases: dict[tuple[int, str], str] = {}
    for mention in article.mentions:
        if mention.entity:
            continue
        text = strip_genitive(mention.text, known)
        words = text.split()
        key = name_key(text)
        target = None
        if mention.label == "ORG" and len(words) >= 2:
            shorts = set(org_short_forms(words))
            ids = {i for name, found in listed["ORG"].items() if name in shorts or (
                name.isupper() and is_acronym_of(name, text)) for i in found}  # fmt: skip
            target = ids.pop() if len(ids) == 1 else None
        elif mention.label == "PLACE" and text.isupper() and len(words) == 1:
            ids = {i for name, found in listed["PLACE"].items() if is_initialism_of(text, name) for i in found}
            target = ids.pop() if len(ids) == 1 else None
        elif len(words) == 1 and text[:1].isupper() and not text.isupper() and key not in surnames:
            owners = {full for surname, full in people.items() if is_misspelling(text, surname)}
            target = f"name:{owners.pop()}" if len(owners) == 1 else None
        if target is not None:
            aliases[(a_index, key)] = target
    return aliases


def _initials(name: str) -> str:
    return "".join(part[:1].casefold() for word in name.split() if word not in _ORG_LINK_WORDS
                   for part in word.split("-") if part)  # fmt: skip


def place_initialisms(places: Mapping[str, str], acronyms: list[str]) -> dict[str, str]:
    """Acronym -> place id for the corpus's acronyms of its listed places of two or more parts
    (``NRW`` -> the id of ``Nordrhein-Westfalen``), when exactly one place fits.

    ``places`` maps listed place names to their ids. The names are indexed by their initials,
    so each acronym looks up only the names whose initials it contains.
    """
    by_initials: dict[str, set[str]] = {}
    for name in places:
        if len(initials := _initials(name)) >= 2:
            by_initials.setdefault(initials, set()).add(name)
    found = {}
    for acronym in acronyms:
        letters = acronym.casefold()
        if not 2 <= len(letters) <= 6:
            continue
        subsequences = {letters[0] + "".join(rest) for size in range(1, len(letters))
                        for rest in combinations(letters[1:], size)}  # fmt: skip
        ids = {places[name] for initials in subsequences for name in by_initials.get(initials, ())
               if is_initialism_of(acronym, name)}  # fmt: skip
        if len(ids) == 1:
            found[acronym] = ids.pop()
    return found
