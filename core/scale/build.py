"""Build or extend a store: plan partitions, annotate them on an engine, link the corpus.

1. **Plan** (driver): walk PATHS; files already in the store with the same size
   and mtime are skipped; the rest are cut into partitions of consecutive files.
2. **Annotate** (workers): each partition becomes one articles shard, written by
   the worker; the driver lists it in the manifest as it arrives. Articles whose
   id (file stem + text hash) is already stored are skipped.
3. **Link** (map/reduce, core.linking): the corpus order is (batch, seq): the
   articles of earlier runs first, each run's in walk order. Workers map each
   shard to its distinct mentions; the driver merges them into the corpus's
   name context; workers key each shard's mentions by cluster with it; the
   driver merges those and resolves (the reduce); workers apply the resolution
   to their shards and write the linked tables; the driver merges the tallies,
   writes the entities and the catalog, and switches the manifest to the new
   generation.

A run killed at any point leaves the last manifest intact; running it again
annotates only what is missing and links the same corpus.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from core.corpus import DEFAULT_MAX_BYTES, LoadProblem, article_files
from core.corrections import Corrections, CorrectionsFile
from core.errors import NoArticlesError
from core.linking import NameContext, resolve
from core.linking_parts import EntityTally, Evidence
from core.overrides import EntityOverrides
from core.scale.layout import (
    CATALOG,
    ENTITIES,
    Linked,
    Manifest,
    Shard,
    StoreError,
    fault_after_commit,
    remove_leftovers,
    table_path,
    write_table,
)
from core.scale.ranges import LineRange, covered, done_key, line_ranges, splittable
from core.scale.tasks import Partition, PartitionResult, annotate_partition, link_shard, shard_evidence

PARTITION_FILES = 50
LOCK = ".lock"
Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total): stage is ``annotating`` (articles), ``linking`` (shards)."""


class Engine(Protocol):
    """Runs task functions somewhere: in this process, in local processes, or on a Dask cluster."""

    def map_unordered(self, function: Callable, items: Sequence, *shared) -> Iterator:
        """``function(item, *shared)`` for each item, results as they complete."""

    def share(self, value):
        """``value`` made available to every task (sent once per worker where that matters)."""


@dataclass
class BuildOptions:
    """How to build."""

    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    place_adjectives: bool = False
    partition_files: int = PARTITION_FILES


@dataclass
class BuildReport:
    """What a run did."""

    folder: Path
    new_articles: int = 0
    skipped_files: int = 0
    articles: int = 0
    entities: int = 0
    problems: list[str] = field(default_factory=list)
    annotate_seconds: float = 0.0
    link_seconds: float = 0.0
    reduce_seconds: float = 0.0
    distinct_mentions: int = 0
    worker_peak_mb: dict[str, float] = field(default_factory=dict)
    words: int = 0
    linked: bool = False


def settings_key(corrections: Corrections, place_adjectives: bool) -> str:
    """Hash of the user's corrections (every table) and the linking options."""
    return hashlib.sha256(f"{corrections.key()}\nadjectives={place_adjectives}".encode()).hexdigest()[:16]


def _stored(folder: Path, manifest: Manifest) -> tuple[set[str], dict[str, tuple[int, int]], dict[tuple, list]]:
    """Ids in the store, (size, mtime) of each file whose articles it holds whole (by absolute
    path), and the byte ranges it holds of files cut into ranges (by file, size and mtime)."""
    ids: set[str] = set()
    files: dict[str, tuple[int, int]] = {}
    ranges: dict[tuple, list] = {}
    for shard in manifest.shards:
        if shard.source:  # one range of a file: not the whole file
            ranges.setdefault(done_key(shard.source), []).append((shard.source["start"], shard.source["end"]))
            table = pq.read_table(table_path(folder, "articles", shard.name), columns=["id"])
            ids.update(table.column("id").to_pylist())
            continue
        table = pq.read_table(table_path(folder, "articles", shard.name),
                              columns=["id", "file", "file_size", "file_mtime_ns"])  # fmt: skip
        ids.update(table.column("id").to_pylist())
        columns = (table.column(name).to_pylist() for name in ("file", "file_size", "file_mtime_ns"))
        files.update((file, (size, mtime)) for file, size, mtime in zip(*columns, strict=True))
    return ids, files, ranges


def plan(paths: Sequence[str | Path], files_done: dict[str, tuple[int, int]], batch: int, taken: set[str],
         size: int, ranges_done: dict[tuple, list] | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Partition], list[str], int]:  # fmt: skip
    """Partitions of the files still to read, the walk's problems, and how many files were skipped.

    ``size`` files make a partition; a JSON Lines file of more than ``size`` lines is cut into
    partitions of ``size`` lines each (core.scale.ranges), of which those in ``ranges_done``
    (the same file, size and mtime) are skipped."""
    partitions, problems, pending, skipped, seen = [], [], [], 0, set()
    ranges_done = ranges_done or {}
    ordinal = 0
    for item in article_files(paths):
        if isinstance(item, LoadProblem):
            problems.append(str(item))
            continue
        resolved = os.path.abspath(item)
        if resolved in seen:
            continue
        seen.add(resolved)
        ordinal += 1
        try:
            info = os.stat(item)
            version = (resolved, info.st_size, info.st_mtime_ns)
            unchanged = files_done.get(resolved) == version[1:] or covered(ranges_done.get(version, []), info.st_size)
        except OSError:
            unchanged = False
        if unchanged:
            skipped += 1
            continue
        cut = line_ranges(item, size, max_bytes) if splittable(item) else None
        if cut:
            done = set(ranges_done.get(version, []))
            partitions += [_partition(batch, [(ordinal, item, resolved)], taken, part) for part in cut
                           if (part.start, part.end) not in done]  # fmt: skip
            continue
        pending.append((ordinal, item, resolved))
        if len(pending) >= size:
            partitions.append(_partition(batch, pending, taken))
            pending = []
    if pending:
        partitions.append(_partition(batch, pending, taken))
    return partitions, problems, skipped


def _partition(batch: int, files: list[tuple[int, str, str]], taken: set[str], part: LineRange | None = None
               ) -> Partition:  # fmt: skip
    base = name = f"part-{batch:04d}-{files[0][0]:07d}" + (f"-line{part.first:09d}" if part else "")
    number = 2
    while name in taken:  # a changed file re-read where a committed shard began
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return Partition(name, batch, list(files), part)


def build(paths: Sequence[str | Path], folder: Path, engine: Engine, options: BuildOptions | None = None,
          progress: Progress | None = None) -> BuildReport:  # fmt: skip
    """Annotate what the store lacks and link the whole corpus (see the module docstring)."""
    from core.pipeline import pipeline_fingerprint

    options = options or BuildOptions()
    progress = progress or (lambda stage, done, total: None)
    fingerprint = pipeline_fingerprint(options.model)
    folder = Path(folder).absolute()  # workers may run elsewhere (a shared filesystem) or in another folder
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: not a folder")
    manifest = Manifest.read(folder) if folder.exists() else None
    if manifest is None:
        if folder.exists() and any(folder.iterdir()):
            raise StoreError(f"{folder}: not empty and not a newslens store (no manifest.json)")
        folder.mkdir(parents=True, exist_ok=True)
        manifest = Manifest(pipeline=fingerprint)
        manifest.write(folder)
    elif manifest.pipeline != fingerprint:
        raise StoreError(f"{folder}: annotated with pipeline {manifest.pipeline}, this run uses {fingerprint}; "
                         "annotate into a new store")  # fmt: skip
    with _exclusive(folder):
        return _build(paths, folder, manifest, engine, options, progress)


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """One run at a time per store (a second would delete the first one's shards in flight)."""
    import fcntl

    with open(folder / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{folder}: another newslens run is building this store") from None
        yield


def _build(paths: Sequence[str | Path], folder: Path, manifest: Manifest, engine: Engine, options: BuildOptions,
           progress: Progress) -> BuildReport:  # fmt: skip
    remove_leftovers(folder, manifest)
    report = BuildReport(folder)
    stored, files_done, ranges_done = _stored(folder, manifest)
    batch = (manifest.linked.generation if manifest.linked else 0) + 1
    taken = {shard.name for shard in manifest.shards}
    partitions, problems, report.skipped_files = plan(
        paths, files_done, batch, taken, options.partition_files, ranges_done, options.max_bytes
    )
    report.problems += problems
    started = time.perf_counter()
    weight = {partition.shard: partition.weight for partition in partitions}
    total_files = sum(weight.values())
    done_files = 0
    progress("annotating", 0, total_files)
    shared = engine.share(frozenset(stored))
    tasks = engine.map_unordered(_annotate_task, partitions, str(folder), shared, manifest.pipeline, options.model,
                                 options.max_bytes)  # fmt: skip
    for result in tasks:
        result: PartitionResult
        if result.articles:
            manifest.shards.append(Shard(result.shard, result.articles, result.batch, result.source))
            manifest.write(folder)
            fault_after_commit(folder)
        report.new_articles += result.articles
        report.words += result.words
        report.problems += result.problems
        worker = result.worker or result.shard
        report.worker_peak_mb[worker] = max(report.worker_peak_mb.get(worker, 0.0), result.worker_peak_mb)
        done_files += weight[result.shard]
        progress("annotating", done_files, total_files)
    report.annotate_seconds = time.perf_counter() - started
    if not manifest.shards:
        raise NoArticlesError("no articles could be loaded" + (f" ({report.problems[0]})" if report.problems else ""))
    corrections = CorrectionsFile().load()
    settings = settings_key(corrections, options.place_adjectives)
    current = manifest.linked
    if report.new_articles or current is None or current.settings != settings or \
            current.shards != [shard.name for shard in manifest.shards]:  # fmt: skip
        link_store(folder, manifest, engine, corrections, settings, options.place_adjectives, report, progress)
        report.linked = True
    manifest.problems = report.problems[:1000]
    manifest.write(folder)
    report.articles, report.entities = manifest.linked.articles, manifest.linked.entities  # type: ignore[union-attr]
    return report


def _annotate_task(partition: Partition, folder: str, stored, pipeline: str, model, max_bytes: int):
    return annotate_partition(folder, partition, stored, pipeline, model, max_bytes)


def corpus_order(folder: Path, shards: list[Shard]) -> tuple[dict[str, list[int]], pa.Table, list[str]]:
    """Each shard's corpus positions (-1: a duplicate of an earlier article), the catalog's
    columns in corpus order, and the duplicates as problems."""
    tables = []
    for shard in shards:
        table = pq.read_table(table_path(folder, "articles", shard.name), columns=["id", "title", "path", "batch",
                                                                                    "seq"])  # fmt: skip
        tables.append(table.append_column("shard", pa.array([shard.name] * len(table), pa.string()))
                      .append_column("row", pa.array(range(len(table)), pa.int64())))  # fmt: skip
    everything = pa.concat_tables(tables)
    order = pc.sort_indices(everything, sort_keys=[("batch", "ascending"), ("seq", "ascending")])
    ordered = everything.take(order)
    ids = ordered.column("id").to_pylist()
    seen: set[str] = set()
    keep, problems = [], []
    for index, article_id in enumerate(ids):
        if article_id in seen:
            problems.append(f"{ordered.column('path')[index].as_py()}: skipped: same text as article {article_id}")
        else:
            seen.add(article_id)
            keep.append(index)
    catalog = ordered.take(pa.array(keep, pa.int64()))
    positions = {shard.name: [-1] * shard.articles for shard in shards}
    for position, (shard, row) in enumerate(zip(catalog.column("shard").to_pylist(), catalog.column("row").to_pylist(),
                                                strict=True)):  # fmt: skip
        positions[shard][row] = position
    return positions, catalog, problems


def link_store(folder: Path, manifest: Manifest, engine: Engine, corrections: Corrections | EntityOverrides,
               settings: str, place_adjectives: bool, report: BuildReport, progress: Progress) -> None:  # fmt: skip
    """Link the corpus as map and reduce and commit a new generation, with the user's corrections
    (every table, as core.analysis applies them; plain EntityOverrides act on linking only)."""
    if isinstance(corrections, EntityOverrides):
        overrides, corrections = corrections, None
    else:
        overrides = corrections.overrides()
    started = time.perf_counter()
    positions, catalog, problems = corpus_order(folder, manifest.shards)
    report.problems += problems
    names = [shard.name for shard in manifest.shards]
    items = [(name, positions.pop(name)) for name in names]  # each task gets its shard's positions only
    progress("linking", 0, 3 * len(names))
    steps = 3 * len(names)
    evidence = Evidence()
    for done, part in enumerate(engine.map_unordered(_evidence_task, items, str(folder), None, corrections), 1):
        evidence.merge(part)
        progress("linking", done, steps)
    reduce_started = time.perf_counter()
    context = NameContext.of(evidence)
    report.reduce_seconds = time.perf_counter() - reduce_started
    report.distinct_mentions = len(evidence)
    del evidence
    shared = engine.share(context)
    keyed = Evidence()
    for done, part in enumerate(engine.map_unordered(_evidence_task, items, str(folder), shared, corrections), 1):
        keyed.merge(part)
        progress("linking", len(names) + done, steps)
    reduce_started = time.perf_counter()
    resolution = resolve(keyed, context, overrides)
    report.reduce_seconds += time.perf_counter() - reduce_started
    del keyed
    generation = (manifest.linked.generation if manifest.linked else 0) + 1
    shared = engine.share(resolution)
    tally = EntityTally()
    mentions = quotes = 0
    count_of: dict[int, tuple[int, int]] = {}
    linking = engine.map_unordered(_link_task, items, str(folder), shared, generation, manifest.pipeline,
                                   place_adjectives, corrections)  # fmt: skip
    for done, linked in enumerate(linking, 1):
        tally.merge(linked.tally)
        mentions += linked.mentions
        quotes += linked.quotes
        count_of.update((position, (m, q)) for position, m, q in linked.counts)
        progress("linking", 2 * len(names) + done, steps)
    ids = catalog.column("id").to_pylist()
    reduce_started = time.perf_counter()
    entities = resolution.entities(tally, ids.__getitem__)
    report.reduce_seconds += time.perf_counter() - reduce_started
    del tally
    write_table(table_path(folder, "entities", "entities", generation), _entity_table(entities), manifest.pipeline)
    catalog = pa.table({
        "position": pa.array(range(len(ids)), pa.int64()), "id": catalog.column("id"),
        "title": catalog.column("title"), "path": catalog.column("path"), "shard": catalog.column("shard"),
        "row": catalog.column("row"),
        "mentions": pa.array([count_of[p][0] for p in range(len(ids))], pa.int64()),
        "quotes": pa.array([count_of[p][1] for p in range(len(ids))], pa.int64()),
    }, schema=CATALOG)  # fmt: skip
    write_table(table_path(folder, "catalog", "catalog", generation), catalog, manifest.pipeline)
    manifest.linked = Linked(generation, names, len(ids), mentions, quotes, len(entities), settings)
    manifest.write(folder)
    remove_leftovers(folder, manifest)
    report.link_seconds = time.perf_counter() - started


def _evidence_task(item: tuple[str, list[int]], folder: str, context=None, corrections=None) -> Evidence:
    return shard_evidence(folder, *item, context, corrections)


def _link_task(item: tuple[str, list[int]], folder: str, resolution, generation: int, pipeline: str,
               place_adjectives: bool, corrections=None):  # fmt: skip
    return link_shard(folder, *item, resolution, generation, pipeline, place_adjectives, corrections)


def _entity_table(entities) -> pa.Table:
    rows = [entity.model_dump() for entity in entities]
    return pa.Table.from_pylist([{**row, "aliases": list(row["aliases"]), "articles": list(row["articles"]),
                                  "roles": list(row["roles"])} for row in rows], schema=ENTITIES)  # fmt: skip
