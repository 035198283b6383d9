"""Moving through a corpus: the cursor, n/N, jumps to mentions and quotations.

The Navigator decides where a move goes and posts a :class:`Navigator.Moved`
message (or :class:`Navigator.Failed`); the reader screen, which owns the
panes, shows it. It never reaches into the screen: what it needs to know is
handed to it as a :class:`Where`.

``n``/``N`` walk search matches while a search is on (like less: ``/``
searches forward, ``?`` backward, and ``n`` keeps the search's direction),
else the mentions of the selected entity. Both walk in one order: the
articles in corpus order, each from its start; a hit in an article shown in
a pane is shown in that pane, wrapping around after the last. Search matches
are those of the articles on screen; an entity's mentions are those of the
whole corpus (an article not on screen opens in the active pane).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.message import Message

from core.index import CorpusIndex
from core.models import AnnotatedArticle
from core.search import find_all


@dataclass(frozen=True)
class PaneView:
    """One pane as the Navigator sees it."""

    label: str
    article: AnnotatedArticle | None
    top: int
    """Article offset at the top of the pane."""


@dataclass(frozen=True)
class Where:
    """What the Navigator needs to know about the reader to plan a move."""

    active: str
    """Label of the pane the keys act on."""
    panes: Sequence[PaneView]
    position: Callable[[str], int]
    """Corpus position of an article id."""


class Navigator:
    """The reading position and the moves from it."""

    @dataclass
    class Moved(Message):
        """Show ``[start, end)`` of an article: in ``pane``, else where it is shown, else in the active pane."""

        article_id: str
        start: int
        end: int
        note: str
        """What the move found (``Donald Trump 6/25``, ``match 2/7``), for the pane's title bar."""
        pane: str | None = None
        activate: bool = True
        """Make that pane the active one (and focus it)."""

    @dataclass
    class Failed(Message):
        """Nothing to move to; ``reason`` says why."""

        reason: str

    def __init__(self, post: Callable[[Message], object]) -> None:
        self._post = post
        self.cursor: tuple[str, int] | None = None
        """``(article id, offset)`` of the last move."""
        self.search: str | None = None
        self.backward = False
        """The search goes backward (``?``): ``n`` moves up, ``N`` down."""

    @property
    def searching(self) -> bool:
        return self.search is not None

    def set_search(self, pattern: str | None, *, backward: bool = False) -> None:
        self.search = pattern or None
        self.backward = backward

    def cursor_at(self, article_id: str, offset: int) -> None:
        """The reader is at ``offset`` of an article (a click)."""
        self.cursor = (article_id, offset)

    def _move(self, article_id: str, start: int, end: int, note: str, pane: str | None = None,
              activate: bool = True) -> None:  # fmt: skip
        self.cursor = (article_id, start)
        self._post(self.Moved(article_id, start, end, note, pane, activate))

    def _origin(self, where: Where) -> tuple[str, int] | None:
        """The article and offset to move from: the cursor if its article is on screen, else the active pane's top."""
        shown = {pane.article.id for pane in where.panes if pane.article is not None}
        if self.cursor is not None and self.cursor[0] in shown:
            return self.cursor
        active = next((pane for pane in where.panes if pane.label == where.active), None)
        if active is None or active.article is None:
            return None
        return active.article.id, active.top - 1

    # -- n / N --------------------------------------------------------------

    def step(self, direction: int, where: Where, index: CorpusIndex | None, entity: str | None,
             name: str = "") -> None:  # fmt: skip
        """``n`` (``direction`` 1) or ``N`` (-1): the next search match, else the next mention of ``entity``."""
        if self.search:
            self._step_match(-direction if self.backward else direction, where)
            return
        if index is None or entity is None:
            self._post(self.Failed("Select an entity (click it or use the index), or search with / or ?"))
            return
        origin = self._origin(where)
        if origin is None:
            return
        step = index.next if direction > 0 else index.previous
        found = step(entity, *origin)
        if found is None:
            self._post(self.Failed(f"No mentions of {name or entity}"))
            return
        self._move(found.article_id, found.start, found.end, f"{name} {found.ordinal}/{found.total}".strip())

    def _step_match(self, direction: int, where: Where) -> None:
        assert self.search is not None
        articles = {pane.article.id: pane.article for pane in where.panes if pane.article is not None}
        hits = sorted(
            (where.position(article_id), start, end, article_id)
            for article_id, article in articles.items()
            for start, end in find_all(article.text, self.search)
        )
        if not hits:
            self._post(self.Failed(f"Not found on screen: {self.search}"))
            return
        origin = self._origin(where)
        here = (where.position(origin[0]), origin[1]) if origin is not None else (-1, -1)
        keys = [(position, start) for position, start, _, _ in hits]
        after = bisect_right(keys, here) if direction > 0 else bisect_left(keys, here) - 1
        number = after % len(hits)
        _, start, end, article_id = hits[number]
        self._move(article_id, start, end, f"match {number + 1}/{len(hits)}")

    # -- jumps ------------------------------------------------------------------

    def jump_to_entity(self, where: Where, index: CorpusIndex, entity: str, name: str = "") -> None:
        """Each pane to the entity's first mention in its article; the corpus's first when no pane has one."""
        jumped = False
        for pane in sorted(where.panes, key=lambda pane: pane.label == where.active):  # the active pane last
            first = index.first(entity, pane.article.id) if pane.article is not None else None
            if first is not None:
                note = f"{name} {first.ordinal}/{first.total}".strip()
                self._move(first.article_id, first.start, first.end, note, pane.label, activate=False)
                jumped = True
        if not jumped and (first := index.first(entity)) is not None:
            self._move(first.article_id, first.start, first.end, f"{name} {first.ordinal}/{first.total}".strip())
        elif not jumped:
            self._post(self.Failed(f"No mentions of {name or entity}"))

    def show_span(self, article_id: str, start: int, end: int, note: str = "") -> None:
        """Go to a span (a quotation picked in the quotes panel)."""
        self._move(article_id, start, end, note)
