"""ReaderScreen: two articles side by side, filters, entity index and quotations.

What the panes show is one reactive :class:`~core.view.ViewState`
(``state``): the articles of the two panes, the filters, the selection,
compare mode. Keys and panels only set a new state; its watcher updates what
depends on the fields that changed (the panes, the counts, the checklist,
the index, the quotations, the differences). ``active`` is the pane the keys
act on, ``panels`` the side panels shown. Moves (n/N, jumps) come from the
:class:`~tui.navigation.Navigator` as messages.

Two bases hold the rest of the screen: :class:`ReaderLoading` (the loader's
messages, from the plain text to the linked corpus) and :class:`ReaderNavigation`
(search, the Navigator's moves, the panes' and panels' jumps, sync scroll).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, ProgressBar

from core.analysis import corpus_name
from core.models import LABELS, AnnotatedArticle
from core.store import ArticleInfo, Store
from core.view import Comparison, ViewState, compare
from tui.layout import PANELS, WIDTH_CLASSES, default_panels, is_overlay, width_class
from tui.loader import LoadRequest
from tui.messages import CorpusReady
from tui.navigation import Navigator, PaneView, Where
from tui.screens.correcting import CorrectingScreen
from tui.screens.reader_loading import ReaderLoading
from tui.screens.reader_navigation import ReaderNavigation
from tui.titles import Titles
from tui.widgets.article_pane import ArticlePane
from tui.widgets.compare_panel import ComparePanel
from tui.widgets.entity_index import EntityIndex
from tui.widgets.filter_panel import FilterPanel
from tui.widgets.quotes_panel import QuotesPanel

W = TypeVar("W", bound=Widget)
PANELS_AT_LATEST = 0.1
"""Seconds the side panels wait at most for the panes' frame."""
PANES = ("A", "B")
_COUNTED = ("articles", "labels", "show_generic", "hidden", "selected", "only_selected", "dim")
"""The fields of the state the filter panel's counts depend on."""


class ReaderScreen(ReaderLoading, ReaderNavigation, CorrectingScreen):
    """The main screen of newslens (the keys that correct the tagger come from CorrectingScreen)."""

    AUTO_FOCUS = "#pane-A ArticleView"
    """Focus lands in the left article at once (each focus change rebuilds the footer)."""
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES
    BINDINGS = [
        Binding("f1", "app.help", "Help", key_display="F1"),  # first in the footer: it must fit at 80 columns
        Binding("left_square_bracket", "step(-1)", "Prev article", key_display="["),
        Binding("right_square_bracket", "step(1)", "Next article", key_display="]"),
        Binding("o", "pick_article", "Open article", show=False),
        Binding("tab", "switch_pane", "Other pane", show=False),
        *[Binding(str(n), f"toggle_type('{label}')", f"Toggle {label.lower()}", show=False)
          for n, label in enumerate(LABELS, 1)],
        Binding("5", "toggle('show_quotes')", "Toggle quotations", show=False),
        Binding("6", "toggle('show_generic')", "Generic weapon words", show=False),
        Binding("a", "toggle('show_speakers')", "Speaker tags", show=False),
        Binding("x", "toggle('only_selected')", "Only the selected entity", show=False),
        Binding("d", "toggle('dim')", "Dim or hide filtered", show=False),
        Binding("c", "toggle('compare')", "Compare"),
        Binding("s", "toggle_sync", "Sync scroll", show=False),
        Binding("slash", "search(False)", "Search", key_display="/"),
        Binding("question_mark", "search(True)", "Search backward", key_display="?", show=False),
        Binding("n", "next(1)", "Next"),
        Binding("N", "next(-1)", "Previous", key_display="N", show=False),
        Binding("f", "panel('filters')", "Filters", show=False),
        Binding("i", "panel('index')", "Entity index", show=False),
        Binding("w", "panel('quotes')", "Who said what", show=False),
        Binding("e", "export", "Export"),
        Binding("m", "correct", "Correct"),  # CorrectingScreen: u, M, > and <; m here, after F1 in the footer
        Binding("escape", "clear", "Clear", show=False),
    ]  # fmt: skip

    state: reactive[ViewState] = reactive(ViewState, init=False, repaint=False)
    """Everything that decides what the panes show (see the module docstring). No reactive here
    repaints the screen: the watchers refresh what changed (a screen repaint redraws every widget)."""
    active: reactive[str] = reactive("A", init=False, repaint=False)
    """The pane the keys act on."""
    panels: reactive[frozenset[str]] = reactive(frozenset, init=False, repaint=False)
    """Side panels shown: ``filters``, ``index``, ``quotes`` (overlays in narrow terminals)."""
    sync: reactive[bool] = reactive(False, init=False, repaint=False)
    """Pane B follows pane A by matching paragraphs."""

    def __init__(self, request: LoadRequest, store: Store | None = None) -> None:
        super().__init__()
        self.request = request
        self.preloaded = store
        self.articles: Sequence[AnnotatedArticle] = []
        self.infos: Sequence[ArticleInfo] = []
        self.store: Store | None = None
        self.names: dict[str, str] = {}
        self.navigator = Navigator(self.post_message)
        self._positions: Mapping[str, int] = {}
        self._status = ""
        self._search_backward = False
        self._width_class: str | None = None
        self._comparison: tuple[tuple[str, str], Comparison] | None = None
        self._alignment: tuple[tuple[int, int], list[int]] | None = None
        self._corpus_key: tuple[Sequence[ArticleInfo], str] | None = None
        self._panes: list[ArticlePane] = []
        self._widgets: dict[type, Widget] = {}
        self._panels_due = False
        """An update of the side panels waits for the panes' frame."""
        self._panels_from: ViewState | None = None
        """The state the side panels show while it waits (None: update them whole)."""
        self._stale: set[str] = set()
        """Side panels hidden while the state changed: brought up to date when they open."""

    def compose(self) -> ComposeResult:
        self._set_width_class()
        yield Header()
        yield ProgressBar(id="progress", show_eta=True)
        with Horizontal(id="body"):
            yield FilterPanel(id="filters")
            with Horizontal(id="panes"):
                for label in PANES:
                    yield ArticlePane(label, id=f"pane-{label}")
            with Vertical(id="sidebar"):
                yield EntityIndex(id="index")
                yield QuotesPanel(id="quotes")
                yield ComparePanel(id="compare")
        yield Input(placeholder="search (Enter: find, Esc: close)", id="search")
        yield Footer()

    def _set_width_class(self) -> None:
        """Give the screen its width class before any widget is styled (Textual adds it at the
        first resize, after the widgets are mounted, and would restyle all of them)."""
        chosen = width_class(self.app.size.width)
        for _, name in WIDTH_CLASSES:
            self.set_class(name == chosen, name, update=False)
        self._width_class = chosen
        self.set_reactive(ReaderScreen.panels, default_panels(chosen))

    def on_mount(self) -> None:
        self.title = "newslens"
        self.sub_title = f"{corpus_name(self.request.paths)}: loading…"
        saved = self.app.saved_state.view  # type: ignore[attr-defined]
        self.set_reactive(ReaderScreen.state, saved.model_copy(update={"articles": (), "selected": None,
                                                                        "compare": False}))  # fmt: skip
        self.query_one("#search").display = False
        self.watch_panels(self.panels)
        self.pane("A").active = True
        self.watch(self.pane("A").view, "scroll_y", self._scrolled, init=False)
        if self.preloaded is not None:
            self.post_message(CorpusReady(self.preloaded, from_cache=False))
        else:
            self._load()

    def on_resize(self, event: events.Resize) -> None:
        chosen = width_class(event.size.width)
        if chosen != self._width_class:  # a new width: the panels it has room for
            self._width_class = chosen
            self.panels = default_panels(chosen)

    # -- the state on screen ----------------------------------------------------

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        self._show(old, new)

    def _show(self, old: ViewState | None, new: ViewState) -> None:
        """Update what depends on the fields that changed between ``old`` and ``new`` (all if ``old`` is None)."""
        if not self.articles:
            return
        shown = self._shown(new)
        moved = old is None or old.articles != new.articles
        comparison = self._compare(shown) if new.compare and len(shown) == 2 else None
        for number, pane in enumerate(self.panes):
            article = shown[number] if number < len(shown) else None
            if article is not pane.view.article:
                if pane.view.article is None or article is None or pane.view.article.id != article.id:
                    pane.note = ""
                pane.view.article = article
            pane.set_title(article, self._positions.get(article.id) if article else None, len(self.infos),
                           self._status)  # fmt: skip
            pane.view.state = new
            pane.view.marks = comparison.marks(number) if comparison is not None else None
            pane.view.paint_now()  # now: the side panels wait for the frame that draws this paint
        self._panels_after_frame(old)
        self._show_comparison(comparison, shown, changed=moved or old.compare != new.compare)
        self.app.remember(self)  # type: ignore[attr-defined]

    def _panels_after_frame(self, old: ViewState | None) -> None:
        """Bring the side panels from ``old`` to the state once the panes' frame is out: the article
        comes first, the index and quotations follow a frame later (about 20 ms at 160x45)."""
        if self._panels_due:
            if old is None:
                self._panels_from = None  # several changes before the frame: from the oldest state
            return
        self._panels_due, self._panels_from = True, old
        painting = [pane.view for pane in self.panes if pane.view.painted != pane.view.drawn]
        for view in painting:
            view.when_drawn(self._show_panels_due)
        if painting:  # a pane too small to be drawn must not hold the panels back
            self.set_timer(PANELS_AT_LATEST, self._show_panels_due)
        else:
            self.call_after_refresh(self._show_panels_due)

    def _show_panels_due(self) -> None:
        """Update the side panels if an update waits (the first of its callers does it)."""
        if self._panels_due and self.articles:
            self._panels_due = False
            self._show_panels(self._panels_from, self.state, self._shown())

    def _show_panels(self, old: ViewState | None, new: ViewState, shown: list[AnnotatedArticle]) -> None:
        """The side panels on screen follow the change; a hidden one is brought up to date when it
        opens (``watch_panels``), so that a key does not pay for what is not on screen."""
        for name in ("filters", "quotes", "index"):
            if name in self.panels:
                self._show_panel(name, None if name in self._stale else old, new, shown)
                self._stale.discard(name)
            else:
                self._stale.add(name)

    def _show_panel(self, name: str, old: ViewState | None, new: ViewState, shown: list[AnnotatedArticle]) -> None:
        """Update panel ``name`` for the fields that changed from ``old`` (all if ``old`` is None)."""
        moved = old is None or old.articles != new.articles
        if name == "filters":
            filters = self.widget(FilterPanel)
            if old is None or any(getattr(old, field) != getattr(new, field) for field in _COUNTED):
                counts = Counter(m.label for a in shown for m in a.mentions if new.visibility(m) == "shown")
                filters.show_state(new, counts)
            if self.store is not None and (moved or old.show_generic != new.show_generic):
                ids = {m.entity for article in shown for m in article.mentions if m.entity}
                entities = sorted((e for i in ids if (e := self.store.entity(i))), key=lambda e: -e.mentions)
                filters.show_entities(entities, new.show_generic)
        elif name == "quotes" and moved:
            self.widget(QuotesPanel).show_quotes(list(zip(PANES, shown, strict=False)), self.names, self.store)
        elif name == "index":
            index = self.widget(EntityIndex)
            if moved and self.store is not None:
                index.show_counts([self.store.index.counts(a.id) for a in shown], list(PANES[: len(shown)]))
            if old is None or old.selected != new.selected:
                index.show_selected(new.selected)

    def _compare(self, shown: list[AnnotatedArticle]) -> Comparison:
        pair = (shown[0].id, shown[1].id)
        if self._comparison is None or self._comparison[0] != pair or self.store is None:
            self._comparison = (pair, compare(shown[0], shown[1]))
        return self._comparison[1]

    def _show_comparison(self, comparison: Comparison | None, shown: list, changed: bool) -> None:
        panel = self.widget(ComparePanel)
        if panel.display != (comparison is not None):
            panel.display = comparison is not None
            self.watch_panels(self.panels)  # the sidebar holds it
        if comparison is not None and changed and self.store is not None:
            panel.show_comparison(comparison, shown, self.store, self.names)

    def watch_active(self, old: str, new: str) -> None:
        for pane in self.panes:
            pane.active = pane.label == new

    def watch_panels(self, panels: frozenset[str]) -> None:
        for name, selector in PANELS.items():
            self.query_one(selector).display = name in panels
        compare_shown = self.query_one(ComparePanel).display
        self.query_one("#sidebar").display = bool(panels & {"index", "quotes"}) or compare_shown
        if self.articles and (due := panels & self._stale):
            shown = self._shown()
            for name in sorted(due):
                self._show_panel(name, None, self.state, shown)
            self._stale -= due

    # -- panes ----------------------------------------------------------------

    @property
    def panes(self) -> list[ArticlePane]:
        if not self._panes:  # found once: the panes live as long as the screen (a query walks the DOM)
            self._panes = list(self.query(ArticlePane))
        return self._panes

    def widget(self, kind: type[W]) -> W:
        """The screen's one widget of ``kind`` (found once: they live as long as the screen)."""
        found = self._widgets.get(kind)
        if found is None:
            found = self._widgets[kind] = self.query_one(kind)
        return found  # type: ignore[return-value]

    @property
    def corpus_key(self) -> str:
        """Key of the corpus in the remembered state (hashed once per article list: 10,000 ids)."""
        from core.state import corpus_key

        if self._corpus_key is None or self._corpus_key[0] is not self.infos:
            store_key = getattr(self.store, "state_key", None)  # a Parquet store names itself
            self._corpus_key = (self.infos, store_key or corpus_key([info.id for info in self.infos]))
        return self._corpus_key[1]

    def pane(self, label: str) -> ArticlePane:
        return next(pane for pane in self.panes if pane.label == label)

    def _shown(self, state: ViewState | None = None) -> list[AnnotatedArticle]:
        """The records of the articles in the panes under ``state`` (the current one if None)."""
        return [self.article(article_id) for article_id in (state or self.state).articles]

    def article(self, article_id: str) -> AnnotatedArticle:
        """The record of an article as the panes show it (corrections go here, before painting)."""
        return self.articles[self._positions[article_id]]

    def where(self) -> Where:
        """The panes as the Navigator sees them."""
        views = [PaneView(p.label, p.view.article, p.view.top_offset()) for p in self.panes]
        return Where(self.active, views, self._positions.__getitem__)

    def open_in(self, label: str, position: int) -> None:
        """Show the article at ``position`` (modulo the corpus size) in pane ``label``."""
        if not self.infos:
            return
        ids = list(self.state.articles) or [self.infos[0].id] * len(PANES)
        ids[PANES.index(label)] = self.infos[position % len(self.infos)].id
        self.state = self.state.model_copy(update={"articles": tuple(ids)})

    def select(self, entity: str | None) -> None:
        """Emphasise ``entity`` in both panes (n/N then walk its mentions)."""
        if entity == self.state.selected:
            return
        self.state = self.state.model_copy(update={"selected": entity})
        if entity and self.store and (found := self.store.entity(entity)):
            self.pane(self.active).note = f"{found.name} · {found.mentions} mentions"

    def jump_to_entity(self, entity: str) -> None:
        """Select ``entity`` and bring both panes to its first mention in their article."""
        self.select(entity)
        if self.store is not None:
            self.navigator.jump_to_entity(self.where(), self.store.index, entity, self.names.get(entity, ""))

    # -- actions ------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        view = self.pane(self.active).view
        if view.article is not None:
            self.open_in(self.active, self._positions[view.article.id] + delta)

    def action_switch_pane(self) -> None:
        self.pane("B" if self.active == "A" else "A").view.focus()

    def action_pick_article(self) -> None:
        from tui.screens.article_picker import ArticlePicker

        label = self.active

        def opened(position: int | None) -> None:
            if position is not None:
                self.open_in(label, position)

        search = getattr(self.store, "search_titles", None)  # a Parquet store searches its own titles
        titles = Titles(self.infos) if search else [info.title for info in self.infos]
        self.app.push_screen(ArticlePicker(titles, search), opened)

    def action_toggle_type(self, label: str) -> None:
        self.state = self.state.model_copy(update={"labels": frozenset(set(self.state.labels) ^ {label})})

    def action_toggle(self, name: str) -> None:
        self.state = self.state.model_copy(update={name: not getattr(self.state, name)})
        messages = {
            "compare": ("Compare mode on: shared and only-in-one marked", "Compare mode off"),
            "dim": ("Filtered-out mentions are dimmed", "Filtered-out mentions are hidden (plain text)"),
            "show_speakers": ("Speaker tags shown", "Speaker tags hidden"),
        }
        if name in messages:
            self.notify(messages[name][0 if getattr(self.state, name) else 1], timeout=2)

    def action_panel(self, name: str) -> None:
        opening = name not in self.panels
        self.panels = self.panels ^ {name}
        if opening and is_overlay(name, self._width_class or ""):  # over the text: reading it is the point
            panel = self.query_one(PANELS[name])
            self.set_focus(panel if panel.focusable else next((w for w in panel.walk_children() if w.focusable), None))
        elif not opening and self.focused is not None and not self.focused.display:
            self.pane(self.active).view.focus()

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.pane(self.active).view.focus()
        elif overlays := {name for name in self.panels if is_overlay(name, self._width_class or "")}:
            self.panels = self.panels - overlays
            self.pane(self.active).view.focus()
        elif self.navigator.searching:
            self._set_search(None)
        else:
            self.select(None)
            for pane in self.panes:
                pane.view.current, pane.note = None, ""

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        if self.store is None:
            self.notify("Wait until the articles are annotated", severity="warning")
            return
        self.app.push_screen(ExportDialog(self.store, self.state, self.app.theme))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for pane in self.panes:
            if pane is event.widget or pane in event.widget.ancestors:
                self.active = pane.label

    @on(FilterPanel.Changed)
    def _filters(self, event: FilterPanel.Changed) -> None:
        self.state = event.state
