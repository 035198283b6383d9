"""``newslens_gazetteer``: places and organisations news names constantly.

Patterns come from core/data/places.jsonl and orgs.jsonl (built by
training/build_gazetteers.py from CLDR, GeoNames and curated lists). Each match
carries its entity id in ``ent_id_``; genitives (``Russlands``, ``Moskaus``)
and title-case forms of acronyms (``Nato``) are matched too.

A model entity made of two gazetteer names (``die Ukraine Moskau angreifen``)
is split into them, and a gazetteer name that opens a hyphenated compound
(``NATO`` in ``NATO-Generalsekretär``, ``Kreml`` in ``Kreml-Sprecher``) is
recorded as a character-level part (see core.components.spans.PARTS_KEY).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.components.spans import PARTS_KEY, merge_ents, set_ents, source_of, words_of
from core.lexicon import common_nouns, gazetteer_patterns, genitive


def surface_forms(pattern: str) -> set[str]:
    """The pattern, its genitive and, for acronyms, the title-case spelling."""
    forms = {pattern}
    if " " not in pattern and pattern[-1:].isalpha():
        forms.add(genitive(pattern))
    if pattern.isupper() and len(pattern) >= 4 and pattern.isalpha():
        forms.add(pattern.title())
    return forms


_NEEDS_TOKENIZER = re.compile(r"[^\w\s.'’-]|\w\.\w")


class Gazetteer:
    """Match gazetteer patterns and merge them into the entities.

    Patterns are indexed by their first token (a dict lookup per token); a
    PhraseMatcher over 20,000 patterns takes seconds to build, this takes
    milliseconds.
    """

    def __init__(self, nlp: Language, name: str, patterns: list[dict] | None = None) -> None:
        self.name = name
        self.by_first_token: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self.compound_heads: dict[str, tuple[str, str]] = {}
        self.common = common_nouns()
        records = gazetteer_patterns() if patterns is None else patterns
        tricky = [
            form for record in records for form in surface_forms(record["pattern"]) if _NEEDS_TOKENIZER.search(form)
        ]
        tokenized = {doc.text: tuple(t.text for t in doc) for doc in nlp.tokenizer.pipe(tricky)}
        for record in records:
            label, entity_id = record["label"], record["id"]
            for form in surface_forms(record["pattern"]):
                tokens = tokenized.get(form) or tuple(form.split())
                self.by_first_token.setdefault(tokens[0], []).append((tokens, label, entity_id))
                if len(tokens) == 1 and "-" not in form:
                    self.compound_heads.setdefault(form, (label, entity_id))
        for entries in self.by_first_token.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def matches(self, doc: Doc) -> list[Span]:
        """Every pattern occurrence (longest per start token)."""
        texts = [word.text for word in words_of(doc)]
        spans = []
        for start, text in enumerate(texts):
            for tokens, label, entity_id in self.by_first_token.get(text, ()):
                end = start + len(tokens)
                if tuple(texts[start:end]) == tokens:
                    spans.append(Span(doc, start, end, label=label, span_id=entity_id))
                    break
        return spans

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matches(doc)
        self._split_runs(doc, spans)
        merge_ents(doc, spans, replace_overlapping=False)
        self._mark_parts(doc)
        return doc

    def _split_runs(self, doc: Doc, spans: list[Span]) -> None:
        """Drop model entities that are exactly two or more gazetteer names in a row, or one
        gazetteer name run on into common words (``Bundestag Steuerberater``): the names stay."""
        keep = []
        for ent in doc.ents:
            inside = [s for s in spans if ent.start <= s.start and s.end <= ent.end]
            covered = sum(len(s) for s in inside)
            if source_of(doc, ent) == "model" and len(inside) > 1 and covered == len(ent):
                continue
            if source_of(doc, ent) == "model" and len(inside) == 1 and len(inside[0]) < len(ent):
                rest = [t for t in ent if not inside[0].start <= t.i < inside[0].end]
                if all(t.text[:1].islower() or t.is_punct or t.text.casefold() in self.common for t in rest):
                    continue
            keep.append(ent)
        set_ents(doc, keep)

    def _mark_parts(self, doc: Doc) -> None:
        """Gazetteer names that open a hyphenated compound outside any entity."""
        inside = {index for ent in doc.ents for index in range(ent.start, ent.end)}
        parts = doc.user_data.setdefault(PARTS_KEY, [])
        taken = {part[0] for part in parts}
        for token in words_of(doc):
            if "-" not in token.text[1:-1] or token.i in inside or token.idx in taken:
                continue
            first = token.text.split("-", 1)[0]
            if first in self.compound_heads:
                label, entity_id = self.compound_heads[first]
                parts.append([token.idx, token.idx + len(first), label, entity_id])


@Language.factory("newslens_gazetteer", default_config={"patterns": None})
def make_gazetteer(nlp: Language, name: str, patterns: list[dict] | None) -> Gazetteer:
    """Gazetteer of places and organisations (``patterns`` overrides the shipped files)."""
    return Gazetteer(nlp, name, patterns)
