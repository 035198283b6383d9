"""Wrap an article into display lines for the article view (no Textual here).

A display line is a list of pieces: a slice of the article text ``(start,
end)`` or a speaker tag (:class:`TagPiece`), which is not part of the text.
Offsets stay article offsets, so clicks, jumps and highlights never
re-tokenise. Paragraphs are separated by a blank line; the title comes first.

Lines are filled to exactly ``width`` cells: a word fits when its visible
characters fit (the spaces after it may run past the edge, where they are
invisible anyway); a word longer than a line is cut into pieces of at most
``width`` cells.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

_WORD = re.compile(r"\S+|[^\S\n]+|\n")
TAG_MARK = "◂"
"""Put before a speaker's name in a tag (``◂Donald Trump``)."""


@dataclass(frozen=True)
class TagPiece:
    """A speaker tag on a line; ``gap`` is the space before it (none at the start of a line)."""

    text: str
    gap: bool

    @property
    def shown(self) -> str:
        return (" " if self.gap else "") + TAG_MARK + self.text

    @property
    def width(self) -> int:
        return cell_len(self.shown)


Piece = tuple[int, int] | TagPiece


@dataclass
class DisplayLine:
    """One line on screen."""

    pieces: list[Piece] = field(default_factory=list)
    start: int = 0
    """Article offset of the first character (for blank lines: of the next paragraph)."""
    end: int = 0
    paragraph: int = -1
    """Index of the paragraph, -1 for the blank line between paragraphs."""

    def offset_at(self, x: int, text: str) -> int | None:
        """Article offset under column ``x``, if a text piece is there."""
        column = 0
        for piece in self.pieces:
            if isinstance(piece, TagPiece):
                column += piece.width
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

    def __init__(
        self, text: str, paragraphs: Sequence[tuple[int, int]], tags: Sequence[tuple[int, str]], width: int
    ) -> None:
        """``tags`` are ``(offset, speaker name)``: each is shown after that article offset."""
        self.text = text
        self.width = max(1, width)
        self.lines: list[DisplayLine] = []
        tags_at: dict[int, list[str]] = {}
        for offset, name in tags:
            tags_at.setdefault(offset, []).append(name)
        for number, (start, end) in enumerate(paragraphs):
            if number:
                self.lines.append(DisplayLine(start=start, end=start, paragraph=-1))
            self._wrap(start, end, number, tags_at)
        if not self.lines:
            self.lines.append(DisplayLine())
        self._starts = [line.start for line in self.lines]

    def _wrap(self, start: int, end: int, paragraph: int, tags_at: dict[int, list[str]]) -> None:
        """Greedy word wrap of ``text[start:end]``; tags flow with the words."""
        text, width = self.text, self.width
        line = DisplayLine(start=start, end=start, paragraph=paragraph)
        column = 0
        offsets = sorted(offset for offset in tags_at if start <= offset <= end)

        def new_line(begin: int) -> None:
            nonlocal line, column
            self.lines.append(line)
            line = DisplayLine(start=begin, end=begin, paragraph=paragraph)
            column = 0

        def put_text(piece_start: int, piece_end: int) -> None:
            nonlocal column
            if text[piece_start].isspace():  # spaces stay on their line, even past the edge
                line.pieces.append((piece_start, piece_end))
                line.end = piece_end
                column += cell_len(text[piece_start:piece_end])
                return
            for chunk_start, chunk_end, chunk_width in self._chunks(piece_start, piece_end):
                if column and column + chunk_width > width:
                    new_line(chunk_start)
                line.pieces.append((chunk_start, chunk_end))
                line.end = chunk_end
                column += chunk_width

        def put_tags(offset: int) -> None:
            nonlocal column
            for name in tags_at[offset]:
                piece = TagPiece(name, gap=column > 0)
                if column and column + piece.width > width:
                    new_line(line.end)
                    piece = TagPiece(name, gap=False)
                line.pieces.append(piece)
                column += piece.width

        tag_index = 0
        for match in _WORD.finditer(text, start, end):
            word_start, word_end = match.span()
            while tag_index < len(offsets) and offsets[tag_index] <= word_start:
                put_tags(offsets[tag_index])
                tag_index += 1
            if match.group() == "\n":  # a hard line break inside a paragraph
                new_line(word_end)
                continue
            cut = offsets[tag_index] if tag_index < len(offsets) and offsets[tag_index] < word_end else None
            if cut is None:
                put_text(word_start, word_end)
                continue
            put_text(word_start, cut)  # a tag inside a word: after "bezeichnete." of "bezeichnete.“"
            put_tags(cut)
            tag_index += 1
            put_text(cut, word_end)
        while tag_index < len(offsets):
            put_tags(offsets[tag_index])
            tag_index += 1
        self.lines.append(line)

    def _chunks(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``(start, end, cells)`` pieces of a word, each at most a line wide (a long URL)."""
        word = self.text[start:end]
        cells = cell_len(word)
        if cells <= self.width:
            return [(start, end, cells)]
        chunks, chunk_start, chunk_cells = [], start, 0
        for offset in range(start, end):
            char_cells = cell_len(self.text[offset])
            if chunk_cells and chunk_cells + char_cells > self.width:
                chunks.append((chunk_start, offset, chunk_cells))
                chunk_start, chunk_cells = offset, 0
            chunk_cells += char_cells
        chunks.append((chunk_start, end, chunk_cells))
        return chunks

    def line_of(self, offset: int) -> int:
        """Index of the display line showing article ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        while index > 0 and self.lines[index].paragraph == -1:
            index -= 1
        return max(0, index)

    def paragraph_lines(self, paragraph: int) -> tuple[int, int]:
        """First display line of ``paragraph`` and how many lines it takes."""
        first, count = 0, 0
        for index, line in enumerate(self.lines):
            if line.paragraph == paragraph:
                if not count:
                    first = index
                count += 1
            elif count:
                break
        return first, count
