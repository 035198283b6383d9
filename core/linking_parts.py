"""The mergeable halves of linking's map and reduce (see core.linking).

:class:`Evidence` is the map step's answer for a part of the corpus: every
distinct mention (text, label, rule id, source, role, weapon kind) with how
often it occurs and where it first occurs. :class:`EntityTally` counts the
linked mentions of each entity in a part. Both merge, in any order and in any
grouping, into exactly what the whole corpus gives; first positions keep the
rules' ties (the first spelling seen wins) the same as in one pass.

Positions are any comparable article keys (an article's index in the corpus);
a mention's first position is ``(article key, mention index)``.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.models import AnnotatedArticle

Signature = tuple[str, str, str | None, str, str | None, str | None]
"""A distinct mention before linking: (text, label, entity, source, role, kind)."""
Member = tuple[str, str, str | None, str]
"""A mention as a member of its cluster: (text, label, entity, cluster key)."""


@dataclass
class Evidence:
    """Distinct mentions of a part of the corpus: signature -> [count, first position]."""

    seen: dict[Signature, list] = field(default_factory=dict)

    @classmethod
    def of(cls, articles: Iterable[AnnotatedArticle], keys: Sequence[int] | None = None,
           cluster_keys: Sequence[Sequence[str]] | None = None) -> Evidence:  # fmt: skip
        """The evidence of ``articles``; ``keys`` are their corpus positions (default 0, 1, 2 …).

        With ``cluster_keys`` (per article, per mention), each signature ends with the mention's
        cluster key (the keyed evidence that core.linking.resolve takes).
        """
        seen: dict[Signature, list] = {}
        for number, article in enumerate(articles):
            key = number if keys is None else keys[number]
            for index, mention in enumerate(article.mentions):
                signature = (mention.text, mention.label, mention.entity, mention.source, mention.role, mention.kind)
                if cluster_keys is not None:
                    signature += (cluster_keys[number][index],)
                entry = seen.get(signature)
                if entry is None:
                    seen[signature] = [1, (key, index)]
                else:
                    entry[0] += 1
        return cls(seen)

    def merge(self, other: Evidence) -> Evidence:
        """Add ``other`` into this evidence (and return it)."""
        for signature, (count, first) in other.seen.items():
            entry = self.seen.get(signature)
            if entry is None:
                self.seen[signature] = [count, first]
            else:
                entry[0] += count
                entry[1] = min(entry[1], first)
        return self

    def in_order(self) -> list[tuple[Signature, int]]:
        """(signature, count) in the order the corpus first shows each signature."""
        ordered = sorted(self.seen.items(), key=lambda item: item[1][1])
        return [(signature, count) for signature, (count, _first) in ordered]

    def __len__(self) -> int:
        return len(self.seen)


@dataclass
class EntityTally:
    """Per entity: linked mentions, spellings, and the positions of the articles that mention it.

    ``places`` are countries that a part knows only by their adjective (``--place-adjectives``):
    place id -> (first position, name).
    """

    counts: Counter = field(default_factory=Counter)
    texts: dict[str, set[str]] = field(default_factory=dict)
    articles: dict[str, array] = field(default_factory=dict)
    places: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict)

    def add(self, article: AnnotatedArticle, key: int, places: dict[str, str] | None = None) -> None:
        """Count one linked article at corpus position ``key``."""
        for mention in article.mentions:
            entity = mention.entity
            self.counts[entity] += 1
            spellings = self.texts.get(entity)
            if spellings is None:
                self.texts[entity] = spellings = set()
                self.articles[entity] = array("q", [key])
            elif self.articles[entity][-1] != key:
                self.articles[entity].append(key)
            spellings.add(mention.text)
        for number, (place, name) in enumerate((places or {}).items()):
            first = (key, number)
            if place not in self.places or first < self.places[place][0]:
                self.places[place] = (first, name)

    def merge(self, other: EntityTally) -> EntityTally:
        """Add ``other`` into this tally (and return it)."""
        self.counts.update(other.counts)
        for entity, spellings in other.texts.items():
            if entity in self.texts:
                self.texts[entity] |= spellings
                self.articles[entity].extend(other.articles[entity])
            else:
                self.texts[entity] = set(spellings)
                self.articles[entity] = array("q", other.articles[entity])
        for place, (first, name) in other.places.items():
            if place not in self.places or first < self.places[place][0]:
                self.places[place] = (first, name)
        return self

    def positions(self, entity: str) -> list[int]:
        """Corpus positions of the articles that mention ``entity``, in corpus order."""
        return sorted(self.articles.get(entity, ()))
