"""--jobs: annotation in worker processes gives the same records as in one process."""

from __future__ import annotations

from core.analysis import Options, analyse
from core.corpus import load_corpus


def test_jobs_give_the_same_annotations(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = load_corpus().articles
    for number in range(6):
        article = seeds[number % 2]
        (corpus / f"a{number}.txt").write_text(article.text + f"\nNachtrag {number}.", encoding="utf-8")
    one = analyse([corpus], Options(use_cache=False))
    two = analyse([corpus], Options(use_cache=False, jobs=2))
    assert [a.mentions for a in one.articles] == [a.mentions for a in two.articles]
    assert [a.quotes for a in one.articles] == [a.quotes for a in two.articles]
