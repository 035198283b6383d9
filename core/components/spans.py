"""Merge rule matches into ``doc.ents`` with an explicit precedence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span

SOURCE_KEY = "newslens_sources"
#: Character-level mentions inside a token (``NATO`` in ``NATO-Generalsekretär``):
#: a list of ``[start_char, end_char, label, entity_id]`` in ``doc.user_data``.
PARTS_KEY = "newslens_parts"


def mark_source(doc: Doc, span: Span, source: str) -> None:
    """Remember which part of newslens produced ``span`` (model, rule, linking)."""
    doc.user_data.setdefault(SOURCE_KEY, {})[f"{span.start}:{span.end}"] = source


def source_of(doc: Doc, span: Span) -> str:
    """``rule`` for spans a component set, ``model`` otherwise."""
    return doc.user_data.get(SOURCE_KEY, {}).get(f"{span.start}:{span.end}", "model")


def merge_ents(
    doc: Doc,
    candidates: Iterable[Span],
    *,
    replace_overlapping: bool,
    keep_longer_same_label: bool = False,
    longer_beats_rules: bool = False,
) -> None:
    """Add ``candidates`` to ``doc.ents``.

    A candidate that overlaps existing entities replaces them when
    ``replace_overlapping`` is true, or when it covers them completely (a
    longer name wins: ``St. Petersburg`` over ``Petersburg``); otherwise the
    existing entity stays. With ``keep_longer_same_label``, an entity of the
    candidate's label that contains it stays too. With ``longer_beats_rules``, a candidate
    also replaces rule entities it covers completely (``Kreis Fulda`` over ``Fulda``).
    Candidates are taken longest first.
    """
    ents, added = list(doc.ents), False
    for candidate in sorted(candidates, key=lambda span: (span.start - span.end, span.start)):
        overlapping = [ent for ent in ents if ent.start < candidate.end and candidate.start < ent.end]
        covers_all = all(candidate.start <= ent.start and ent.end <= candidate.end for ent in overlapping)
        taken_by_rule = any(source_of(doc, ent) == "rule" for ent in overlapping) and not (
            longer_beats_rules and covers_all and all(ent.label_ != "WEAPON" for ent in overlapping)
        )
        if overlapping and (taken_by_rule or not (replace_overlapping or covers_all)):
            continue
        if keep_longer_same_label and any(
            ent.label_ == candidate.label_ and ent.start <= candidate.start and candidate.end <= ent.end
            for ent in overlapping
        ):
            continue  # the model's "Johannes Paul II." stays, the rule's "Johannes Paul" goes
        if overlapping:
            ents = [ent for ent in ents if not (ent.start < candidate.end and candidate.start < ent.end)]
        ents.append(candidate)
        added = True
        mark_source(doc, candidate, "rule")
    if added:
        set_ents(doc, sorted(ents, key=lambda span: span.start))


def set_ents(doc: Doc, ents: list[Span]) -> None:
    """``doc.ents = ents``, skipped when they are the entities already there (the setter
    rewrites every token's entity fields, reading and comparing costs less than half)."""
    if list(doc.ents) != ents:
        doc.ents = ents


class Word(NamedTuple):
    """What rule components read of a token, taken once per document (creating spaCy Token
    objects again on every pass costs more than the rules themselves)."""

    i: int
    text: str
    idx: int
    is_sent_start: bool
    is_punct: bool
    whitespace: str
    is_space: bool


WORDS_KEY = "newslens_words"


def words_of(doc: Doc) -> list[Word]:
    """The document's tokens as :class:`Word` records, read once per document and shared by
    the rule components (kept in ``doc.user_data``)."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None or len(words) != len(doc):
        words = [Word(t.i, t.text, t.idx, t.is_sent_start is True, t.is_punct, t.whitespace_, t.is_space) for t in doc]
        doc.user_data[WORDS_KEY] = words
    return words


def text_of(doc: Doc) -> str:
    """The document's text from its :func:`words_of` (``doc.text`` builds every token again)."""
    return "".join(word.text + word.whitespace for word in words_of(doc))
