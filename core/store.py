"""What the reader reads: the analysed corpus behind a small interface.

The reader asks for the article list, one article at a time, the entities and
the mention index. :class:`MemoryStore` serves an :class:`AnalysedCorpus`
held in memory; the annotation cache serves the same interface from SQLite
without loading every article (core.cache), so 10,000 articles open as fast as
two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import TypeAdapter

from core.cache import DamagedRow
from core.errors import CacheError
from core.index import CorpusIndex
from core.models import AnnotatedArticle, Entity

_ENTITY_LIST = TypeAdapter(list[Entity])


@dataclass(frozen=True)
class ArticleInfo:
    """What the article list shows without loading the article."""

    id: str
    title: str
    path: str


@dataclass
class MemoryStore:
    """An analysed corpus held in memory."""

    name: str
    articles: list[AnnotatedArticle]
    entities: list[Entity]
    index: CorpusIndex
    pipeline: str | None = None
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {article.id: article for article in self.articles}
        self._positions = {article.id: position for position, article in enumerate(self.articles)}
        self._entities = {entity.id: entity for entity in self.entities}
        self.infos = [ArticleInfo(a.id, a.title, a.path) for a in self.articles]

    def __len__(self) -> int:
        return len(self.infos)

    def article(self, article_id: str) -> AnnotatedArticle:
        """One article with its mentions and quotations."""
        return self._by_id[article_id]

    def entity(self, entity_id: str) -> Entity | None:
        """One entity by id."""
        return self._entities.get(entity_id)

    def position(self, article_id: str) -> int:
        """Index of the article in corpus order."""
        return self._positions[article_id]


class LazyArticles(Sequence[AnnotatedArticle]):
    """Articles read from the cache on first access (a few kept in memory)."""

    def __init__(self, load: Callable[[int], AnnotatedArticle], size: int) -> None:
        self._load = lru_cache(maxsize=64)(load)
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, position):  # type: ignore[override]
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(self._size))]
        if not -self._size <= position < self._size:
            raise IndexError(position)
        return self._load(position % self._size)


class CachedStore:
    """An analysed corpus served from the annotation cache without loading every article.

    The corpus row is decoded at once (ValueError or another decoding error if it is damaged);
    article rows are read on demand, and one that does not validate (or is gone) makes the store
    ``rebuild`` the corpus from the files, once, and serve every article from that.
    """

    def __init__(self, cache, key: str, name: str, pipeline: str | None, entities: bytes, index: bytes,
                 infos: list[tuple[str, str, str]], problems: list[str], *, paths: dict[str, str] | None = None,
                 rebuild: Callable[[], MemoryStore] | None = None) -> None:  # fmt: skip
        self.cache, self.key, self.name, self.pipeline, self.problems = cache, key, name, pipeline, problems
        paths = paths or {}  # where each article is in this run (the rows keep the paths of the run that wrote them)
        self.infos = [ArticleInfo(article_id, title, paths.get(article_id, path)) for article_id, title, path in infos]
        self._positions = {info.id: position for position, info in enumerate(self.infos)}
        self.entities: list[Entity] = _ENTITY_LIST.validate_json(entities)
        self._entities = {entity.id: entity for entity in self.entities}
        self.index = CorpusIndex.from_bytes(index, self._counts)
        if self.index.article_ids != [info.id for info in self.infos]:
            raise ValueError("the mention index does not list the corpus's articles")
        self.articles = LazyArticles(self._article_at, len(self.infos))
        self._rebuild = rebuild
        self._rebuilt: MemoryStore | None = None

    def _row(self, position: int) -> tuple[AnnotatedArticle, dict[str, int]]:
        info = self.infos[position]
        if self._rebuilt is None:
            try:
                row = self.cache.corpus_article(self.key, position)
            except DamagedRow:
                if self._rebuild is None:
                    raise
                row = None
            if row is not None:
                article, counts = row
                if article.path != info.path:
                    article = article.model_copy(update={"path": info.path})
                return article, counts
            if self._rebuild is None:
                raise CacheError(f"{info.path}: article {position + 1} is missing from the cache")
            self._rebuilt = self._rebuild()
        try:
            return self._rebuilt.article(info.id), self._rebuilt.index.counts(info.id)
        except KeyError:
            raise CacheError(f"{info.path}: the file changed since this corpus was opened; open it again") from None

    def _article_at(self, position: int) -> AnnotatedArticle:
        return self._row(position)[0]

    def _counts(self, position: int) -> dict[str, int]:
        return self._row(position)[1]

    def __len__(self) -> int:
        return len(self.infos)

    def article(self, article_id: str) -> AnnotatedArticle:
        return self.articles[self._positions[article_id]]

    def entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def position(self, article_id: str) -> int:
        return self._positions[article_id]


Store = MemoryStore | CachedStore
