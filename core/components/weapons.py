"""``newslens_weapons``: weapon systems and generic weapon words as WEAPON.

No German NER model knows weapons, so this is a rule component over the
gazetteer in core/data (see :mod:`core.weapon_lexicon`):

- named systems, also over several tokens (``Storm Shadow``, ``Leopard 2A6``)
  and in any case (``ATACMS``, ``Atacms``), with plural or genitive endings;
- German compounds that carry the name in one token: ``Patriot-Raketen`` and
  ``Storm-Shadow-Raketen`` are the weapon; in ``ATACMS-Lieferung`` only the
  name part is (a character-level *part*, see ``PARTS_KEY``); an elliptic
  ``Atacms- und Storm-Shadow-Raketen`` tags ``Atacms`` as a part;
- near-misses (``Atacmas``) by a conservative fuzzy match (rapidfuzz);
- names that are also ordinary words (Patriot, Leopard, Taurus, Tor) only in
  weapon context: a weapon word nearby, a model number, or an unambiguous
  mention of the same system in the document;
- generic weapons by their compound head (``Langstreckenwaffen``,
  ``Abfangraketen``, ``Munition``), with ids ``weapon-generic:<stem>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from core.components.spans import PARTS_KEY, Word, merge_ents, words_of
from core.lexicon import common_nouns, first_names
from core.weapon_lexicon import WeaponLexicon, fold_alias, weapon_lexicon

MAX_ALIAS_TOKENS = 4
FUZZY_CUTOFF = 88
LOOKUP_MEMORY = 200_000  # distinct words remembered by lookup()
FUZZY_MIN_LENGTH = 5
CONTEXT_WINDOW = 3
_INFLECTIONS = ("s", "n", "en", "e", "'")
_MODEL_NUMBER = re.compile(r"^\d[\w.-]*$|^[A-Z]{1,3}\d[\w-]*$")


@dataclass
class Candidate:
    """A possible weapon mention before ambiguity is resolved."""

    start: int
    end: int
    entity_id: str
    ambiguous: bool
    part: tuple[int, int] | None = None
    """Character span when only part of a token names the weapon."""


class WeaponTagger:
    """Find named and generic weapons; see the module docstring."""

    def __init__(self, name: str, fuzzy: bool = True) -> None:
        self.name = name
        self.lexicon: WeaponLexicon = weapon_lexicon()
        self._looked_up: dict[tuple[str, bool], tuple[str, bool] | None] = {}
        self.fuzzy = fuzzy
        # Near-misses keep their first two letters (Atacmas/Atacms): compare only those.
        self.fuzzy_choices: dict[str, list[str]] = {}
        for alias, system_id in self.lexicon.aliases.items():
            if len(alias) >= FUZZY_MIN_LENGTH and alias not in self.lexicon.systems[system_id].ambiguous_aliases:
                self.fuzzy_choices.setdefault(alias[:2], []).append(alias)
        self.common = common_nouns()
        self.first_names = first_names()

    # -- lookups ---------------------------------------------------------

    def lookup(self, text: str, allow_fuzzy: bool) -> tuple[str, bool] | None:
        """(system id, ambiguous) of a name, with inflection and near-miss tolerance (memoised:
        news repeats its words, and the fuzzy match is the slow part)."""
        key = (text, allow_fuzzy)
        if key not in self._looked_up:
            if len(self._looked_up) >= LOOKUP_MEMORY:
                self._looked_up.clear()
            self._looked_up[key] = self._lookup(text, allow_fuzzy)
        return self._looked_up[key]

    def _lookup(self, text: str, allow_fuzzy: bool) -> tuple[str, bool] | None:
        folded = fold_alias(text)
        if not folded:
            return None
        candidates = [folded] + [
            folded[: -len(e)] for e in _INFLECTIONS if folded.endswith(e) and len(folded) - len(e) >= 3
        ]
        for candidate in candidates:
            system_id = self.lexicon.aliases.get(candidate)
            if system_id:
                return system_id, candidate in self.lexicon.systems[system_id].ambiguous_aliases
        if allow_fuzzy and self.fuzzy and self._fuzzy_worthy(text, folded):
            choices = self.fuzzy_choices.get(folded[:2], ())
            found = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if found:
                return self.lexicon.aliases[found[0]], False
        return None

    def _fuzzy_worthy(self, text: str, folded: str) -> bool:
        return (
            len(folded) >= FUZZY_MIN_LENGTH
            and text[:1].isupper()
            and text.casefold() not in self.common
            and text not in self.first_names
        )

    # -- matching --------------------------------------------------------

    def _multi_token(self, folded: list[str], start: int, prefixes: frozenset[str]) -> Candidate | None:
        """Longest run of 2-4 tokens that spells an alias (``Storm Shadow``, ``Leopard 2A6``)."""
        aliases = self.lexicon.aliases
        text, best = folded[start], None
        for end in range(start + 1, min(start + MAX_ALIAS_TOKENS, len(folded))):
            if text not in prefixes or not folded[end]:
                break
            text += folded[end]
            if text in aliases:
                best = Candidate(start, end + 1, f"weapon:{aliases[text]}", ambiguous=False)
        return best

    def _compound(self, token: Token | Word) -> Candidate | None:
        """A hyphenated compound whose first parts name a system (``Patriot-Raketen``)."""
        pieces = token.text.split("-")
        for cut in range(len(pieces) - 1, 0, -1):
            prefix, head = "-".join(pieces[:cut]), "-".join(pieces[cut:])
            found = self.lookup(prefix, allow_fuzzy=True)
            if not found:
                continue
            system_id, ambiguous = found
            entity_id = f"weapon:{system_id}"
            if head and self.lexicon.is_context_word(head):
                return Candidate(token.i, token.i + 1, entity_id, ambiguous=False)
            part = (token.idx, token.idx + len(prefix))
            if not head:  # elliptic: "Atacms- und Storm-Shadow-Raketen"
                return Candidate(token.i, token.i + 1, entity_id, ambiguous=ambiguous, part=part)
            if not ambiguous:
                return Candidate(token.i, token.i + 1, entity_id, ambiguous=False, part=part)
            return None
        return None

    def _in_context(self, doc: Doc, candidate: Candidate) -> bool:
        """Is an ambiguous name used as a weapon here?"""
        after = doc[candidate.end] if candidate.end < len(doc) else None
        if after is not None and _MODEL_NUMBER.match(after.text):
            return True
        window = [
            *doc[max(0, candidate.start - CONTEXT_WINDOW) : candidate.start],
            *doc[candidate.end : candidate.end + CONTEXT_WINDOW],
        ]
        return any(not t.is_punct and self.lexicon.is_context_word(t.text) for t in window)

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Every weapon candidate in the document, left to right."""
        found: list[Candidate] = []
        tokens = words_of(doc)
        folded = [fold_alias(token.text) if not token.is_punct or token.text == "-" else "" for token in tokens]
        prefixes = self.lexicon.alias_prefixes
        index = 0
        while index < len(tokens):
            token = tokens[index]
            text = token.text
            candidate = self._multi_token(folded, index, prefixes) if folded[index] in prefixes else None
            if candidate is None and "-" in text:
                candidate = self._compound(token)
            alpha = text.isalpha()
            if candidate is None and (alpha or any(map(str.isdigit, text))):
                hit = self.lookup(text, allow_fuzzy=alpha)
                if hit:
                    candidate = Candidate(index, index + 1, f"weapon:{hit[0]}", ambiguous=hit[1])
            if candidate is None and text[:1].isupper() and not text.endswith("-"):
                stem = self.lexicon.generic_stem(text)
                if stem:
                    candidate = Candidate(index, index + 1, f"weapon-generic:{stem}", ambiguous=False)
            if candidate is not None:
                found.append(candidate)
                index = candidate.end
            else:
                index += 1
        confirmed = {c.entity_id for c in found if not c.ambiguous}
        return [c for c in found if not c.ambiguous or c.entity_id in confirmed or self._in_context(doc, c)]

    def __call__(self, doc: Doc) -> Doc:
        spans, parts = [], []
        for candidate in self.candidates(doc):
            if candidate.part is not None:
                parts.append([candidate.part[0], candidate.part[1], "WEAPON", candidate.entity_id])
            else:
                spans.append(Span(doc, candidate.start, candidate.end, label="WEAPON", span_id=candidate.entity_id))
        if parts:
            part_tokens = {doc.char_span(s, e, alignment_mode="expand").start for s, e, _, _ in parts}
            doc.ents = [ent for ent in doc.ents if not any(ent.start <= t < ent.end for t in part_tokens)]
            doc.user_data.setdefault(PARTS_KEY, []).extend(parts)
        merge_ents(doc, spans, replace_overlapping=True)
        return doc


@Language.factory("newslens_weapons", default_config={"fuzzy": True})
def make_weapons(nlp: Language, name: str, fuzzy: bool) -> WeaponTagger:
    """Tag named weapon systems and generic weapon words as WEAPON."""
    return WeaponTagger(name, fuzzy)
