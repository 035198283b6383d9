"""ReaderScreen: two articles side by side, filters, entity index and quotations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar

from core.analysis import corpus_name
from core.models import LABELS, AnnotatedArticle
from core.store import ArticleInfo, Store
from core.view import ViewState, compare
from tui.loader import LoadRequest, load
from tui.messages import ArticleAnnotated, CacheWarning, CorpusLoaded, CorpusReady, LoadFailed
from tui.navigation import Navigator
from tui.startup import resume_collection
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView
from tui.widgets.compare_panel import ComparePanel
from tui.widgets.entity_index import EntityIndex
from tui.widgets.filter_panel import FilterPanel
from tui.widgets.quotes_panel import QuotesPanel

PANES = ("A", "B")


class ReaderScreen(Screen):
    """The main screen of newslens."""

    AUTO_FOCUS = "#pane-A ArticleView"
    """Focus lands in the left article at once (each focus change rebuilds the footer)."""
    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Prev article"),
        Binding("right_square_bracket", "step(1)", "Next article"),
        Binding("o", "pick_article", "Open article"),
        *[Binding(str(n), f"toggle_type('{label}')", f"Toggle {label.lower()}", show=False)
          for n, label in enumerate(LABELS, 1)],
        Binding("5", "toggle('show_quotes')", "Toggle quotations", show=False),
        Binding("g", "toggle('show_generic')", "Generic weapons", show=False),
        Binding("x", "toggle('only_selected')", "Only selected", show=False),
        Binding("d", "toggle('dim')", "Dim/hide", show=False),
        Binding("c", "toggle('compare')", "Compare"),
        Binding("s", "sync", "Sync scroll"),
        Binding("slash", "search", "Search"),
        Binding("n", "next(1)", "Next"),
        Binding("N", "next(-1)", "Previous", key_display="N"),
        Binding("f", "panel('filters')", "Filters", show=False),
        Binding("i", "panel('index')", "Index", show=False),
        Binding("w", "panel('quotes')", "Who said what", show=False),
        Binding("e", "export", "Export"),
        Binding("escape", "clear", "Clear", show=False),
    ]  # fmt: skip

    def __init__(self, request: LoadRequest, store: Store | None = None) -> None:
        super().__init__()
        self.request = request
        self.preloaded = store
        self.articles: Sequence[AnnotatedArticle] = []
        self.infos: Sequence[ArticleInfo] = []
        self.store: Store | None = None
        self.names: dict[str, str] = {}
        self.state = ViewState()
        self.sync = False
        self._alignment: tuple[tuple[int, int], list[int]] | None = None
        self._corpus_key: tuple[Sequence[ArticleInfo], str] | None = None
        self._panes: list[ArticlePane] = []
        self.navigator = Navigator(self)

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
        """Give the screen its width class (-narrow/-wide) before any widget is styled.

        Textual adds it at the first resize, which comes after the widgets are mounted and
        restyles all of them; with the class in place, that resize changes nothing.
        """
        own = self.HORIZONTAL_BREAKPOINTS
        breakpoints = (self.app.HORIZONTAL_BREAKPOINTS if own is None else own) or []
        width = self.app.size.width
        chosen = next((name for minimum, name in sorted(breakpoints, reverse=True) if width >= minimum), None)
        for _, name in breakpoints:
            self.set_class(name == chosen, name, update=False)

    def on_mount(self) -> None:
        self.title = "newslens"
        self.sub_title = f"{corpus_name(self.request.paths)}: loading…"
        saved = self.app.saved_state.view  # type: ignore[attr-defined]
        self.state = saved.model_copy(update={"articles": (), "selected": None, "compare": False})
        self.query_one("#compare").display = False
        self.query_one("#search").display = False
        self.watch(self.pane("A").view, "scroll_y", self._scrolled, init=False)
        if self.preloaded is not None:
            self.post_message(CorpusReady(self.preloaded, from_cache=False))
        else:
            self._load()

    def _scrolled(self) -> None:
        if self.sync:
            self._follow()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        load(self.request, self)

    # -- loading ----------------------------------------------------------

    @on(CorpusLoaded)
    def _loaded(self, event: CorpusLoaded) -> None:
        # plain text first: the same record type, with no mentions or quotations yet
        self.articles = [AnnotatedArticle(**article.model_dump()) for article in event.articles]
        self.infos = [ArticleInfo(a.id, a.title, a.path) for a in event.articles]
        for problem in event.problems:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        self._open_saved_position(status="annotating…")
        progress = self.query_one("#progress", ProgressBar)
        progress.update(total=len(self.articles), progress=0)
        progress.display = True
        resume_collection()  # the start's objects are frozen, so collections during this frame are small

    def _open_saved_position(self, status: str = "") -> None:
        """Open the two articles the reader showed last time (or the first two)."""
        position = self.app.saved_state.positions.get(self.corpus_key)  # type: ignore[attr-defined]
        last = min(1, len(self.infos) - 1)
        left = self.position_of(position.left, 0) if position and position.left else 0
        right = self.position_of(position.right, last) if position and position.right else last
        self.open_article("A", left, status=status, refresh=False)
        self.open_article("B", right, status=status)
        self.query_one("#pane-A", ArticlePane).view.focus()

    @on(ArticleAnnotated)
    def _annotated(self, event: ArticleAnnotated) -> None:
        self.articles[event.position] = event.article
        self.sub_title = f"{corpus_name(self.request.paths)}: annotating {event.done}/{event.total}"
        self.query_one("#progress", ProgressBar).update(progress=event.done)
        for pane in self.panes:
            if pane.position == event.position:
                self.open_article(pane.label, event.position, status="linking…", keep_scroll=True)

    @on(CorpusReady)
    def _ready(self, event: CorpusReady) -> None:
        first_time = not self.infos
        self.query_one("#progress", ProgressBar).display = False
        self.store = event.store
        self.articles = event.store.articles
        self.infos = event.store.infos  # a store's list is lazy: never copied
        self.names = {entity.id: entity.name for entity in event.store.entities}
        for problem in event.store.problems if first_time else ():
            self.notify(problem, severity="warning", timeout=8, markup=False)
        source = " (from cache)" if event.from_cache else ""
        people = sum(1 for e in event.store.entities if e.label == "PERSON")
        self.sub_title = (f"{event.store.name}: {len(self.articles)} articles, {len(event.store.entities)} entities, "
                          f"{people} people{source}")  # fmt: skip
        saved = self.app.saved_state.positions.get(self.corpus_key)  # type: ignore[attr-defined]
        if saved and saved.selected and event.store.entity(saved.selected):
            self.state = self.state.model_copy(update={"selected": saved.selected})
        if first_time:
            self._open_saved_position()
        else:
            for number, pane in enumerate(self.panes):
                self.open_article(pane.label, pane.position or 0, keep_scroll=True, refresh=number == 1)
        self.refresh_index()
        resume_collection()

    @on(CacheWarning)
    def _cache_warning(self, event: CacheWarning) -> None:
        self.notify(event.message, severity="warning", timeout=8, markup=False)

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        self.sub_title = "nothing to read"
        self.notify(event.message, severity="error", timeout=30, markup=False)
        resume_collection()

    # -- panes --------------------------------------------------------------

    @property
    def panes(self) -> list[ArticlePane]:
        if not self._panes:  # found once: the panes live as long as the screen (a query walks the DOM)
            self._panes = list(self.query(ArticlePane))
        return self._panes

    @property
    def corpus_key(self) -> str:
        """Key of the corpus in the remembered state (hashed once per article list: 10,000 ids)."""
        from core.state import corpus_key

        if self._corpus_key is None or self._corpus_key[0] is not self.infos:
            store_key = getattr(self.store, "state_key", None)  # a Parquet store names itself
            self._corpus_key = (self.infos, store_key or corpus_key([info.id for info in self.infos]))
        return self._corpus_key[1]

    def position_of(self, article_id: str, default: int | None = None) -> int | None:
        """The corpus position of an article (the store looks it up; a plain list is searched)."""
        if self.store is not None:
            try:
                return self.store.position(article_id)
            except KeyError:
                return default
        return next((number for number, info in enumerate(self.infos) if info.id == article_id), default)

    def pane(self, label: str) -> ArticlePane:
        return next(pane for pane in self.panes if pane.label == label)

    def focused_pane(self) -> ArticlePane:
        focused = self.focused
        for pane in self.panes:
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return pane
        return self.pane(self.navigator.last_pane)

    def shown(self) -> list[AnnotatedArticle]:
        return [self.articles[p.position] for p in self.panes if p.position is not None]

    def open_article(
        self, label: str, position: int, *, status: str = "", keep_scroll: bool = False, refresh: bool = True
    ) -> None:
        """Show the article at ``position`` in pane ``label`` (``refresh=False`` when more follow)."""
        if not self.articles:
            return
        position %= len(self.articles)
        pane, article = self.pane(label), self.articles[position]
        scroll = pane.view.scroll_offset.y
        pane.set_title(article, position, len(self.articles), status)
        pane.view.show(article, self.state, self.names)
        if keep_scroll:
            pane.view.scroll_to(y=scroll, animate=False)
        if refresh:
            self.refresh_view()

    def refresh_view(self) -> None:
        """Push the view state to both panes and refresh the side panels and counts."""
        shown = self.shown()
        self.state = self.state.model_copy(update={"articles": tuple(a.id for a in shown)})
        comparison = compare(*shown) if self.state.compare and len(shown) == 2 else None
        for number, pane in enumerate(self.panes):
            marks = quote_marks = None
            if comparison is not None:
                marks = {e: comparison.entity_mark(e) for e in comparison.shared_entities | comparison.only_first
                         | comparison.only_second}  # fmt: skip
                quote_marks = comparison.first_quotes if number == 0 else comparison.second_quotes
            pane.view.set_state(self.state, marks, quote_marks or ())  # type: ignore[arg-type]
        counts: Counter = Counter()
        for article in shown:
            for mention in article.mentions:
                if self.state.visibility(mention) == "shown":
                    counts[mention.label] += 1
        self.query_one(FilterPanel).show_state(self.state, counts)
        self._refresh_panels(shown, comparison)
        self.app.remember(self)  # type: ignore[attr-defined]

    def _refresh_panels(self, shown: list, comparison) -> None:
        labels = [pane.label for pane in self.panes if pane.position is not None]
        self.query_one(QuotesPanel).show_quotes(list(zip(labels, shown, strict=False)), self.names)
        compare_panel = self.query_one(ComparePanel)
        compare_panel.display = comparison is not None
        if comparison is not None and self.store is not None:
            compare_panel.show_comparison(comparison, shown, self.store)
        if self.store is None:
            return
        ids = {m.entity for article in shown for m in article.mentions if m.entity}
        entities = [self.store.entity(entity_id) for entity_id in sorted(ids)]
        self.query_one(FilterPanel).show_entities(sorted((e for e in entities if e), key=lambda e: -e.mentions))

    def refresh_index(self) -> None:
        """Fill the entity index (after the corpus is ready)."""
        if self.store is None:
            return
        counts = [self.store.index.counts(a.id) for a in self.shown()]
        self.query_one(EntityIndex).show_entities(self.store.entities, counts, [p.label for p in self.panes])

    def on_screen_resume(self) -> None:
        self.refresh_index()

    # -- actions ------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        pane = self.focused_pane()
        if pane.position is not None:
            self.open_article(pane.label, pane.position + delta)
            self.refresh_index()

    def action_pick_article(self) -> None:
        from tui.screens.article_picker import ArticlePicker

        pane = self.focused_pane()

        def opened(position: int | None) -> None:
            if position is not None:
                self.open_article(pane.label, position)
                self.refresh_index()

        search = getattr(self.store, "search_titles", None)  # a Parquet store searches its own titles
        titles = _Titles(self.infos) if search else [info.title for info in self.infos]
        self.app.push_screen(ArticlePicker(titles, search), opened)

    def action_toggle_type(self, label: str) -> None:
        self.state = self.state.model_copy(update={"labels": frozenset(set(self.state.labels) ^ {label})})
        self.refresh_view()

    def action_toggle(self, name: str) -> None:
        self.state = self.state.model_copy(update={name: not getattr(self.state, name)})
        self.refresh_view()
        if name == "compare":
            self.notify("Compare mode " + ("on" if self.state.compare else "off"), timeout=2)

    def action_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Sync scroll " + ("on: B follows A by matching paragraphs" if self.sync else "off"), timeout=3)
        if self.sync:
            self._follow()

    def action_panel(self, name: str) -> None:
        widget = {"filters": "#filters", "index": "#index", "quotes": "#quotes"}[name]
        panel = self.query_one(widget)
        panel.display = not panel.display

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_next(self, direction: int) -> None:
        self.navigator.next(direction)

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.focused_pane().view.focus()
        elif self.navigator.searching:
            self.navigator.set_search(None)
        elif self.state.selected:
            self.state = self.state.model_copy(update={"selected": None})
            self.refresh_view()

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        if self.store is None:
            self.notify("Wait until the articles are annotated", severity="warning")
            return
        self.app.push_screen(ExportDialog(self.store, self.state, self.app.theme))

    # -- events ---------------------------------------------------------------

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.navigator.set_search(event.value)
        self.focused_pane().view.focus()

    @on(FilterPanel.Changed)
    def _filters(self, event: FilterPanel.Changed) -> None:
        self.state = event.state
        self.refresh_view()

    @on(ArticleView.MentionClicked)
    def _clicked(self, event: ArticleView.MentionClicked) -> None:
        self.select(event.mention.entity)
        self.navigator.cursor_at(event.view, event.mention.start)

    @on(EntityIndex.Selected)
    def _index_selected(self, event: EntityIndex.Selected) -> None:
        self.select(event.entity)

    @on(EntityIndex.Jump)
    def _index_jump(self, event: EntityIndex.Jump) -> None:
        self.select(event.entity)
        self.navigator.jump_to_entity(event.entity)

    @on(QuotesPanel.Jump)
    def _quote_jump(self, event: QuotesPanel.Jump) -> None:
        self.navigator.show_span(event.article, event.quote.start, event.quote.end)

    def select(self, entity: str | None) -> None:
        """Emphasise ``entity`` in both panes (n/N then walk its mentions)."""
        if entity == self.state.selected:
            return
        self.state = self.state.model_copy(update={"selected": entity})
        self.refresh_view()
        if entity and self.store and (found := self.store.entity(entity)):
            self.notify(f"{found.name}: {found.mentions} mentions", timeout=2, markup=False)

    def _follow(self) -> None:
        """Scroll pane B to the paragraph matching the one at the top of pane A."""
        left, right = self.pane("A"), self.pane("B")
        if left.position is None or right.position is None:
            return
        pair = (left.position, right.position)
        if self._alignment is None or self._alignment[0] != pair:
            from core.align import align_paragraphs

            first, second = self.articles[left.position], self.articles[right.position]
            self._alignment = (pair, align_paragraphs(first, second))
        mapping = self._alignment[1]
        paragraph, fraction = left.view.top_paragraph()
        if 0 <= paragraph < len(mapping):
            right.view.scroll_to_paragraph(mapping[paragraph], fraction)


class _Titles(Sequence[str]):
    """The titles of a lazy article list, read one at a time."""

    def __init__(self, infos: Sequence[ArticleInfo]) -> None:
        self._infos = infos

    def __len__(self) -> int:
        return len(self._infos)

    def __getitem__(self, position):  # type: ignore[override]
        return self._infos[position].title
