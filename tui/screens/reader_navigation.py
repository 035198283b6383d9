"""ReaderNavigation: search, n/N and the jumps that panes and panels ask for.

A base of :class:`~tui.screens.reader.ReaderScreen` (its attributes are the
screen's): the :class:`~tui.navigation.Navigator` finds where to go and posts
Moved or Failed; this moves the panes there. Also the search line (``/``, ``?``)
and sync scroll (pane B follows pane A). A Screen subclass so that Textual
registers its ``@on`` handlers.
"""

from __future__ import annotations

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from tui.navigation import Navigator
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_index import EntityIndex
from tui.widgets.quotes_panel import QuotesPanel


class ReaderNavigation(Screen):
    """Moving through the articles: search, the Navigator's moves, sync scroll."""

    def action_search(self, backward: bool) -> None:
        search = self.query_one("#search", Input)
        search.placeholder = ("search backward" if backward else "search") + " (Enter: find, Esc: close)"
        search.display = True
        search.focus()
        self._search_backward = backward

    def action_next(self, direction: int) -> None:
        entity = self.state.selected
        index = self.store.index if self.store is not None else None
        self.navigator.step(direction, self.where(), index, entity, self.names.get(entity or "", ""))

    def _set_search(self, pattern: str | None, backward: bool = False) -> None:
        self.navigator.set_search(pattern, backward=backward)
        for pane in self.panes:
            pane.view.search = self.navigator.search
            if pattern is None and pane.note.startswith("match "):
                pane.note = ""

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.pane(self.active).view.focus()
        self._set_search(event.value, self._search_backward)
        if self.navigator.searching:
            self.action_next(1)

    @on(Navigator.Moved)
    def _moved(self, event: Navigator.Moved) -> None:
        label = event.pane or self._pane_showing(event.article_id)
        if label is None:
            label = self.active
            self.open_in(label, self._positions[event.article_id])
        pane = self.pane(label)
        pane.view.scroll_to_offset(event.start)
        pane.view.current = (event.start, event.end)
        pane.note = event.note
        if event.activate:
            for other in self.panes:
                if other is not pane:
                    other.view.current, other.note = None, ""
            self.active = label
            pane.view.focus()

    def _pane_showing(self, article_id: str) -> str | None:
        """The pane showing an article, the active one first."""
        for pane in sorted(self.panes, key=lambda pane: pane.label != self.active):
            if pane.view.article is not None and pane.view.article.id == article_id:
                return pane.label
        return None

    @on(Navigator.Failed)
    def _not_moved(self, event: Navigator.Failed) -> None:
        self.notify(event.reason, severity="warning", timeout=3, markup=False)

    @on(ArticleView.MentionClicked)
    def _clicked(self, event: ArticleView.MentionClicked) -> None:
        self.select(event.mention.entity)
        if event.view.article is not None:
            self.navigator.cursor_at(event.view.article.id, event.mention.start)
        event.view.current = (event.mention.start, event.mention.end)

    @on(EntityIndex.Selected)
    def _index_selected(self, event: EntityIndex.Selected) -> None:
        self.select(event.entity)

    @on(EntityIndex.Jump)
    def _index_jump(self, event: EntityIndex.Jump) -> None:
        self.jump_to_entity(event.entity)

    @on(QuotesPanel.Jump)
    def _quote_jump(self, event: QuotesPanel.Jump) -> None:
        self.navigator.show_span(event.article, event.quote.start, event.quote.end, "quotation")

    def _scrolled(self) -> None:
        if self.sync:
            self._follow()

    def _follow(self) -> None:
        """Scroll pane B to the paragraph matching the one at the top of pane A."""
        left, right = self.pane("A").view, self.pane("B").view
        if left.article is None or right.article is None:
            return
        pair = (self._positions[left.article.id], self._positions[right.article.id])
        if self._alignment is None or self._alignment[0] != pair:
            from core.align import align_paragraphs

            self._alignment = (pair, align_paragraphs(left.article, right.article))
        mapping = self._alignment[1]
        paragraph, fraction = left.top_paragraph()
        if 0 <= paragraph < len(mapping):
            right.scroll_to_paragraph(mapping[paragraph], fraction)

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Sync scroll " + ("on: B follows A by matching paragraphs" if self.sync else "off"), timeout=3)
        if self.sync:
            self._follow()
