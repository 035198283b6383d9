"""newslens as a Python library, for analysts and scripts.

Two functions::

    import newslens

    records = newslens.annotate(["Selenskyj traf Merz in Berlin.\\n„Wir brauchen Patriot-Systeme“, sagte er."])
    records.articles[0].mentions        # pydantic records of the JSON contract (DESIGN.md)

    store = newslens.open_store("archive-store")   # built by: newslens annotate PATHS --store archive-store
    store.mentions                      # a pyarrow Table; store.table("mentions", pandas=True) for pandas
    store.to_duckdb(connection)         # views articles, mentions, quotes, entities in a DuckDB connection

:func:`annotate` needs spaCy (loaded once per process); :func:`open_store` needs
only pyarrow (``pip install 'newslens[scale]'``), never spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import __version__
from core.models import AnnotatedArticle, Article, Corpus, Entity, Mention, Quote

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["AnnotatedArticle", "Article", "Corpus", "Entity", "Mention", "Quote", "StoreTables", "__version__",
           "annotate", "open_store"]  # fmt: skip

TABLES = ("articles", "mentions", "quotes", "entities")


def annotate(texts: Iterable[str | Article], *, model: str | None = None, link: bool = True) -> Corpus:
    """Tag and link ``texts`` (strings, or :class:`Article` records) as one corpus.

    A string's first line is its title (as a ``.txt`` file's). Returns the document of
    ``newslens annotate --format json`` as records: ``.articles`` (each with ``mentions`` and
    ``quotes``) and ``.entities``. With ``link=False`` mentions keep the pipeline's own ids
    and no entity list is built.
    """
    from core.analysis import link_and_index
    from core.annotate import annotate as run_pipeline
    from core.corpus import article_id
    from core.formats import parse_plain
    from core.pipeline import pipeline_fingerprint

    articles = []
    for number, text in enumerate(texts, 1):
        if isinstance(text, Article):
            articles.append(text)
            continue
        name = f"text-{number}"
        draft = parse_plain(text, name)  # cleaned and NFC, as a .txt file is
        articles.append(Article(id=article_id(name, draft.text), title=draft.title, path=name, text=draft.text,
                                paragraphs=tuple(draft.paragraphs), warnings=tuple(draft.warnings)))  # fmt: skip
    annotated = list(run_pipeline(articles, model=model))
    fingerprint = pipeline_fingerprint(model)
    if not link:
        return Corpus(pipeline=fingerprint, articles=tuple(annotated))
    corpus, _index = link_and_index(annotated, pipeline=fingerprint)
    return corpus


@dataclass
class StoreTables:
    """The tables of a store as pyarrow Tables (schemas in the README).

    ``articles`` (in corpus order), ``mentions``, ``quotes``, ``entities``; ``catalog`` maps
    corpus positions to articles. ``pipeline`` and ``manifest`` describe how it was made.
    """

    folder: Path
    articles: pa.Table
    mentions: pa.Table
    quotes: pa.Table
    entities: pa.Table
    catalog: pa.Table
    pipeline: str

    def table(self, name: str, *, pandas: bool = False) -> Any:
        """One table by name, as pyarrow or (``pandas=True``) as a pandas DataFrame."""
        if name not in (*TABLES, "catalog"):
            raise KeyError(f"no table {name!r} (tables: {', '.join((*TABLES, 'catalog'))})")
        found = getattr(self, name)
        return found.to_pandas() if pandas else found

    def to_duckdb(self, connection) -> None:
        """Register the tables as views ``articles``, ``mentions``, ``quotes``, ``entities`` in a DuckDB connection."""
        for name in (*TABLES, "catalog"):
            connection.register(name, getattr(self, name))


def open_store(folder: str | Path) -> StoreTables:
    """The linked corpus of a store built by ``newslens annotate PATHS --store DIR`` (no spaCy)."""
    from core.scale.layout import Manifest
    from core.scale.reader import read_tables

    tables = read_tables(folder)
    manifest = Manifest.read(Path(folder))
    return StoreTables(Path(folder), pipeline=manifest.pipeline if manifest else "", **tables)
