"""From paths to an analysed corpus: load, annotate, link, index, cache.

:func:`open_corpus` yields the steps as they happen (the reader shows plain
text at :class:`Loaded`, each article at :class:`Annotated`, everything at
:class:`Ready`); :func:`analyse` runs them to the end for the CLI. With a warm
cache the only step is :class:`Ready`, and neither the files nor spaCy are
loaded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.cache import ROW_ERRORS, AnnotationCache, FileRecord, default_cache
from core.corpus import DEFAULT_MAX_BYTES, LoadProblem, article_files, load_corpus
from core.corrections import Corrections, CorrectionsFile
from core.corrections.check import check
from core.errors import NoArticlesError
from core.index import CorpusIndex
from core.models import AnnotatedArticle, Article, Corpus
from core.overrides import EntityOverrides
from core.resources import seeds_dir
from core.store import CachedStore, MemoryStore, Store
from core.textclean import printable

Progress = Callable[[int, int], None]
"""Called with (articles done, articles in total)."""
CACHE_BATCH = 64


@dataclass(frozen=True)
class Options:
    """How to open a corpus."""

    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    use_cache: bool = True
    jobs: int = 1
    warn: Callable[[str], None] | None = None
    place_adjectives: bool = False
    """Link adjective forms of countries (``russischen``) to the country."""


@dataclass
class Loaded:
    """The files are read: plain articles, and what could not be loaded."""

    articles: list[Article]
    problems: list[str]


@dataclass
class Annotated:
    """One more article has its mentions and quotations (ids become final at Ready)."""

    position: int
    article: AnnotatedArticle
    done: int
    total: int


@dataclass
class Ready:
    """The linked corpus with its index."""

    store: Store
    from_cache: bool


def corpus_name(paths: Sequence[str | Path]) -> str:
    """A short name for the corpus: the folder or file, or the bundled seeds."""
    if not paths:
        return "bundled seeds"
    first = Path(paths[0])
    name = printable(first.name or str(first))  # shown in the header and the export's title
    return name if len(paths) == 1 else f"{name} (+{len(paths) - 1})"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def corpus_key(fingerprint: str, overrides: Corrections | EntityOverrides, article_ids: list[str],
               adjectives: bool = False) -> str:  # fmt: skip
    """Cache key of a linked corpus: pipeline, the user's corrections, linking options and the articles."""
    choices = overrides.key() if isinstance(overrides, Corrections) else overrides.model_dump_json()
    digest = hashlib.sha256(f"{fingerprint}\n{choices}\nadjectives={adjectives}\n".encode())
    digest.update("\n".join(article_ids).encode("utf-8"))
    return digest.hexdigest()


def link_and_index(
    annotated: Sequence[AnnotatedArticle],
    *,
    pipeline: str | None,
    overrides: Corrections | EntityOverrides | None = None,
    consume: bool = False,
    place_adjectives: bool = False,
) -> tuple[Corpus, CorpusIndex]:
    """Corpus-wide entity ids, the entity list and the mention index (``consume``: see core.linking.link).

    ``overrides``: the user's corrections (default: the corrections file), applied to the
    articles (tags, untags, quotations; see core.corrections.apply) and to linking; plain
    EntityOverrides act on linking only.
    """
    from core.corrections.apply import correct_articles
    from core.linking import link  # not needed (nor imported) on a warm start

    overrides = overrides if overrides is not None else CorrectionsFile().load()
    if isinstance(overrides, Corrections):
        annotated = correct_articles(annotated if consume else list(annotated), overrides)  # type: ignore[arg-type]
        overrides = overrides.overrides()
    linked = link(annotated, overrides, consume=consume, place_adjectives=place_adjectives)
    corpus = Corpus(pipeline=pipeline, articles=tuple(linked.articles), entities=tuple(linked.entities))
    return corpus, CorpusIndex.build(corpus.articles)


def annotate_articles(
    articles: Sequence[Article], *, model: str | None = None, progress: Progress | None = None, jobs: int = 1
) -> list[AnnotatedArticle]:
    """Annotate articles with the pipeline (loaded on first use), in order."""
    result: list[AnnotatedArticle | None] = [None] * len(articles)
    for done, (position, article) in enumerate(_annotate(list(enumerate(articles)), model, jobs), 1):
        result[position] = article
        if progress:
            progress(done, len(articles))
    return result  # type: ignore[return-value]


def _annotate(
    items: list[tuple[int, Article]], model: str | None, jobs: int, warn: Callable[[str], None] | None = None
) -> Iterator[tuple[int, AnnotatedArticle]]:
    """(position, annotated article) as they are done; several processes when ``jobs`` > 1."""
    if jobs <= 1 or len(items) < 2 * jobs:
        from core.annotate import annotate

        articles = [article for _, article in items]
        for (position, _), done in zip(items, annotate(articles, model=model), strict=True):
            yield position, done
        return
    from core.parallel import annotate_in_processes

    yield from annotate_in_processes(items, model, jobs, warn)


def _warm(cache: AnnotationCache, paths: Sequence[Path | str], fingerprint: str, overrides: Corrections,
          options: Options) -> CachedStore | None:  # fmt: skip
    """The cached corpus when no file changed since it was built (None: a miss, also for a damaged row)."""
    files, problems = _walk(paths)
    records = cache.files(files, options.max_bytes)
    if not files or len(records) != len(files):
        return None
    ids: list[str] = []
    where: dict[str, str] = {}  # article id -> its path in this run
    for path in files:
        shown = printable(path)
        for article_id, label in records[path].articles:
            if article_id not in where:
                where[article_id] = shown + label
                ids.append(article_id)
        problems += [str(LoadProblem(shown + place, message)) for place, message in records[path].problems]
    if not ids:
        return None
    key = corpus_key(fingerprint, overrides, ids, options.place_adjectives)
    found = cache.corpus(key)
    if found is None:
        return None
    _name, pipeline, entities, index, infos = found

    def rebuild() -> MemoryStore:
        for step in _cold(paths, options, fingerprint, overrides, cache):
            if isinstance(step, Ready):
                return step.store  # type: ignore[return-value]
        raise NoArticlesError("no articles could be loaded")

    try:
        store = CachedStore(cache, key, corpus_name(paths), pipeline, entities, index, infos, problems, paths=where,
                            rebuild=rebuild)  # fmt: skip
    except ROW_ERRORS as error:
        cache.damaged_row("corpora", error)
        return None
    store.problems += check(overrides, store.entities, ids)
    return store


def _walk(paths: Sequence[Path | str]) -> tuple[list[str], list[str]]:
    files, problems, seen = [], [], set()
    for item in article_files(paths):
        if isinstance(item, LoadProblem):
            problems.append(str(item))
        elif (resolved := os.path.abspath(item)) not in seen:
            seen.add(resolved)
            files.append(item)
    return files, problems


def _file_records(files: list[str], articles: list[Article], problems: list[LoadProblem]) -> dict:
    """What each file gave: its articles and problems, each with its place in the file (a record's
    path is the file's, or ``file#N``; a problem's may be ``file:N``), not with the file's path."""
    records = {path: FileRecord([], []) for path in files}
    shown = {printable(path): path for path in files}  # articles and problems carry printable paths

    def owner(where: str) -> tuple[str, str] | None:
        if where in shown:
            return shown[where], ""
        for cut in range(len(where) - 1, 0, -1):  # the longest file name that is a prefix
            if where[cut] in "#:" and where[:cut] in shown:
                return shown[where[:cut]], where[cut:]
        return None

    for article in articles:
        if (found := owner(article.path)) is not None:
            records[found[0]].articles.append((article.id, found[1]))
    for problem in problems:
        if (found := owner(problem.path)) is not None:
            records[found[0]].problems.append((found[1], problem.message))
    return records


def open_corpus(
    paths: Sequence[Path | str] | None, options: Options | None = None
) -> Iterator[Loaded | Annotated | Ready]:
    """Open a corpus step by step (see the module docstring)."""
    from core.pipeline import pipeline_fingerprint

    options = options or Options()
    paths = list(paths or [seeds_dir()])
    fingerprint = pipeline_fingerprint(options.model)
    overrides = CorrectionsFile().load()
    cache = default_cache(options.warn) if options.use_cache else None
    if cache is not None and (store := _warm(cache, paths, fingerprint, overrides, options)) is not None:
        yield Ready(store, from_cache=True)
        return
    yield from _cold(paths, options, fingerprint, overrides, cache)


def _cold(paths: Sequence[Path | str], options: Options, fingerprint: str, overrides: Corrections,
          cache: AnnotationCache | None) -> Iterator[Loaded | Annotated | Ready]:  # fmt: skip
    """Read the files, annotate what the cache does not know, link, index, and cache the result."""
    loaded = load_corpus(paths, max_bytes=options.max_bytes)
    problems = [str(problem) for problem in loaded.problems]
    if not loaded.articles:
        raise NoArticlesError("no articles could be loaded" + (f" ({problems[0]})" if len(problems) == 1 else ""))
    articles = loaded.articles
    yield Loaded(articles, problems)
    hashes = [text_hash(article.text) for article in articles]
    known = cache.annotations(fingerprint, hashes) if cache is not None else {}
    annotated: list[AnnotatedArticle | None] = [None] * len(articles)
    done = 0
    for position, article in enumerate(articles):
        if hashes[position] in known:
            mentions, quotes = known[hashes[position]]
            try:
                annotated[position] = AnnotatedArticle(**article.model_dump(), mentions=mentions, quotes=quotes)
            except ROW_ERRORS as error:  # spans that do not fit the text: a miss
                cache.damaged_row("annotations", error)  # type: ignore[union-attr]
                continue
            done += 1
            yield Annotated(position, annotated[position], done, len(articles))
    missing = [(position, articles[position]) for position in range(len(articles)) if annotated[position] is None]
    fresh: list[tuple[str, AnnotatedArticle]] = []
    for position, article in _annotate(missing, options.model, options.jobs, options.warn):
        annotated[position] = article
        done += 1
        fresh.append((hashes[position], article))
        if cache is not None and len(fresh) >= CACHE_BATCH:
            cache.put_annotations(fingerprint, fresh)
            fresh = []
        yield Annotated(position, article, done, len(articles))
    if cache is not None:
        cache.put_annotations(fingerprint, fresh)
    del known, fresh
    corpus, index = link_and_index(
        annotated, pipeline=fingerprint, overrides=overrides, consume=True, place_adjectives=options.place_adjectives
    )  # type: ignore[arg-type]
    problems += check(overrides, corpus.entities, (a.id for a in corpus.articles))
    store = MemoryStore(corpus_name(paths), list(corpus.articles), list(corpus.entities), index, fingerprint, problems)
    if cache is not None:
        key = corpus_key(fingerprint, overrides, [a.id for a in articles], options.place_adjectives)
        cache.put_corpus(key, store.name, fingerprint, store.articles, store.entities, index)
        cache.put_files(_file_records(loaded.files, articles, loaded.problems), options.max_bytes)
    yield Ready(store, from_cache=False)


def analyse(
    paths: Sequence[Path | str] | None, options: Options | None = None, progress: Progress | None = None
) -> Store:
    """Run :func:`open_corpus` to the end (for the CLI)."""
    for step in open_corpus(paths, options):
        if isinstance(step, Annotated) and progress is not None:
            progress(step.done, step.total)
        if isinstance(step, Ready):
            return step.store
    raise NoArticlesError("no articles could be loaded")


def store_corpus(store: Store) -> Corpus:
    """The whole corpus as one record (the JSON contract)."""
    return Corpus(pipeline=store.pipeline, articles=tuple(store.articles), entities=tuple(store.entities))
