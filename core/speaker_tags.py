"""Where a quotation's speaker tag goes: at the end of the sentence, never inside it.

A tag (``◂Donald Trump``) is not part of the article; put right after the
closing mark it splits sentences (``„schlecht“ ◂Donald Trump bezeichnete.``).
It goes after the sentence the quotation ends in: the first full stop,
question or exclamation mark after the quotation that is outside every
quotation and is not an abbreviation or an ordinal (``St.``, ``4. Juli``),
or the end of the paragraph. A quotation ending in a full stop of its own
(``… geben.“ Trump unterstützte``) ends its sentence there. Tags of one
speaker at one place are shown once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.models import AnnotatedArticle, Quote

_CLOSERS = "\"'“”„»«›‹’‘)]"
_TERMINATORS = ".!?"
_ABBREVIATIONS = frozenset(
    ("st", "dr", "nr", "bzw", "ca", "vgl", "usw", "etc", "mio", "mrd", "prof", "abs", "art", "bspw", "evtl",
     "ggf", "inkl", "jh", "mr", "mrs", "ms", "sen", "str", "tel", "u", "z", "b")
)  # fmt: skip
"""Words before a full stop that does not end a sentence (``St. Petersburg``, ``z. B.``)."""
_WORD_BEFORE = re.compile(r"(\w+)$")


@dataclass(frozen=True)
class Tag:
    """A speaker tag: shown after article offset ``offset``, not part of the text."""

    offset: int
    text: str
    """The speaker's name."""
    quotes: tuple[int, ...]
    """Indices of the quotations it labels."""


def speaker_name(quote: Quote, names: Mapping[str, str]) -> str | None:
    """Who said it, as the reader and the export show it.

    The person the speaker resolves to (``der US-Präsident`` -> ``Donald Trump``),
    else the words of the text (``ein Beamter``); ``names`` maps entity ids to names.
    """
    return names.get(quote.speaker_entity or "") or quote.speaker


class _Quoted:
    """Is an offset inside any of some spans? (One binary search over the spans sorted by start.)"""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        for _, end in spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and self._reach[index] > offset


def _is_abbreviation(text: str, offset: int, paragraph_start: int) -> bool:
    """Is the full stop at ``offset`` part of ``St.``, ``z.`` or an ordinal like ``4.``?"""
    found = _WORD_BEFORE.search(text, paragraph_start, offset)
    if found is None:
        return False
    word = found.group(1)
    return word.isdigit() or word.casefold() in _ABBREVIATIONS


def sentence_end(text: str, offset: int, limit: int, quoted: _Quoted) -> int:
    """End of the sentence that goes on at ``offset`` (before ``limit``, the paragraph's end).

    Terminators inside the ``quoted`` spans do not end a sentence.
    """
    paragraph_start = text.rfind("\n", 0, offset) + 1
    position = offset
    while position < limit:
        char = text[position]
        ends = char in _TERMINATORS and position not in quoted
        if ends and (char != "." or not _is_abbreviation(text, position, paragraph_start)):
            end = position + 1
            while end < limit and text[end] in _CLOSERS:
                end += 1
            if end >= limit or text[end].isspace():
                return end
        position += 1
    return len(text[:limit].rstrip()) if text[offset:limit].strip() else offset


def _ends_own_sentence(text: str, quote: Quote) -> bool:
    """``… geben.“`` followed by a new sentence: the quotation's own full stop ends it."""
    inner = text[quote.start : quote.end].rstrip(_CLOSERS + " ")
    if not inner.endswith("."):
        return False
    after = text[quote.end : quote.end + 2].lstrip()
    return not after or not (after[0] in ",;:–-" or after[0].islower())


def speaker_tags(article: AnnotatedArticle, names: Mapping[str, str]) -> list[Tag]:
    """The speaker tags of an article's direct speech quotations, each at the end of its sentence."""
    text = article.text
    quoted = _Quoted(sorted((q.start, q.end) for q in article.quotes if q.end > q.start))
    paragraph_ends = [end for _, end in article.paragraphs]
    placed: dict[tuple[int, str], list[int]] = {}
    for number, quote in enumerate(article.quotes):
        if not (quote.speech and quote.kind == "direct" and quote.end > quote.start):
            continue
        name = speaker_name(quote, names)
        if not name:
            continue
        index = min(bisect_right(paragraph_ends, quote.end - 1), len(paragraph_ends) - 1)
        limit = paragraph_ends[index] if paragraph_ends else len(text)
        limit = max(limit, quote.end)
        own = _ends_own_sentence(text, quote)
        offset = quote.end if own else sentence_end(text, quote.end, limit, quoted)
        placed.setdefault((offset, name), []).append(number)
    return [Tag(offset, name, tuple(quotes)) for (offset, name), quotes in sorted(placed.items())]
