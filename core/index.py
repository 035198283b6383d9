"""The mention index: where every entity is mentioned, in corpus order.

Answers, without scanning the corpus: the ordered mentions of an entity, the
next or previous mention from any position (across articles, wrapping
around), per-article counts, and which entities two articles share. Postings
are packed ``array`` keys (article index << 32 | start offset), so a lookup is
one binary search and 10,000 articles fit in a few megabytes.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from core.models import AnnotatedArticle

_SHIFT = 32


@dataclass(frozen=True)
class MentionRef:
    """One mention's place: the article, the span, and its rank among the entity's mentions."""

    entity: str
    article_index: int
    article_id: str
    start: int
    end: int
    ordinal: int
    """1-based position among the entity's mentions."""
    total: int
    """How many mentions the entity has in the corpus."""


class CorpusIndex:
    """Entity -> ordered mentions, and per-article entity counts."""

    def __init__(
        self,
        article_ids: Sequence[str],
        keys: dict[str, array],
        ends: dict[str, array],
        counts: Sequence[dict[str, int]] | _LazyCounts,
    ) -> None:
        self.article_ids = list(article_ids)
        self._position = {article_id: index for index, article_id in enumerate(self.article_ids)}
        self._keys = keys
        self._ends = ends
        self._counts = counts if isinstance(counts, _LazyCounts) else list(counts)

    @classmethod
    def build(cls, articles: Iterable[AnnotatedArticle]) -> CorpusIndex:
        """Index the mentions of ``articles`` (mentions without an entity are skipped)."""
        keys: dict[str, array] = defaultdict(lambda: array("q"))
        ends: dict[str, array] = defaultdict(lambda: array("q"))
        article_ids, counts = [], []
        for index, article in enumerate(articles):
            article_ids.append(article.id)
            per_article: Counter = Counter()
            for mention in sorted(article.mentions, key=lambda m: m.start):
                if mention.entity is None:
                    continue
                keys[mention.entity].append(index << _SHIFT | mention.start)
                ends[mention.entity].append(mention.end)
                per_article[mention.entity] += 1
            counts.append(dict(per_article))
        return cls(article_ids, dict(keys), dict(ends), counts)

    # -- queries ---------------------------------------------------------

    def __contains__(self, entity: str) -> bool:
        return entity in self._keys

    @property
    def entities(self) -> list[str]:
        """Every indexed entity id."""
        return list(self._keys)

    def total(self, entity: str) -> int:
        """Number of mentions of ``entity`` in the corpus."""
        return len(self._keys.get(entity, ()))

    def _ref(self, entity: str, rank: int) -> MentionRef:
        key = self._keys[entity][rank]
        article_index = key >> _SHIFT
        return MentionRef(
            entity=entity,
            article_index=article_index,
            article_id=self.article_ids[article_index],
            start=key & ((1 << _SHIFT) - 1),
            end=self._ends[entity][rank],
            ordinal=rank + 1,
            total=len(self._keys[entity]),
        )

    def mentions(self, entity: str, article_id: str | None = None) -> list[MentionRef]:
        """The mentions of ``entity`` in corpus order (or only in one article)."""
        if entity not in self._keys:
            return []
        if article_id is None:
            return [self._ref(entity, rank) for rank in range(len(self._keys[entity]))]
        index = self._position[article_id]
        keys = self._keys[entity]
        low, high = bisect_left(keys, index << _SHIFT), bisect_left(keys, (index + 1) << _SHIFT)
        return [self._ref(entity, rank) for rank in range(low, high)]

    def first(self, entity: str, article_id: str | None = None) -> MentionRef | None:
        """The first mention of ``entity`` (in the corpus, or in one article)."""
        if article_id is None:
            return self._ref(entity, 0) if self.total(entity) else None
        found = self.mentions(entity, article_id)
        return found[0] if found else None

    def next(self, entity: str, article_id: str, offset: int, *, wrap: bool = True) -> MentionRef | None:
        """The first mention after ``offset`` in ``article_id``, continuing in later articles."""
        keys = self._keys.get(entity)
        if not keys:
            return None
        rank = bisect_right(keys, self._position[article_id] << _SHIFT | offset)
        if rank == len(keys):
            if not wrap:
                return None
            rank = 0
        return self._ref(entity, rank)

    def previous(self, entity: str, article_id: str, offset: int, *, wrap: bool = True) -> MentionRef | None:
        """The last mention before ``offset`` in ``article_id``, continuing in earlier articles."""
        keys = self._keys.get(entity)
        if not keys:
            return None
        rank = bisect_left(keys, self._position[article_id] << _SHIFT | offset) - 1
        if rank < 0:
            if not wrap:
                return None
            rank = len(keys) - 1
        return self._ref(entity, rank)

    def counts(self, article_id: str) -> dict[str, int]:
        """Mentions per entity in one article."""
        return self._counts[self._position[article_id]]

    def count(self, entity: str, article_id: str) -> int:
        """Mentions of ``entity`` in one article."""
        return self.counts(article_id).get(entity, 0)

    def shared(self, first: str, second: str) -> set[str]:
        """Entities both articles mention."""
        return self.counts(first).keys() & self.counts(second).keys()

    def only_in(self, article_id: str, other: str) -> set[str]:
        """Entities ``article_id`` mentions and ``other`` does not."""
        return self.counts(article_id).keys() - self.counts(other).keys()

    # -- storage ---------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Binary form for the cache: a JSON header, then the packed arrays (no per-article counts)."""
        entities = list(self._keys)
        header = json.dumps(
            {"articles": self.article_ids, "entities": entities, "sizes": [len(self._keys[e]) for e in entities]},
            separators=(",", ":"),
        ).encode("utf-8")
        keys = array("q")
        ends = array("q")
        for entity in entities:
            keys.extend(self._keys[entity])
            ends.extend(self._ends[entity])
        return len(header).to_bytes(8, "little") + header + keys.tobytes() + ends.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, counts: Callable[[int], dict[str, int]]) -> CorpusIndex:
        """Rebuild an index from :meth:`to_bytes`; ``counts(position)`` supplies per-article counts."""
        size = int.from_bytes(data[:8], "little")
        header = json.loads(data[8 : 8 + size])
        packed = array("q")
        packed.frombytes(data[8 + size :])
        total = sum(header["sizes"])
        keys: dict[str, array] = {}
        ends: dict[str, array] = {}
        offset = 0
        for entity, count in zip(header["entities"], header["sizes"], strict=True):
            keys[entity] = packed[offset : offset + count]
            ends[entity] = packed[total + offset : total + offset + count]
            offset += count
        return cls(header["articles"], keys, ends, _LazyCounts(counts, len(header["articles"])))


class _LazyCounts:
    """Per-article counts fetched on first use (from the cache) and kept."""

    def __init__(self, load: Callable[[int], dict[str, int]], size: int) -> None:
        self._load = load
        self._size = size
        self._known: dict[int, dict[str, int]] = {}

    def __getitem__(self, position: int) -> dict[str, int]:
        if position not in self._known:
            self._known[position] = self._load(position)
        return self._known[position]

    def __len__(self) -> int:
        return self._size
