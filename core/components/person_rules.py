"""``newslens_person_rules``: people the model misses or mislabels.

Two patterns of German news:

- a known first name followed by a capitalised surname (``Wolodymyr
  Selenskyj``, ``Ursula von der Leyen``, ``John F. Kennedy``);
- a role noun before a name (``Kanzler Merz``, ``Kreml-Sprecher Dmitri
  Peskow``, ``US-Präsident Donald Trump``). The role is recorded in
  ``doc.user_data["newslens_roles"]`` so that linking can later resolve
  ``der US-Präsident`` to the person.

A candidate surname must not be a frequent common noun: German capitalises
every noun, and ``Präsident Frieden`` is not a person.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from core.components.spans import Word, merge_ents, source_of, words_of
from core.lexicon import NAME_PARTICLES, common_nouns, first_names, role_nouns

ROLES_KEY = "newslens_roles"
_NAME_SHAPE = re.compile(r"^[A-ZÄÖÜ][\w'’]*(?:-[A-ZÄÖÜ][\w'’]*)*$")
_INITIAL = re.compile(r"^[A-Z]\.$")
MAX_NAME_WORDS = 4
# Particles a surname can start with after a role ("Bundespräsident von Weizsäcker", "Trainer van Gaal")
_LEADING_PARTICLES = frozenset({"von", "van", "de", "di", "da", "zu", "del"})
_ADJECTIVE = re.compile(r"^[a-zäöüß]{3,}(?:e|en|er|es|em)$")
_NOT_ADJECTIVES = {
    "der",
    "die",
    "den",
    "dem",
    "des",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "seine",
    "seinen",
    "ihren",
    "ihre",
    "diese",
    "dieser",
    "diesen",
    "unsere",
    "unseren",
    "beiden",
    "ersten",
}


def role_of(token: Token | Word) -> str | None:
    """The role noun of ``token`` (``Präsident`` in ``US-Präsident``), if any."""
    return role_of_text(token.text)


def role_of_text(text: str) -> str | None:
    """The role noun of a word (``Präsident`` in ``US-Präsident``), if any."""
    if text in role_nouns():
        return text
    head = text.rsplit("-", 1)[-1]
    if "-" in text and head in role_nouns():
        return head
    if text[:1].isupper() and len(text) > 8:
        return _closed_compound_roles()[text]
    return None


@cache
def _role_heads_by_length() -> dict[int, dict[str, str]]:
    heads: dict[int, dict[str, str]] = {}
    for role in role_nouns():
        if len(role) >= 5 and role[:1].isupper() and role.isalpha():
            heads.setdefault(len(role), {})[role.lower()] = role
    return heads


class _ClosedCompoundRoles(dict):
    """``Finanzchefin`` -> ``Chefin``, ``Außenministerin`` -> ``Ministerin``: a closed compound whose
    head is a role noun (memoised per word)."""

    def __missing__(self, text: str) -> str | None:
        lowered = text.lower()
        found = None
        for length, heads in sorted(_role_heads_by_length().items(), reverse=True):
            if len(lowered) - length >= 3 and lowered[-length:] in heads:
                found = heads[lowered[-length:]]
                break
        if len(self) < 100_000:
            self[text] = found
        return found


@cache
def _closed_compound_roles() -> _ClosedCompoundRoles:
    return _ClosedCompoundRoles()


class PersonRules:
    """Add PERSON entities from first names and role nouns."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.first_names = first_names()
        self.common = common_nouns()

    def is_name_word(self, token: Token) -> bool:
        """A capitalised word that could be (part of) a surname."""
        text = token.text
        return (
            bool(_NAME_SHAPE.match(text))
            and any(char.islower() for char in text)
            and text.lower() not in self.common
            and role_of(token) is None
        )

    def name_after(self, doc: Doc, start: int, first_name_needed: bool) -> int | None:
        """End of a person's name starting at ``start`` (at most four words), or None."""
        index = start
        if first_name_needed:
            if doc[index].text not in self.first_names:
                return None
            index += 1
        end = None
        while index < min(len(doc), start + MAX_NAME_WORDS):
            token = doc[index]
            following = doc[index + 1] if index + 1 < len(doc) else None
            if token.text in NAME_PARTICLES and index == start and token.text not in _LEADING_PARTICLES:
                break  # "Gründer der Digitalagentur": an article, not the "der" of "von der Leyen"
            if _INITIAL.match(token.text) or (
                token.text in NAME_PARTICLES and following is not None and self.is_name_word(following)
            ):
                index += 1
                continue
            if not self.is_name_word(token) or self.is_known_place_or_org(doc, token):
                break
            end = index = index + 1
        return end

    @staticmethod
    def is_known_place_or_org(doc: Doc, token: Token) -> bool:
        """Part of a gazetteer place or organisation (``Präsident Russlands``)."""
        if token.ent_type_ not in ("PLACE", "ORG"):
            return False
        return any(source_of(doc, ent) == "rule" for ent in doc.ents if ent.start <= token.i < ent.end)

    @staticmethod
    def role_start(doc: Doc, role: int) -> int:
        """Include adjectives before the role noun: ``russischen Präsidenten``."""
        start = role
        while (
            start > 0
            and role - start < 2
            and _ADJECTIVE.match(word := doc[start - 1].text)
            and word not in _NOT_ADJECTIVES
        ):
            start -= 1
        return start

    def owner_before_role(self, doc: Doc, role: Word) -> list[Span]:
        """``Huaweis`` in a model entity ``Huaweis Finanzchefin Meng Wanzhou``: the name before the
        role stays an entity of its own when the person after the role replaces the run."""
        for ent in doc.ents:
            if ent.start < role.i < ent.end and source_of(doc, ent) == "model":
                before = Span(doc, ent.start, role.i, label=ent.label_ if ent.label_ != "PERSON" else "ORG")
                if all(self.is_name_word(token) or token.text.isupper() for token in before):
                    return [before]
        return []

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Span] = []
        roles: list[tuple[int, int, int, int]] = doc.user_data.setdefault(ROLES_KEY, [])
        for token in words_of(doc):
            if token.text in self.first_names and token.i + 1 < len(doc):
                end = self.name_after(doc, token.i, first_name_needed=True)
                if end is not None:
                    candidates.append(Span(doc, token.i, end, label="PERSON"))
            if role_of(token) is not None and token.i + 1 < len(doc):
                start = token.i + 1
                end = self.name_after(doc, start, first_name_needed=False)
                if end is None:
                    continue
                person = Span(doc, start, end, label="PERSON")
                candidates.append(person)
                candidates += self.owner_before_role(doc, token)
                role_start = doc[self.role_start(doc, token.i)].idx
                roles.append((role_start, token.idx + len(token.text), person.start_char, person.end_char))
        merge_ents(doc, candidates, replace_overlapping=True, keep_longer_same_label=True)
        return doc


@Language.factory("newslens_person_rules")
def make_person_rules(nlp: Language, name: str) -> PersonRules:
    """First name + surname, and role noun + name, as PERSON."""
    return PersonRules(name)
