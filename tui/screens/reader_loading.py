"""ReaderLoading: how the reader fills up, from the plain text to the linked corpus.

A base of :class:`~tui.screens.reader.ReaderScreen` (its attributes are the
screen's): the loader's worker posts CorpusLoaded (plain text), one
ArticleAnnotated per article, then CorpusReady (the store: entities, index),
or LoadFailed; CacheWarning on the way. A Screen subclass so that Textual
registers its ``@on`` handlers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual import on, work
from textual.screen import Screen
from textual.widgets import ProgressBar

from core.analysis import corpus_name
from core.models import AnnotatedArticle
from core.store import ArticleInfo
from tui.collection import resume_collection
from tui.loader import load
from tui.messages import ArticleAnnotated, CacheWarning, CorpusLoaded, CorpusReady, LoadFailed
from tui.store_positions import StorePositions
from tui.widgets.entity_index import EntityIndex


class ReaderLoading(Screen):
    """The loading messages of the reader screen."""

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        load(self.request, self)

    def _set_state_quietly(self, **update) -> None:
        """Change fields of the state without running its watcher (the caller shows it)."""
        self.set_reactive(type(self).state, self.state.model_copy(update=update))

    @on(CorpusLoaded)
    def _loaded(self, event: CorpusLoaded) -> None:
        # plain text first: the same record type, with no mentions or quotations yet
        self._set_articles([AnnotatedArticle(**article.model_dump()) for article in event.articles],
                           [ArticleInfo(a.id, a.title, a.path) for a in event.articles])  # fmt: skip
        for problem in event.problems:
            self.notify(problem, severity="warning", timeout=8, markup=False)
        self._status = "annotating…"
        self._open_saved_position()
        progress = self.query_one("#progress", ProgressBar)
        progress.update(total=len(self.articles), progress=0)
        progress.display = True
        resume_collection()  # the start's objects are frozen, so collections during this frame are small

    def _set_articles(self, articles: Sequence[AnnotatedArticle], infos: Sequence[ArticleInfo],
                      positions: Mapping[str, int] | None = None) -> None:  # fmt: skip
        self.articles, self.infos = articles, infos
        self._positions = positions if positions is not None else {info.id: n for n, info in enumerate(infos)}
        self._comparison = None

    def _open_saved_position(self) -> None:
        """Open the two articles the reader showed last time (or the first two)."""
        position = self.app.saved_state.positions.get(self.corpus_key)  # type: ignore[attr-defined]
        last = min(1, len(self.infos) - 1)
        left = self._positions.get(position.left, 0) if position and position.left else 0
        right = self._positions.get(position.right, last) if position and position.right else last
        self._set_state_quietly(articles=(self.infos[left].id, self.infos[right].id))
        self._show(None, self.state)

    @on(ArticleAnnotated)
    def _annotated(self, event: ArticleAnnotated) -> None:
        self.articles[event.position] = event.article  # type: ignore[index]
        self.sub_title = f"{corpus_name(self.request.paths)}: annotating {event.done}/{event.total}"
        self.query_one("#progress", ProgressBar).update(progress=event.done)
        self._status = "linking…"
        if event.article.id in self.state.articles:
            self._show(None, self.state)

    @on(CorpusReady)
    def _ready(self, event: CorpusReady) -> None:
        first_time = not self.infos
        self.query_one("#progress", ProgressBar).display = False
        self.store = event.store
        # a store's article list is lazy (a Parquet store of a million articles): never copied
        self._set_articles(event.store.articles, event.store.infos, StorePositions(event.store))
        self.names = {entity.id: entity.name for entity in event.store.entities}
        for pane in self.panes:
            pane.view.names = self.names
        for problem in event.store.problems if first_time else ():
            self.notify(problem, severity="warning", timeout=8, markup=False)
        source = " (from cache)" if event.from_cache else ""
        people = sum(1 for e in event.store.entities if e.label == "PERSON")
        self.sub_title = (f"{event.store.name}: {len(self.articles)} articles, {len(event.store.entities)} entities, "
                          f"{people} people{source}")  # fmt: skip
        self._status = ""
        self.query_one(EntityIndex).show_entities(event.store.entities)
        saved = self.app.saved_state.positions.get(self.corpus_key)  # type: ignore[attr-defined]
        if saved and saved.selected and event.store.entity(saved.selected):
            self._set_state_quietly(selected=saved.selected)
        if first_time:
            self._open_saved_position()
        else:
            self._show(None, self.state)
        resume_collection()

    @on(CacheWarning)
    def _cache_warning(self, event: CacheWarning) -> None:
        self.notify(event.message, severity="warning", timeout=8, markup=False)

    @on(LoadFailed)
    def _failed(self, event: LoadFailed) -> None:
        self.sub_title = "nothing to read"
        self.notify(event.message, severity="error", timeout=30, markup=False)
        resume_collection()
