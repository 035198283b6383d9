"""What a correction acts on: the mention or span the reader is at, and the quotation around it.

The span is, in this order: the text selected with the mouse in the active pane,
else the pane's current span (the last n/N, search match, click or jump,
widened or narrowed word by word with ``>`` / ``<``). The quotation is the one
highlighted in the quotes panel when that has the focus, else the one the span
is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.models import AnnotatedArticle, Mention, Quote

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
QUOTE_WORDS = 8
"""Words of a quotation a correction keeps to find it again (``quote = "Man werde ..."``)."""


@dataclass(frozen=True)
class Target:
    """A span of one article, and what is there."""

    article: AnnotatedArticle
    start: int
    end: int
    mention: Mention | None = None
    """The mention the span is (exactly, or the one it lies in)."""
    quote: Quote | None = None
    """The quotation the span is in (or the one picked in the quotes panel)."""

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]


def target_at(article: AnnotatedArticle, start: int, end: int, quote: Quote | None = None) -> Target:
    """The target of span ``[start, end)``: trimmed of spaces and punctuation, with its mention and quotation.

    A span inside one mention, or one that is exactly a mention, targets that mention; a wider
    or different span targets the words (to be tagged).
    """
    start, end = trim(article.text, start, end)
    mention = next((m for m in article.mentions if m.start <= start and end <= m.end), None)
    if quote is None:
        around = [q for q in article.quotes if q.start <= start < q.end]
        quote = min(around, key=lambda q: q.end - q.start) if around else None  # the innermost
    return Target(article, start, end, mention, quote)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading or trailing characters that are not part of a word."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".’'"):
        end -= 1
    if end > start and text[end - 1] in ".’'" and not _abbreviation(text, start, end):
        end -= 1
    return start, end


def _abbreviation(text: str, start: int, end: int) -> bool:
    """A trailing dot that belongs to the word (``U.S.``, ``St.``): the word has another dot or is short."""
    word = text[start : end - 1]
    return text[end - 1] == "." and ("." in word or (0 < len(word) <= 3 and word[:1].isupper()))


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word at (or right after) ``offset``."""
    for match in _WORD.finditer(text, max(0, offset - 60)):
        if match.end() > offset:
            return match.span()
    return None


def extend(text: str, start: int, end: int, words: int) -> tuple[int, int]:
    """``[start, end)`` grown by the next word (``words`` 1) or shrunk by its last word (-1)."""
    if words > 0:
        following = _WORD.search(text, end)
        return (start, following.end()) if following is not None else (start, end)
    inner = list(_WORD.finditer(text, start, end))
    if len(inner) <= 1:
        return start, end
    return start, inner[-2].end()


def quote_words(quote: Quote) -> str:
    """The first words inside a quotation: what ``[[speaker]]``/``[[not_quote]]`` records to find it."""
    words = list(_WORD.finditer(quote.text))[:QUOTE_WORDS]
    if not words:
        return quote.text.strip("„“”\"»«‚‘’' ")
    return quote.text[words[0].start() : words[-1].end()]
