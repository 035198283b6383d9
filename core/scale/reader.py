"""Read a store: the reader's Store interface over the Parquet tables, without spaCy.

Opening reads the manifest, the catalog's columns (as Arrow arrays, not Python
objects) and the entities table; an article is read from its shard when it is
shown (a few shards are kept), and an entity's mentions when the reader first
walks them (``n``/``N``, jumps).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import TypeAdapter

from core.index import CorpusIndex
from core.models import AnnotatedArticle, Entity, Mention, Quote
from core.scale.layout import Manifest, StoreError, table_path
from core.store import ArticleInfo

_ENTITIES = TypeAdapter(list[Entity])
SHARDS_KEPT = 8
TITLE_HITS = 200


class StoreInfos(Sequence[ArticleInfo]):
    """The article list, one ArticleInfo made per access from the catalog's Arrow columns."""

    def __init__(self, catalog: pa.Table) -> None:
        self._ids, self._titles, self._paths = (catalog.column(name) for name in ("id", "title", "path"))

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, position):  # type: ignore[override]
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        position %= len(self)
        return ArticleInfo(self._ids[position].as_py(), self._titles[position].as_py(), self._paths[position].as_py())


class StoreArticles(Sequence[AnnotatedArticle]):
    """Linked articles by corpus position, read from their shard on demand."""

    def __init__(self, store: ParquetStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store.infos)

    def __getitem__(self, position):  # type: ignore[override]
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        return self._store.article_at(position % len(self))


class _Postings:
    """Entity -> packed mention keys (``part`` 0) or ends (1), read from the mentions tables on first use."""

    def __init__(self, store: ParquetStore, part: int) -> None:
        self._store, self._part = store, part

    def __getitem__(self, entity: str) -> array:
        if entity not in self:
            raise KeyError(entity)
        return self._store.postings(entity)[self._part]

    def get(self, entity: str, default=None):
        return self._store.postings(entity)[self._part] if entity in self else default

    def __contains__(self, entity) -> bool:
        return self._store.entity(entity) is not None

    def __iter__(self):
        return iter(entity.id for entity in self._store.entities)


class StoreIndex(CorpusIndex):
    """The mention index of a store: postings per entity on first use, counts from the article."""

    def __init__(self, store: ParquetStore) -> None:  # no super().__init__: nothing is built up front
        self._store = store
        self._keys = _Postings(store, 0)
        self._ends = _Postings(store, 1)

    @property
    def article_ids(self) -> Sequence[str]:  # type: ignore[override]
        return [info.id for info in self._store.infos]

    @property
    def _position(self):  # type: ignore[override]
        return self._store.positions

    def total(self, entity: str) -> int:
        found = self._store.entity(entity)
        return found.mentions if found else 0

    def counts(self, article_id: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for mention in self._store.article(article_id).mentions:
            if mention.entity:
                counts[mention.entity] += 1
        return dict(counts)

    def to_bytes(self) -> bytes:
        raise NotImplementedError("a store's index lives in the store")


class _Positions:
    """article id -> corpus position, built from the catalog on first use (no pyarrow.compute:
    its first call imports pandas when pandas is installed)."""

    def __init__(self, ids: pa.ChunkedArray) -> None:
        self._ids = ids
        self._known: dict[str, int] | None = None

    def __getitem__(self, article_id: str) -> int:
        if self._known is None:
            self._known = {article_id: position for position, article_id in enumerate(self._ids.to_pylist())}
        return self._known[article_id]


class ParquetStore:
    """A linked corpus served from a store folder (implements core.store's Store interface)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        manifest = Manifest.read(self.folder)
        if manifest is None:
            raise StoreError(f"{self.folder}: not a newslens store (no manifest.json)")
        if manifest.linked is None:
            raise StoreError(f"{self.folder}: the store has no linked corpus yet; run newslens annotate … --store "
                             f"{self.folder} again to finish it")  # fmt: skip
        self.manifest = manifest
        self.generation = manifest.linked.generation
        self.name = self.folder.name or str(self.folder)
        self.pipeline: str | None = manifest.pipeline
        self.problems: list[str] = list(manifest.problems)
        try:
            self.catalog = _read(self._path("catalog", "catalog"))
            entities = _read(self._path("entities", "entities"))
        except (OSError, pa.ArrowInvalid) as error:
            raise StoreError(f"{self.folder}: cannot read the store: {error}") from None
        self.infos = StoreInfos(self.catalog)
        self.positions = _Positions(self.catalog.column("id"))
        self.entities: list[Entity] = _ENTITIES.validate_python(entities.to_pylist())
        self._entities = {entity.id: entity for entity in self.entities}
        self.articles = StoreArticles(self)
        self.index = StoreIndex(self)
        self._shards: OrderedDict[str, dict[int, AnnotatedArticle]] = OrderedDict()
        self._postings: dict[str, tuple[array, array]] = {}

    @property
    def state_key(self) -> str:
        """Identifies this corpus for the reader's remembered state."""
        return f"store:{self.folder.resolve()}"

    def _path(self, table: str, shard: str) -> Path:
        return table_path(self.folder, table, shard, self.generation)

    def __len__(self) -> int:
        return len(self.infos)

    # -- articles ---------------------------------------------------------------

    def article_at(self, position: int) -> AnnotatedArticle:
        shard = self.catalog.column("shard")[position].as_py()
        if shard not in self._shards:
            self._shards[shard] = self._read_shard(shard)
            if len(self._shards) > SHARDS_KEPT:
                self._shards.popitem(last=False)
        self._shards.move_to_end(shard)
        return self._shards[shard][position]

    def _read_shard(self, shard: str) -> dict[int, AnnotatedArticle]:
        """Every linked article of one shard, by position."""
        columns = ["id", "path", "title", "text", "paragraphs", "encoding", "warnings"]
        table = _read(table_path(self.folder, "articles", shard), columns)
        texts = table.to_pydict()
        mentions: dict[int, list[Mention]] = defaultdict(list)
        for record in _read(self._path("mentions", shard)).to_pylist():
            position = record.pop("position")
            record.pop("article")
            mentions[position].append(Mention(**{k: v for k, v in record.items() if v is not None}))
        quotes: dict[int, list[Quote]] = defaultdict(list)
        for record in _read(self._path("quotes", shard)).to_pylist():
            position = record.pop("position")
            record.pop("article")
            quotes[position].append(Quote(**{k: v for k, v in record.items() if v is not None}))
        found = {}
        for position, row in self._shard_rows[shard]:
            found[position] = AnnotatedArticle(
                id=texts["id"][row], title=texts["title"][row], path=texts["path"][row], text=texts["text"][row],
                paragraphs=tuple(tuple(span) for span in texts["paragraphs"][row]),
                encoding=texts["encoding"][row], warnings=tuple(texts["warnings"][row]),
                mentions=tuple(mentions[position]),
                quotes=tuple(quotes[position]),
            )  # fmt: skip
        return found

    @cached_property
    def _shard_rows(self) -> dict[str, list[tuple[int, int]]]:
        """Each shard's (position, row) pairs."""
        rows: dict[str, list[tuple[int, int]]] = defaultdict(list)
        columns = (self.catalog.column(name).to_pylist() for name in ("shard", "position", "row"))
        for shard, position, row in zip(*columns, strict=True):
            rows[shard].append((position, row))
        return rows

    def article(self, article_id: str) -> AnnotatedArticle:
        """One article with its mentions and quotations."""
        return self.article_at(self.positions[article_id])

    def position(self, article_id: str) -> int:
        """Index of the article in corpus order."""
        return self.positions[article_id]

    def entity(self, entity_id: str) -> Entity | None:
        """One entity by id."""
        return self._entities.get(entity_id)

    def search_titles(self, query: str, limit: int = TITLE_HITS) -> list[int]:
        """Positions of the articles whose title holds every word of ``query`` (any case), in corpus order."""
        import pyarrow.compute as pc

        mask = None
        for word in query.split():
            hit = pc.match_substring(self.catalog.column("title"), word, ignore_case=True)
            mask = hit if mask is None else pc.and_(mask, hit)
        if mask is None:
            return list(range(min(limit, len(self))))
        return pc.indices_nonzero(mask).slice(0, limit).to_pylist()

    # -- mentions by entity -------------------------------------------------------

    @cached_property
    def _mentions(self):
        import pyarrow.dataset as ds  # not at open: it imports pandas when pandas is installed (1 s)

        files = [str(self._path("mentions", shard)) for shard in self.manifest.linked.shards]  # type: ignore[union-attr]
        return ds.dataset(files, format="parquet")

    def postings(self, entity: str) -> tuple[array, array]:
        """Packed (position << 32 | start) keys and the ends of an entity's mentions, in corpus order."""
        if entity not in self._postings:
            import pyarrow.dataset as ds

            table = self._mentions.to_table(columns=["position", "start", "end"], filter=ds.field("entity") == entity)
            table = table.sort_by([("position", "ascending"), ("start", "ascending")])
            positions, starts, ends = (table.column(c).to_numpy() for c in ("position", "start", "end"))
            self._postings[entity] = (array("q", ((positions << 32) | starts).tolist()), array("q", ends.tolist()))
        return self._postings[entity]


def _read(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file (ParquetFile: pq.read_table would import pyarrow.dataset, and with it pandas)."""
    return pq.ParquetFile(path, memory_map=True).read(columns=columns)


def read_tables(folder: Path | str) -> dict[str, pa.Table]:
    """Every table of the store's linked corpus as one pyarrow Table each, articles in corpus
    order without the pre-linking ``annotation`` column (the ``newslens.open_store`` API)."""
    store = Path(folder)
    manifest = Manifest.read(store)
    if manifest is None or manifest.linked is None:
        raise StoreError(f"{store}: not a (finished) newslens store")
    linked = manifest.linked

    def shards(table: str) -> pa.Table:
        return pa.concat_tables(pq.read_table(table_path(store, table, s, linked.generation)) for s in linked.shards)

    catalog = pq.read_table(table_path(store, "catalog", "catalog", linked.generation))
    articles = pa.concat_tables(pq.read_table(table_path(store, "articles", s.name)) for s in manifest.shards)
    offsets, total = {}, 0
    for shard in manifest.shards:
        offsets[shard.name], total = total, total + shard.articles
    rows = [offsets[shard] + row for shard, row in zip(catalog.column("shard").to_pylist(),
                                                        catalog.column("row").to_pylist(), strict=True)]  # fmt: skip
    return {
        "articles": articles.drop_columns(["annotation"]).take(pa.array(rows, pa.int64())),
        "mentions": shards("mentions"),
        "quotes": shards("quotes"),
        "entities": pq.read_table(table_path(store, "entities", "entities", linked.generation)),
        "catalog": catalog,
    }
