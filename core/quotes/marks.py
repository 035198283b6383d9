"""Find quoted passages in text by their quotation marks (no NLP).

Handles the styles of German and English news: „…“ and ‚…‘ (German), »…«
and ›…‹ (German guillemets), «…» and ‹…› (Swiss and French), “…” and ‘…’
(English), and straight "…" and '…'. Straight and curly marks that can both
open and close are decided by position; an apostrophe (``Merz'``,
``geht's``) is never taken for a quotation mark. A quotation whose paragraph
ends unclosed continues when the next paragraph opens with the same mark (the
usual way to quote over paragraphs); otherwise it ends with its paragraph.
Stray closing marks are ignored. Nested quotations are reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# opening mark -> closing marks that may end it
PAIRS: dict[str, str] = {
    "„": '“”"',
    "‚": "‘’'",
    "»": "«",
    "›": "‹",
    "«": "»",
    "‹": "›",
    "“": '”"',
    "‘": "’",
    '"': '"“”',
    "'": "'’",
}
DOUBLE = set('„»«“”"')
#: Every character that can be a quotation mark.
_MARK = re.compile("[" + re.escape("".join(sorted(set(PAIRS) | set("".join(PAIRS.values()))))) + "]")
AMBIGUOUS = set("“”\"'’‘")  # may open or close depending on position
_OPEN_BEFORE = set(" \t\n([{—–-/:") | {""}
_CLOSE_AFTER = set(" \t\n)]}.,;:!?…—–-/") | {""}
_NOT_AFTER_OPEN = set(" \t\n)]}.,;:!?") | {""}


@dataclass
class QuoteSpan:
    """A quoted passage: ``[start, end)`` includes its marks."""

    start: int
    end: int
    closed: bool = True
    """False when the passage ran to the end of its paragraph unclosed."""
    depth: int = 0
    """0 for a top-level quotation, 1 for one nested in another."""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    """The pieces when the quotation runs over paragraphs."""

    @property
    def inner(self) -> tuple[int, int]:
        """The span without the outer marks."""
        return (self.start + 1, self.end - 1 if self.closed else self.end)


def _is_letter(char: str) -> bool:
    return char.isalnum()


def _role(text: str, index: int, stack: list[tuple[str, int]]) -> str | None:
    """``open``, ``close`` or None for the mark at ``index``."""
    mark = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    closes_top = bool(stack) and mark in PAIRS[stack[-1][0]]
    if mark not in AMBIGUOUS:
        if mark in PAIRS and not (closes_top and mark in "«»‹›"):
            return "open"
        return "close" if any(mark in PAIRS[opening] for opening, _ in stack) else None
    # an apostrophe sits between or right after letters: geht's, Merz' Plan
    if mark in "'’" and _is_letter(before) and (_is_letter(after) or not closes_top):
        return None
    can_close = closes_top and before not in (" ", "\t", "\n", "") and after in _CLOSE_AFTER | DOUBLE | set("'’‘")
    if can_close:
        return "close"
    # an opening mark is followed by the quotation, never by a space or punctuation
    can_open = mark in PAIRS and before in _OPEN_BEFORE | DOUBLE | set("‚‘'") and after not in _NOT_AFTER_OPEN
    if can_open:
        return "open"
    if closes_top:
        return "close"
    return None


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[QuoteSpan], list[tuple[str, int]]]:
    """Quotes closed inside ``[start, end)`` and the marks still open at its end."""
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    for match in _MARK.finditer(text, start, end):
        index, char = match.start(), match.group()
        role = _role(text, index, stack)
        if role == "open":
            stack.append((char, index))
        elif role == "close":
            while stack and char not in PAIRS[stack[-1][0]]:
                stack.pop()  # an inner mark left open: drop it
            if stack:
                _opening, position = stack.pop()
                found.append(QuoteSpan(position, index + 1, depth=len(stack)))
    return found, stack


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quoted passage in ``text``, ordered by start offset."""
    if paragraphs is None:
        paragraphs, offset = [], 0
        for line in text.split("\n"):
            paragraphs.append((offset, offset + len(line)))
            offset += len(line) + 1
    quotes: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # a quotation continuing into the next paragraph
    pending_mark = ""
    for start, end in paragraphs:
        found, left_open = _scan_paragraph(text, start, end)
        stripped_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        if pending is not None:
            continues = stripped_start < end and text[stripped_start] == pending_mark
            first = next((q for q in found if q.start == stripped_start and q.depth == 0), None)
            if continues and first is not None:
                pending.paragraphs.append((first.start, first.end))
                pending.end, pending.closed = first.end, True
                found.remove(first)
                quotes.append(pending)
                pending = None
            elif continues and left_open and left_open[0][1] == stripped_start:
                pending.paragraphs.append((stripped_start, end))
                pending.end = end
                left_open = []
            else:
                quotes.append(pending)
                pending = None
        quotes.extend(found)
        if left_open and pending is None:
            mark, position = left_open[0]
            pending = QuoteSpan(position, end, closed=False, paragraphs=[(position, end)])
            pending_mark = mark
    if pending is not None:
        quotes.append(pending)
    return sorted(quotes, key=lambda quote: (quote.start, -quote.end))
