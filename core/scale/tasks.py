"""The work a worker does, as plain functions of paths (the engines run them anywhere).

- :func:`annotate_partition`: read a partition's files, annotate the articles the
  store does not hold yet, write one articles shard; return a small summary.
- :func:`shard_evidence`: the linking map step of one shard (distinct mentions).
- :func:`link_shard`: apply the reduce step's resolution to one shard, write its
  linked mentions and quotations, return the shard's entity tally.

Nothing large travels back: summaries, evidence (distinct names) and tallies.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import TypeAdapter

from core.corrections import Corrections
from core.corrections.apply import correct_article
from core.linking_parts import EntityTally, Evidence
from core.models import AnnotatedArticle, Article, Mention, Quote
from core.scale.layout import ARTICLES, MENTIONS, QUOTES, SEQ_SHIFT, table_path, write_table
from core.scale.ranges import LineRange

_MENTIONS = TypeAdapter(tuple[Mention, ...])
_QUOTES = TypeAdapter(tuple[Quote, ...])


@dataclass
class Partition:
    """Files to annotate into one shard: (ordinal in the run's walk, path as given, absolute path).

    Workers read the absolute path (their working folder may differ) and record the path as
    given, as ``newslens annotate --format json`` does.
    """

    shard: str
    batch: int
    files: list[tuple[int, str, str]]
    range: LineRange | None = None
    """Only these lines of the one file (a large JSON Lines file is cut into ranges)."""

    @property
    def weight(self) -> int:
        """About how many articles: the files, or the range's lines."""
        return self.range.lines if self.range else len(self.files)


@dataclass
class PartitionResult:
    """What a worker reports for one partition."""

    shard: str
    batch: int
    articles: int
    words: int
    seconds: float
    problems: list[str] = field(default_factory=list)
    worker: str = ""
    """Host and process id of the worker that did it."""
    worker_peak_mb: float = 0.0
    """That worker's peak resident memory so far (VmHWM)."""
    source: dict | None = None
    """The file and range of a range partition, for the manifest (LineRange.record)."""


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def annotate_partition(
    folder: str, partition: Partition, stored: Container[str], pipeline: str, model: str | None, max_bytes: int
) -> PartitionResult:
    """Annotate the partition's new articles and write its shard (nothing when none are new)."""
    from core.analysis import text_hash
    from core.annotate import annotate
    from core.corpus import load_lines, load_records
    from core.errors import InputError

    started = time.perf_counter()
    articles: list[Article] = []
    rows: dict[str, list] = {name: [] for name in ARTICLES.names}
    problems: list[str] = []
    seen: set[str] = set()
    for ordinal, path, absolute in partition.files:

        def shown(where: str, path: str = path, absolute: str = absolute) -> str:
            return path + where[len(absolute) :] if where.startswith(absolute) else where

        part = partition.range
        try:
            info = os.stat(absolute)
            if part is None:
                loaded, file_problems = load_records(Path(absolute), max_bytes)
            elif (info.st_size, info.st_mtime_ns) != (part.size, part.mtime_ns):
                problems.append(f"{path}: changed while this run read it; run again to read it anew")
                continue
            else:
                loaded, file_problems = load_lines(Path(absolute), part.start, part.end, part.first)
        except InputError as error:
            problems.append(f"{shown(error.path)}: {error.problem}")
            continue
        except OSError as error:
            problems.append(f"{path}: cannot read: {error.strerror or error}")
            continue
        problems += [f"{shown(problem.path)}: {problem.message}" for problem in file_problems]
        for record, article in loaded:  # record: its number in the file (a JSON line's line number)
            article = article.model_copy(update={"path": shown(article.path)})
            if article.id in stored or article.id in seen:  # as core.corpus.load_corpus says it
                problems.append(f"{article.path}: skipped: same text as article {article.id}")
                continue
            seen.add(article.id)
            articles.append(article)
            origin = {"batch": partition.batch, "seq": ordinal << SEQ_SHIFT | record, "file": absolute,
                      "file_size": info.st_size, "file_mtime_ns": info.st_mtime_ns}  # fmt: skip
            for name, value in origin.items():
                rows[name].append(value)
    words = 0
    for article in annotate(articles, model=model) if articles else ():
        words += article.word_count
        rows["id"].append(article.id)
        rows["path"].append(article.path)
        rows["title"].append(article.title)
        rows["text"].append(article.text)
        rows["paragraphs"].append([list(span) for span in article.paragraphs])
        rows["text_hash"].append(text_hash(article.text))
        rows["encoding"].append(article.encoding)
        rows["warnings"].append(list(article.warnings))
        rows["annotation"].append(
            '{"mentions": ' + _MENTIONS.dump_json(article.mentions).decode()
            + ', "quotes": ' + _QUOTES.dump_json(article.quotes).decode() + "}"
        )  # fmt: skip
    if articles:
        write_table(table_path(Path(folder), "articles", partition.shard), pa.table(rows, schema=ARTICLES), pipeline)
    source = partition.range.record(partition.files[0][2]) if partition.range else None
    return PartitionResult(partition.shard, partition.batch, len(articles), words, time.perf_counter() - started,
                           problems, f"{socket.gethostname()}:{os.getpid()}", _peak_mb(), source)  # fmt: skip


def read_shard(folder: str, shard: str, positions: Sequence[int],
               corrections: Corrections | None = None) -> list[tuple[int, int, AnnotatedArticle]]:  # fmt: skip
    """(row, position, pre-linking article) of the shard's rows that are in the corpus (position >= 0),
    with the user's ``corrections`` applied (core.corrections.apply)."""
    table = pq.read_table(table_path(Path(folder), "articles", shard))
    columns = {name: table.column(name).to_pylist() for name in
               ("id", "path", "title", "text", "paragraphs", "encoding", "warnings", "annotation")}  # fmt: skip
    found = []
    for row, position in enumerate(positions):
        if position < 0:
            continue
        annotation = json.loads(columns["annotation"][row])
        found.append((row, position, AnnotatedArticle(
            id=columns["id"][row], title=columns["title"][row], path=columns["path"][row], text=columns["text"][row],
            paragraphs=tuple(tuple(span) for span in columns["paragraphs"][row]), encoding=columns["encoding"][row],
            warnings=tuple(columns["warnings"][row]), mentions=_MENTIONS.validate_python(annotation["mentions"]),
            quotes=_QUOTES.validate_python(annotation["quotes"]))))  # fmt: skip
    if corrections is not None and corrections.records:
        found = [(row, position, correct_article(article, corrections)) for row, position, article in found]
    return found


def shard_evidence(folder: str, shard: str, positions: Sequence[int], context=None,
                   corrections: Corrections | None = None) -> Evidence:  # fmt: skip
    """A linking map step for one shard: its distinct mentions, or with a NameContext (core.linking)
    its mentions keyed by cluster; ``corrections`` that tag or untag apply first."""
    if corrections is not None and (corrections.tag or corrections.untag):
        found = read_shard(folder, shard, positions, corrections)
        parts, keys = [article for _, _, article in found], [position for _, position, _ in found]
        if context is None:
            return Evidence.of(parts, keys)
        return Evidence.of(parts, keys, [context.cluster_keys(part) for part in parts])
    table = pq.read_table(table_path(Path(folder), "articles", shard), columns=["annotation"])
    annotations = table.column("annotation").to_pylist()
    keys = [position for position in positions if position >= 0]
    parts = [  # only the mentions: what the map steps read
        AnnotatedArticle.model_construct(mentions=_MENTIONS.validate_python(json.loads(annotations[row])["mentions"]))
        for row, position in enumerate(positions)
        if position >= 0
    ]
    if context is None:
        return Evidence.of(parts, keys)
    return Evidence.of(parts, keys, [context.cluster_keys(part) for part in parts])


@dataclass
class LinkedShard:
    """What linking one shard gives back: its tally and its sizes."""

    shard: str
    tally: EntityTally
    mentions: int
    quotes: int
    counts: list[tuple[int, int, int]]
    """(position, mentions, quotations) of each article."""


def link_shard(folder: str, shard: str, positions: Sequence[int], resolution, generation: int, pipeline: str,
               place_adjectives: bool, corrections: Corrections | None = None) -> LinkedShard:  # fmt: skip
    """Link the shard's articles with the corpus-wide resolution; write its mentions and quotations."""
    tally = EntityTally()
    mention_rows: dict[str, list] = {name: [] for name in MENTIONS.names}
    quote_rows: dict[str, list] = {name: [] for name in QUOTES.names}
    counts = []
    for _row, position, article in read_shard(folder, shard, positions, corrections):
        linked, places = resolution.apply(article, place_adjectives=place_adjectives)
        tally.add(linked, position, places)
        counts.append((position, len(linked.mentions), len(linked.quotes)))
        for mention in linked.mentions:
            for name, value in (("article", linked.id), ("position", position), *mention.model_dump().items()):
                mention_rows[name].append(value)
        for quote in linked.quotes:
            record = quote.model_dump()
            record["parts"] = [list(span) for span in quote.parts]
            record["speaker_ref"] = list(quote.speaker_ref) if quote.speaker_ref else None
            for name, value in (("article", linked.id), ("position", position), *record.items()):
                quote_rows[name].append(value)
    base = Path(folder)
    write_table(table_path(base, "mentions", shard, generation), pa.table(mention_rows, schema=MENTIONS), pipeline)
    write_table(table_path(base, "quotes", shard, generation), pa.table(quote_rows, schema=QUOTES), pipeline)
    return LinkedShard(shard, tally, len(mention_rows["start"]), len(quote_rows["start"]), counts)
