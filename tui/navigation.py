"""Moving through a corpus: the cursor, n/N, jumps to mentions and quotations.

``n``/``N`` walk search matches while a search is active (like less), else
the mentions of the selected entity across both panes and then the rest of
the corpus, in corpus order, wrapping around.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen
    from tui.widgets.article_pane import ArticlePane
    from tui.widgets.article_view import ArticleView


class Navigator:
    """The reading position and the moves from it."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.cursor: tuple[str, int] | None = None  # (article id, offset)
        self.last_pane = "A"
        self.search: str | None = None

    @property
    def searching(self) -> bool:
        return self.search is not None

    def _pane_of(self, view: ArticleView) -> ArticlePane | None:
        return next((pane for pane in self.screen.panes if pane.view is view), None)

    def cursor_at(self, view: ArticleView, offset: int) -> None:
        """Put the cursor at ``offset`` of the article shown in ``view``."""
        pane = self._pane_of(view)
        if pane is not None and view.article is not None:
            self.last_pane = pane.label
            self.cursor = (view.article.id, offset)

    def _position(self) -> tuple[ArticlePane, int]:
        """The focused pane and the offset to move from."""
        pane = self.screen.focused_pane()
        article = pane.view.article
        if self.cursor and article is not None and self.cursor[0] == article.id:
            return pane, self.cursor[1]
        return pane, pane.view.top_offset() - 1

    # -- search ---------------------------------------------------------------

    def set_search(self, pattern: str | None) -> None:
        self.search = pattern or None
        for pane in self.screen.panes:
            pane.view.set_search(self.search)
        if self.search:
            self.next(1)

    def _next_match(self, direction: int) -> None:
        pane, offset = self._position()
        starts = [start for start, _ in pane.view.matches]
        if not starts:
            other = next((p for p in self.screen.panes if p is not pane and p.view.matches), None)
            if other is None:
                self.screen.notify(f"Not found: {self.search}", severity="warning", markup=False)
                return
            pane, starts, offset = other, [start for start, _ in other.view.matches], -1
        if direction > 0:
            index = bisect_right(starts, offset) % len(starts)
        else:
            index = (bisect_left(starts, offset) - 1) % len(starts)
        start, end = pane.view.matches[index]
        self._show(pane, start, end, f"match {index + 1}/{len(starts)}")

    # -- entities ---------------------------------------------------------------

    def next(self, direction: int) -> None:
        if self.search:
            self._next_match(direction)
            return
        store, entity = self.screen.store, self.screen.state.selected
        if store is None or entity is None:
            self.screen.notify("Select an entity (click it or use the index), or search with /", timeout=3)
            return
        pane, offset = self._position()
        article = pane.view.article
        if article is None:
            return
        step = store.index.next if direction > 0 else store.index.previous
        found = step(entity, article.id, offset)
        if found is not None:
            self.show_span(found.article_id, found.start, found.end, note=f"{found.ordinal}/{found.total}")

    def jump_to_entity(self, entity: str) -> None:
        """Both panes to the entity's first mention in their article (or the corpus's first)."""
        store = self.screen.store
        if store is None:
            return
        jumped = False
        for pane in self.screen.panes:
            article = pane.view.article
            first = store.index.first(entity, article.id) if article is not None else None
            if first is not None:
                self._show(pane, first.start, first.end, f"{first.ordinal}/{first.total}")
                jumped = True
        if not jumped and (first := store.index.first(entity)) is not None:
            self.show_span(first.article_id, first.start, first.end, note=f"{first.ordinal}/{first.total}")

    def show_span(self, article_id: str, start: int, end: int, note: str = "") -> None:
        """Scroll to a span, opening its article in the focused pane if no pane shows it."""
        pane = next((p for p in self.screen.panes if p.view.article and p.view.article.id == article_id), None)
        if pane is None:
            pane = self.screen.focused_pane()
            self.screen.open_article(pane.label, self.screen.position_of(article_id, 0))
            self.screen.refresh_index()
        self._show(pane, start, end, note)

    def _show(self, pane: ArticlePane, start: int, end: int, note: str) -> None:
        pane.view.scroll_to_offset(start, flash=(start, end))
        pane.view.focus()
        self.last_pane = pane.label
        article = pane.view.article
        if article is not None:
            self.cursor = (article.id, start)
            if note:
                self.screen.notify(f"{pane.label}: {note}", timeout=1.5)
