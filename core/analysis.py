"""From paths to an analysed corpus: load, annotate, link, index.

This is what the CLI and the reader call. It knows the order of the layers
(DESIGN.md) and nothing about how each one works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.corpus import DEFAULT_MAX_BYTES, LoadProblem, load_corpus
from core.errors import NoArticlesError
from core.index import CorpusIndex
from core.linking import link
from core.models import AnnotatedArticle, Article, Corpus
from core.overrides import EntityOverrides
from core.paths import overrides_file

Progress = Callable[[int, int], None]
"""Called with (articles done, articles in total)."""


@dataclass
class AnalysedCorpus:
    """The linked corpus, its mention index, and what could not be loaded."""

    corpus: Corpus
    index: CorpusIndex
    problems: list[LoadProblem] = field(default_factory=list)


def annotate_articles(
    articles: Sequence[Article], *, model: str | None = None, progress: Progress | None = None
) -> list[AnnotatedArticle]:
    """Annotate articles with the pipeline (loaded on first use)."""
    from core.annotate import annotate

    total = len(articles)
    report = (lambda done: progress(done, total)) if progress else None
    return list(annotate(articles, model=model, progress=report))


def link_and_index(
    annotated: Sequence[AnnotatedArticle], *, pipeline: str | None, overrides: EntityOverrides | None = None
) -> tuple[Corpus, CorpusIndex]:
    """Corpus-wide entity ids, the entity list and the mention index."""
    linked = link(annotated, overrides if overrides is not None else EntityOverrides.load(overrides_file()))
    corpus = Corpus(pipeline=pipeline, articles=tuple(linked.articles), entities=tuple(linked.entities))
    return corpus, CorpusIndex.build(corpus.articles)


def analyse(
    paths: Sequence[Path | str] | None,
    *,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> AnalysedCorpus:
    """Load, annotate, link and index the articles under ``paths``."""
    from core.pipeline import pipeline_fingerprint

    loaded = load_corpus(paths, max_bytes=max_bytes)
    if not loaded.articles:
        raise NoArticlesError("no articles could be loaded")
    annotated = annotate_articles(loaded.articles, model=model, progress=progress)
    corpus, index = link_and_index(annotated, pipeline=pipeline_fingerprint(model))
    return AnalysedCorpus(corpus, index, loaded.problems)
