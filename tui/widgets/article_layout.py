"""Wrap an article into display lines for the article view (no Textual here).

A display line is a list of pieces: a slice of the article text ``(start,
end)`` or a virtual label (a quotation's speaker) that is not part of the
text. Offsets stay article offsets, so clicks, jumps and highlights never
re-tokenise. Paragraphs are separated by a blank line; the title comes first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Label:
    """Virtual text shown after ``offset`` (a speaker name), styled as ``style``."""

    offset: int
    text: str
    style: str


@dataclass
class DisplayLine:
    """One line on screen."""

    pieces: list[tuple[int, int] | Label] = field(default_factory=list)
    start: int = 0
    """Article offset of the first character (for blank lines: of the next paragraph)."""
    end: int = 0
    paragraph: int = -1
    """Index of the paragraph, -1 for the blank line between paragraphs."""

    def offset_at(self, x: int, text: str) -> int | None:
        """Article offset under column ``x``, if a text piece is there."""
        column = 0
        for piece in self.pieces:
            if isinstance(piece, Label):
                column += cell_len(piece.text)
                continue
            start, end = piece
            for offset in range(start, end):
                width = cell_len(text[offset])
                if column <= x < column + width:
                    return offset
                column += width
        return None


class ArticleLayout:
    """Display lines of one article at one width."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], labels: list[Label], width: int) -> None:
        self.text = text
        self.width = max(10, width)
        self.lines: list[DisplayLine] = []
        labels_at: dict[int, list[Label]] = {}
        for label in labels:
            labels_at.setdefault(label.offset, []).append(label)
        for number, (start, end) in enumerate(paragraphs):
            if number:
                self.lines.append(DisplayLine(start=start, end=start, paragraph=-1))
            self._wrap(start, end, number, labels_at)
        if not self.lines:
            self.lines.append(DisplayLine())
        self._starts = [line.start for line in self.lines]
        self.max_width = max((self._line_width(line) for line in self.lines), default=0)

    def _line_width(self, line: DisplayLine) -> int:
        return sum(
            cell_len(piece.text) if isinstance(piece, Label) else cell_len(self.text[piece[0] : piece[1]])
            for piece in line.pieces
        )

    def _wrap(self, start: int, end: int, paragraph: int, labels_at: dict[int, list[Label]]) -> None:
        """Greedy word wrap of ``text[start:end]``; labels flow with the words."""
        line = DisplayLine(start=start, end=start, paragraph=paragraph)
        column = 0
        label_offsets = sorted(labels_at)

        def push(item: tuple[int, int] | Label, width: int) -> None:
            nonlocal line, column
            if column and column + width > self.width:
                self.lines.append(line)
                begin = item[0] if isinstance(item, tuple) else line.end
                line = DisplayLine(start=begin, end=begin, paragraph=paragraph)
                column = 0
            line.pieces.append(item)
            column += width
            if isinstance(item, tuple):
                line.end = item[1]

        for match in _WORD.finditer(self.text, start, end):
            word_start, word_end = match.span()
            if "\n" in match.group():  # a hard line break inside a paragraph
                self.lines.append(line)
                after = self.text.index("\n", word_start) + 1
                line = DisplayLine(start=after, end=after, paragraph=paragraph)
                column = 0
                continue
            position = word_start
            first = bisect_right(label_offsets, word_start)
            for cut in label_offsets[first : bisect_right(label_offsets, word_end)]:
                if cut > position:
                    for chunk in self._chunks(position, cut):
                        push(chunk, cell_len(self.text[chunk[0] : chunk[1]]))
                for label in labels_at[cut]:
                    push(label, cell_len(label.text))
                position = cut
            if position < word_end:
                for chunk in self._chunks(position, word_end):
                    push(chunk, cell_len(self.text[chunk[0] : chunk[1]]))
        self.lines.append(line)

    def _chunks(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split a word longer than the width (a URL) into pieces that fit."""
        if cell_len(self.text[start:end]) <= self.width:
            return [(start, end)]
        return [(position, min(position + self.width, end)) for position in range(start, end, self.width)]

    def line_of(self, offset: int) -> int:
        """Index of the display line showing article ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        while index > 0 and self.lines[index].paragraph == -1:
            index -= 1
        return max(0, index)

    def paragraph_lines(self, paragraph: int) -> int:
        """Index of the first display line of ``paragraph``."""
        for index, line in enumerate(self.lines):
            if line.paragraph == paragraph:
                return index
        return 0
