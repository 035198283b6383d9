"""The store on disk: folders, table schemas, the manifest, atomic writes.

    DIR/manifest.json                     what is committed (written atomically; the only truth)
    DIR/articles/part-BBBB-FFFFFFF.parquet   one shard per partition: the articles, their pre-linking
                                          annotations, and where they came from
    DIR/mentions/part-…-gG.parquet        linked mentions of that shard, generation G
    DIR/quotes/part-…-gG.parquet          linked quotations of that shard
    DIR/entities/entities-gG.parquet      the entities of the linked corpus
    DIR/catalog/catalog-gG.parquet        the corpus order: position -> article id, title, path, shard, row

A shard is written under a temporary name, fsynced and renamed, then listed
in the manifest; a file the manifest does not list is never read (a killed
run's leftovers are deleted by the next run). Linking writes a whole new
generation and switches to it in one manifest write.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from core import __version__
from core.errors import NewslensError

FORMAT = 1
MANIFEST = "manifest.json"
TABLES = ("articles", "mentions", "quotes", "entities", "catalog")

_SPAN = pa.list_(pa.int64())
ARTICLES = pa.schema([
    ("id", pa.string()), ("path", pa.string()), ("title", pa.string()), ("text", pa.string()),
    ("paragraphs", pa.list_(_SPAN)), ("text_hash", pa.string()), ("encoding", pa.string()),
    ("warnings", pa.list_(pa.string())), ("batch", pa.int32()), ("seq", pa.int64()), ("file", pa.string()),
    ("file_size", pa.int64()), ("file_mtime_ns", pa.int64()), ("annotation", pa.string()),
])  # fmt: skip
MENTIONS = pa.schema([
    ("article", pa.string()), ("position", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
    ("text", pa.string()), ("label", pa.string()), ("entity", pa.string()), ("kind", pa.string()),
    ("source", pa.string()), ("role", pa.string()),
])  # fmt: skip
QUOTES = pa.schema([
    ("article", pa.string()), ("position", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
    ("text", pa.string()), ("speaker", pa.string()), ("speaker_entity", pa.string()), ("cue", pa.string()),
    ("kind", pa.string()), ("speech", pa.bool_()), ("parts", pa.list_(_SPAN)), ("speaker_start", pa.int64()),
    ("speaker_end", pa.int64()), ("speaker_ref", _SPAN), ("source", pa.string()),
])  # fmt: skip
ENTITIES = pa.schema([
    ("id", pa.string()), ("label", pa.string()), ("name", pa.string()), ("aliases", pa.list_(pa.string())),
    ("mentions", pa.int64()), ("articles", pa.list_(pa.string())), ("kind", pa.string()),
    ("roles", pa.list_(pa.string())), ("weapon_class", pa.string()),
])  # fmt: skip
CATALOG = pa.schema([
    ("position", pa.int64()), ("id", pa.string()), ("title", pa.string()), ("path", pa.string()),
    ("shard", pa.string()), ("row", pa.int64()), ("mentions", pa.int64()), ("quotes", pa.int64()),
])  # fmt: skip
SEQ_SHIFT = 24
"""``seq`` = file ordinal in the run's walk << 24 | record number in the file."""


class StoreError(NewslensError):
    """A store cannot be read or written; the message names the folder and the problem."""


@dataclass
class Shard:
    """One committed articles shard."""

    name: str
    articles: int
    batch: int
    source: dict | None = None
    """For a shard of a range of lines of one file: the file, its size and mtime, and the range
    (core.scale.ranges.LineRange.record); None for a shard of whole files."""


@dataclass
class Linked:
    """The committed linked generation."""

    generation: int
    shards: list[str]
    articles: int
    mentions: int
    quotes: int
    entities: int
    settings: str
    """Hash of what linking depended on besides the shards: overrides and options."""


@dataclass
class Manifest:
    """manifest.json: the pipeline, the committed shards and the linked generation."""

    pipeline: str
    format: int = FORMAT
    newslens: str = __version__
    shards: list[Shard] = field(default_factory=list)
    linked: Linked | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest of ``folder``, or None if it holds no store yet."""
        path = folder / MANIFEST
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise StoreError(f"{folder}: store format {data.get('format')!r}, this newslens reads {FORMAT}")
            linked = data.get("linked")
            return cls(pipeline=data["pipeline"], format=data["format"], newslens=data.get("newslens", "?"),
                       shards=[Shard(**shard) for shard in data.get("shards", [])],
                       linked=Linked(**linked) if linked else None, problems=data.get("problems", []))  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise StoreError(f"{path}: not a readable newslens store manifest ({error})") from None

    def write(self, folder: Path) -> None:
        """Replace manifest.json atomically."""
        self.newslens = __version__
        data = json.dumps(asdict(self), ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(folder / MANIFEST, lambda stream: stream.write(data))


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a store folder (it has a manifest.json)."""
    return os.path.isfile(os.path.join(path, MANIFEST))


def table_path(folder: Path, table: str, shard: str, generation: int | None = None) -> Path:
    suffix = "" if generation is None else f"-g{generation}"
    return folder / table / f"{shard}{suffix}.parquet"


def metadata(pipeline: str) -> dict[bytes, bytes]:
    """Key-value metadata every file carries."""
    return {b"newslens.version": __version__.encode(), b"newslens.pipeline": pipeline.encode(),
            b"newslens.format": str(FORMAT).encode()}  # fmt: skip


def write_atomic(path: Path, write) -> None:
    """Call ``write(stream)`` on a temporary file beside ``path``, fsync it, rename it into place
    and fsync the folder: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _fault("before-rename", path)
        os.replace(temporary, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_table(path: Path, table: pa.Table, pipeline: str) -> None:
    """One Parquet file, atomically, with the store's metadata (row groups of 64 articles' rows)."""
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata(pipeline)})
    write_atomic(path, lambda stream: pq.write_table(table, stream, compression="zstd", row_group_size=65536))


def remove_leftovers(folder: Path, manifest: Manifest) -> int:
    """Delete files the manifest does not list (a killed run's temporary or unlisted files)."""
    keep = {table_path(folder, "articles", shard.name) for shard in manifest.shards}
    if manifest.linked:
        generation = manifest.linked.generation
        for shard in manifest.linked.shards:
            keep |= {table_path(folder, table, shard, generation) for table in ("mentions", "quotes")}
        keep |= {table_path(folder, "entities", "entities", generation),
                 table_path(folder, "catalog", "catalog", generation)}  # fmt: skip
    removed = 0
    for table in TABLES:
        for path in (folder / table).glob("*") if (folder / table).is_dir() else ():
            if path not in keep and (path.suffix in (".parquet", ".tmp")):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


_fault_counts: dict[str, int] = {}


def _fault(point: str, path: Path) -> None:
    """Test hook: ``NEWSLENS_STORE_FAULT=point:N`` kills the process (SIGKILL) at the Nth shard write
    reaching ``point`` (``before-rename`` or ``after-commit``), to test that a killed run resumes."""
    wanted = os.environ.get("NEWSLENS_STORE_FAULT")
    if not wanted or not wanted.startswith(point + ":") or "articles" not in path.parts[-2:-1]:
        return
    _fault_counts[point] = _fault_counts.get(point, 0) + 1
    if _fault_counts[point] >= int(wanted.split(":")[1]):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def fault_after_commit(manifest_folder: Path) -> None:
    """The ``after-commit`` point of the test hook (see :func:`_fault`)."""
    _fault("after-commit", manifest_folder / "articles" / "x")


def new_token() -> str:
    return uuid.uuid4().hex[:8]
