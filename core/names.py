"""Name normalisation for linking: one key per way of writing a name.

German news writes the same name in many ways: inflected (``Putins``,
``Merz'``), in other case (``ATACMS``, ``Atacms``), and transliterated from
Cyrillic or Arabic in German or English fashion (``Selenskyj``, ``Selensky``,
``Zelensky``, ``Zelenskyy``; ``Peskow``, ``Peskov``; ``Medwedew``,
``Medvedev``). :func:`name_key` maps all of these to one key.
"""

from __future__ import annotations

import re
import unicodedata

# German and English transliteration conventions, folded to one spelling.
# Applied in order to a lowercase, accent-free string.
_FOLDS = (
    (re.compile(r"tsch"), "ch"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"zh"), "sh"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ch"), "h"),
    (re.compile(r"ts"), "z"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])j(?=[aeiou])"), "i"),
    (re.compile(r"(yj|yi|yy|ij|iy|ii|j)$"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"j"), "i"),
    (re.compile(r"z"), "s"),
    (re.compile(r"ss"), "s"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),
)
#: Words before a (role) noun that are not part of it: articles, numerals, possessives.
DETERMINERS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "zwei",
        "drei",
        "vier",
        "mehrere",
        "einige",
        "viele",
        "beide",
        "beiden",
        "zahlreiche",
        "andere",
        "weitere",
        "ihr",
        "ihre",
        "seine",
        "sein",
    ]
)
_ADJECTIVE_ENDING = re.compile(r"(?:e|en|er|es|em)$")
_NOUN_ENDING = re.compile(r"(?:en|s|n)$")
_GENITIVE = re.compile(r"(?<=[a-zäöüß]{2})(s|'|’)$")
_NON_WORD = re.compile(r"[^\w]+")
# "Europäischen"/"Europäischer" -> "Europäische": a declined adjective before a noun
_ADJECTIVE_ENDING = re.compile(r"(?<=[a-zäöüß]{3})e[nrsm]$")


def strip_accents(text: str) -> str:
    """``Ž`` -> ``Z``, ``é`` -> ``e``; German umlauts become ``ae``, ``oe``, ``ue``."""
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_word(word: str) -> str:
    """Transliteration-insensitive form of one word."""
    folded = strip_accents(word.lower())
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded


def strip_genitive(word: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """``Putins`` -> ``Putin`` when ``Putin`` is known (or always for ``'``)."""
    if word.endswith(("'", "’")):
        return word[:-1]
    if word.endswith("s") and word[:-1] in known:
        return word[:-1]
    return word


def name_key(name: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """One key for every spelling of a name (words folded, genitive removed)."""
    words = [word for word in _NON_WORD.split(name) if word]
    if not words:
        return name.casefold()
    words[-1] = strip_genitive(words[-1], known)
    words[:-1] = [_ADJECTIVE_ENDING.sub("e", word) if word[:1].isupper() else word for word in words[:-1]]
    return " ".join(fold_word(word) for word in words)


def slug(name: str) -> str:
    """A readable id fragment: ``Wolodymyr Selenskyj`` -> ``wolodymyr-selenskyj``."""
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(name).lower()).strip("-") or "x"


def role_key(text: str) -> str:
    """``Der russische Präsident`` and ``russischen Präsidenten`` -> ``russisch präsident``."""
    words = [word for word in re.split(r"\s+", text.strip()) if word and word.lower() not in DETERMINERS]
    if not words:
        return ""
    *adjectives, noun = words
    stems = [_ADJECTIVE_ENDING.sub("", adjective.lower()) for adjective in adjectives]
    noun = noun.lower()
    if len(noun) > 7 and not noun.endswith("in"):
        noun = _NOUN_ENDING.sub("", noun)
    return " ".join([*stems, noun])


def role_head(key: str) -> str:
    """The role noun of a role key, without a hyphenated prefix: ``us-präsident`` -> ``präsident``."""
    return key.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
