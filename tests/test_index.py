"""The mention index: ordered mentions, next/previous across articles, counts."""

from __future__ import annotations

from core.index import CorpusIndex
from core.models import AnnotatedArticle, Mention

TEXT = "Trump trifft Putin. Trump lacht."


def make(article_id: str) -> AnnotatedArticle:
    spans = [(0, 5, "p:trump"), (13, 18, "p:putin"), (20, 25, "p:trump")]
    mentions = tuple(Mention(start=s, end=e, text=TEXT[s:e], label="PERSON", entity=x) for s, e, x in spans)
    return AnnotatedArticle(id=article_id, title="t", path=article_id, text=TEXT, paragraphs=((0, len(TEXT)),),
                            mentions=mentions)  # fmt: skip


INDEX = CorpusIndex.build([make("a"), make("b"), make("c")])


def test_ordered_mentions_and_first():
    refs = INDEX.mentions("p:trump")
    assert [(r.article_id, r.start, r.ordinal, r.total) for r in refs] == [
        ("a", 0, 1, 6), ("a", 20, 2, 6), ("b", 0, 3, 6), ("b", 20, 4, 6), ("c", 0, 5, 6), ("c", 20, 6, 6)]  # fmt: skip
    assert INDEX.first("p:putin").article_id == "a"
    assert INDEX.first("p:putin", "c").start == 13
    assert INDEX.first("p:nobody") is None


def test_next_and_previous_cross_articles_and_wrap():
    assert (INDEX.next("p:trump", "a", 0).article_id, INDEX.next("p:trump", "a", 0).start) == ("a", 20)
    assert (INDEX.next("p:trump", "a", 20).article_id, INDEX.next("p:trump", "a", 20).start) == ("b", 0)
    assert INDEX.next("p:trump", "c", 20).ordinal == 1  # wraps
    assert INDEX.next("p:trump", "c", 20, wrap=False) is None
    assert (INDEX.previous("p:trump", "b", 0).article_id, INDEX.previous("p:trump", "b", 0).start) == ("a", 20)
    assert INDEX.previous("p:trump", "a", 0).ordinal == 6  # wraps backwards


def test_counts_and_shared():
    assert INDEX.counts("b") == {"p:trump": 2, "p:putin": 1}
    assert INDEX.count("p:trump", "c") == 2
    assert INDEX.shared("a", "b") == {"p:trump", "p:putin"}
    assert INDEX.only_in("a", "b") == set()


def test_binary_round_trip_with_lazy_counts():
    loaded = []

    def counts(position: int) -> dict[str, int]:
        loaded.append(position)
        return INDEX.counts(INDEX.article_ids[position])

    again = CorpusIndex.from_bytes(INDEX.to_bytes(), counts)
    assert again.mentions("p:trump") == INDEX.mentions("p:trump")
    assert loaded == []
    assert again.counts("b") == INDEX.counts("b") and loaded == [1]
