"""The annotation cache: SQLite (WAL) in the platformdirs cache dir.

Three layers, so that a warm start neither re-reads files nor loads spaCy:

- ``files``: path, size and mtime of each input file, with the ids of the
  articles (and the problems) it gave; unchanged files are not read again.
- ``annotations``: mentions and quotations of a text, keyed by the text's
  hash and the pipeline fingerprint (model, rules, newslens version).
- ``corpora`` / ``corpus_articles``: a linked corpus (entities, mention index,
  and one row per article) keyed by its article ids, the fingerprint and the
  user's entity overrides; the reader reads article rows one at a time.

A corrupt, locked or outdated cache never stops newslens: it is rebuilt (or
bypassed) with one warning. Only a file SQLite finds damaged is deleted; a full
disk, an I/O error, a lock or a cache written by a newer newslens is a warning and
the file is kept. A row that does not validate (JSON or a record) is a cache miss:
its articles are annotated again and the row rewritten, with one warning per run.
Concurrent runs are safe (WAL, busy timeout, short transactions).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import CacheError
from core.index import CorpusIndex
from core.models import AnnotatedArticle, Entity, Mention, Quote
from core.paths import cache_dir
from core.textclean import printable

SCHEMA_VERSION = 2
"""2: ``files`` rows keep each article's record label and each problem's place in the file,
not the path as typed, so that a warm start shows the paths of this run."""
BUSY_TIMEOUT_MS = 10_000
FILE_NAME = "annotations.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, max_bytes INTEGER NOT NULL,
    articles TEXT NOT NULL, problems TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS annotations (
    fingerprint TEXT NOT NULL, text_hash TEXT NOT NULL, data BLOB NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (fingerprint, text_hash));
CREATE TABLE IF NOT EXISTS corpora (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, pipeline TEXT, entities BLOB NOT NULL, idx BLOB NOT NULL,
    size INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS corpus_articles (
    key TEXT NOT NULL, position INTEGER NOT NULL, article_id TEXT NOT NULL, title TEXT NOT NULL,
    path TEXT NOT NULL, counts TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, position));
"""
# The article list of a corpus without reading the articles (their rows hold the JSON). Added
# to caches made before it at their next open, when that can be done at once (see _open).
INFOS_INDEX = "CREATE INDEX IF NOT EXISTS corpus_infos ON corpus_articles (key, position, article_id, title, path)"


@dataclass(frozen=True)
class FileRecord:
    """What one input file gave the last time it was read (without the file's own path)."""

    articles: list[tuple[str, str]]
    """(article id, record label such as ``#3`` or "") of each article."""
    problems: list[tuple[str, str]]
    """(place in the file such as ``:3`` or "", message) of each problem."""


class DamagedRow(CacheError):
    """A cache row that does not decode or validate: a miss, annotated again and rewritten."""


# Errors that mean the database file itself is damaged: only then is it deleted and rebuilt.
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Errors of the disk, not of the file: the cache is kept as it is and not updated.
_NO_SPACE = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR}
# What decoding a damaged row can raise (pydantic's ValidationError and JSONDecodeError are ValueErrors).
ROW_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)


class _NewerLayout(Exception):
    """The cache was written by a newer newslens."""


def _file_key(path: Path | str) -> str:
    """The files table's key: the absolute path, in valid UTF-8 even for names that are not."""
    return printable(os.path.abspath(path))


def _pairs(value: str) -> list[tuple[str, str]]:
    """A files row's JSON list of string pairs; DamagedRow if it is anything else."""
    pairs = json.loads(value)
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in pairs
    ):
        raise ValueError("expected a list of string pairs")
    return [(first, second) for first, second in pairs]


@dataclass
class CacheInfo:
    """``newslens cache info``."""

    path: Path
    size_bytes: int
    annotations: int
    corpora: int
    files: int
    fingerprints: list[str] = field(default_factory=list)


class AnnotationCache:
    """Open (and if need be rebuild) the cache; every method degrades to a miss on trouble."""

    def __init__(self, path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or cache_dir() / FILE_NAME
        self.warn = warn or (lambda message: None)
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self.disabled = False
        self._warned: set[str] = set()

    # -- connection ---------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        if self._connection is not None:
            return self._connection
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = self._open()
        except _NewerLayout as error:  # another newslens's cache: never delete it
            self.warn(f"{self.path}: cache written by a newer newslens ({error}); continuing without it "
                      "(run 'newslens cache clear' to start a new one)")  # fmt: skip
            self.disabled = True
        except sqlite3.DatabaseError as error:
            if _damaged(error) or "outdated layout" in str(error):
                self._rebuild(f"unreadable ({error})")
            else:  # in use, read-only, a full disk: the cache is fine, only not usable now
                self.warn(f"{self.path}: cache unavailable ({error}); continuing without it")
                self.disabled = True
        except OSError as error:
            self.warn(f"{self.path}: cache unavailable ({error.strerror or error}); continuing without it")
            self.disabled = True
        return self._connection

    def _open(self) -> sqlite3.Connection:
        # the reader opens the cache in a worker thread and reads articles from the UI thread;
        # every use goes through self._lock, so one connection may serve both
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.executescript(SCHEMA)
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif row[0] != str(SCHEMA_VERSION):
            connection.close()
            if str(row[0]).isdigit() and int(row[0]) > SCHEMA_VERSION:
                raise _NewerLayout(f"layout {row[0]}; this one reads layout {SCHEMA_VERSION}")
            raise sqlite3.DatabaseError(f"outdated layout {row[0]}, expected {SCHEMA_VERSION}")
        _add_index(connection, "corpus_infos", INFOS_INDEX)
        return connection

    def _rebuild(self, reason: str) -> None:
        """Move a broken cache aside and start an empty one (one warning)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self.warn(f"{self.path}: cache {reason}; rebuilt it")
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._connection = self._open()
        except (sqlite3.DatabaseError, OSError) as error:
            self.warn(f"{self.path}: cache unavailable ({error}); continuing without it")
            self.disabled = True

    def _run(self, operation: Callable[[sqlite3.Connection], object], default: object = None) -> object:
        """Run ``operation``; rebuild once on corruption, give up quietly when locked."""
        with self._lock:
            return self._run_locked(operation, default)

    def _run_locked(self, operation: Callable[[sqlite3.Connection], object], default: object) -> object:
        for attempt in (1, 2):
            connection = self._connect()
            if connection is None:
                return default
            try:
                return operation(connection)
            except sqlite3.ProgrammingError:
                raise  # a bug in newslens, not a damaged file: never delete the cache for it
            except sqlite3.DatabaseError as error:
                if _code(error) in _NO_SPACE:
                    self.warn_once("full", f"{self.path}: cache not updated ({error}); what it holds is kept, "
                                           "the new entries are not")  # fmt: skip
                    return default
                if isinstance(error, sqlite3.OperationalError) and _in_use(error):
                    self.warn(f"{self.path}: cache busy or read-only ({error}); continuing without it for now")
                    return default
                if attempt == 2 or not _damaged(error):
                    self.disabled = True
                    self.warn(f"{self.path}: cache unavailable ({error}); continuing without it")
                    return default
                self._rebuild(f"damaged ({error})")
        return default

    def warn_once(self, topic: str, message: str) -> None:
        """Warn about ``topic`` the first time only (one line per run, not one per row)."""
        if topic not in self._warned:
            self._warned.add(topic)
            self.warn(message)

    def damaged_row(self, table: str, error: BaseException) -> DamagedRow:
        """Warn (once) that a row of ``table`` does not validate; the error to raise or drop."""
        reason = printable(str(error).splitlines()[0] if str(error) else type(error).__name__)[:120]
        self.warn_once("row", f"{self.path}: a cache row in {table} does not validate ({reason}); "
                              "annotating again and rewriting it")  # fmt: skip
        return DamagedRow(f"{self.path}: damaged row in {table}: {reason}")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- files ----------------------------------------------------------------

    def files(self, paths: Iterable[Path | str], max_bytes: int) -> dict[Path | str, FileRecord]:
        """Records of the files whose size, mtime and size limit are unchanged (keyed as given)."""
        stats = {}
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue
            stats[_file_key(path)] = (path, info.st_size, info.st_mtime_ns)

        def lookup(connection: sqlite3.Connection) -> dict[Path | str, FileRecord]:
            found = {}
            keys = list(stats)
            for chunk in range(0, len(keys), 500):
                part = keys[chunk : chunk + 500]
                rows = connection.execute(
                    f"SELECT path, size, mtime_ns, max_bytes, articles, problems FROM files "
                    f"WHERE path IN ({','.join('?' * len(part))})",
                    part,
                )
                for key, size, mtime, limit, articles, problems in rows:
                    path, real_size, real_mtime = stats[key]
                    if (size, mtime, limit) == (real_size, real_mtime, max_bytes):
                        try:
                            found[path] = FileRecord(_pairs(articles), _pairs(problems))
                        except ROW_ERRORS as error:
                            self.damaged_row("files", error)  # a miss: the file is read again
            return found

        return self._run(lookup, {})  # type: ignore[return-value]

    def put_files(self, records: dict[Path | str, FileRecord], max_bytes: int) -> None:
        rows = []
        for path, record in records.items():
            try:
                info = os.stat(path)
            except OSError:
                continue
            rows.append(
                (
                    _file_key(path),
                    info.st_size,
                    info.st_mtime_ns,
                    max_bytes,
                    json.dumps(record.articles),
                    json.dumps(record.problems),
                )
            )
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", rows)

    # -- annotations --------------------------------------------------------

    def annotations(
        self, fingerprint: str, hashes: list[str]
    ) -> dict[str, tuple[tuple[Mention, ...], tuple[Quote, ...]]]:
        """Mentions and quotations of texts already annotated by this pipeline."""

        def lookup(connection: sqlite3.Connection) -> dict:
            found = {}
            for chunk in range(0, len(hashes), 500):
                part = hashes[chunk : chunk + 500]
                rows = connection.execute(
                    f"SELECT text_hash, data FROM annotations WHERE fingerprint = ? "
                    f"AND text_hash IN ({','.join('?' * len(part))})",
                    [fingerprint, *part],
                )
                for text_hash, data in rows:
                    try:
                        record = json.loads(data)
                        mentions = tuple(Mention.model_validate(m) for m in record["mentions"])
                        quotes = tuple(Quote.model_validate(q) for q in record["quotes"])
                    except ROW_ERRORS as error:
                        self.damaged_row("annotations", error)  # a miss: annotated again
                        continue
                    found[text_hash] = (mentions, quotes)
            return found

        return self._run(lookup, {})  # type: ignore[return-value]

    def put_annotations(self, fingerprint: str, items: list[tuple[str, AnnotatedArticle]]) -> None:
        now = time.time()
        rows = [
            (fingerprint, text_hash,
             json.dumps({"mentions": [m.model_dump(mode="json") for m in article.mentions],
                         "quotes": [q.model_dump(mode="json") for q in article.quotes]}), now)
            for text_hash, article in items
        ]  # fmt: skip
        self._write("INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?)", rows)

    # -- linked corpora -----------------------------------------------------

    def put_corpus(self, key: str, name: str, pipeline: str | None, articles: list[AnnotatedArticle],
                   entities: list[Entity], index: CorpusIndex) -> None:  # fmt: skip
        entity_blob = json.dumps([e.model_dump(mode="json") for e in entities]).encode("utf-8")
        rows = (  # generated while writing: never all article JSON in memory at once
            (key, position, a.id, a.title, a.path, json.dumps(index.counts(a.id)), a.model_dump_json())
            for position, a in enumerate(articles)
        )

        def write(connection: sqlite3.Connection) -> None:
            with _transaction(connection):
                connection.execute("DELETE FROM corpus_articles WHERE key = ?", (key,))
                connection.execute("DELETE FROM corpora WHERE key = ?", (key,))
                connection.execute(
                    "INSERT INTO corpora VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, name, pipeline, entity_blob, index.to_bytes(), len(articles), time.time()),
                )
                connection.executemany("INSERT INTO corpus_articles VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

        self._run(write)

    def corpus(self, key: str) -> tuple[str, str | None, bytes, bytes, list[tuple[str, str, str]]] | None:
        """Name, pipeline, entities blob, index blob and (id, title, path) of each article."""

        def lookup(connection: sqlite3.Connection):
            row = connection.execute("SELECT name, pipeline, entities, idx, size FROM corpora WHERE key = ?", (key,))
            found = row.fetchone()
            if found is None:
                return None
            infos = connection.execute(
                "SELECT article_id, title, path FROM corpus_articles WHERE key = ? ORDER BY position", (key,)
            ).fetchall()
            if len(infos) != found[4]:
                return None
            return found[0], found[1], found[2], found[3], infos

        return self._run(lookup)  # type: ignore[return-value]

    def corpus_article(self, key: str, position: int) -> tuple[AnnotatedArticle, dict[str, int]] | None:
        def lookup(connection: sqlite3.Connection):
            row = connection.execute(
                "SELECT data, counts FROM corpus_articles WHERE key = ? AND position = ?", (key, position)
            ).fetchone()
            if row is None:
                return None
            try:
                counts = json.loads(row[1])
                if not isinstance(counts, dict) or not all(isinstance(n, int) for n in counts.values()):
                    raise ValueError("counts are not a mapping of entity ids to numbers")
                return AnnotatedArticle.model_validate_json(row[0]), counts
            except ROW_ERRORS as error:
                raise self.damaged_row("corpus_articles", error) from None

        return self._run(lookup)  # type: ignore[return-value]

    # -- housekeeping ---------------------------------------------------------

    def _write(self, statement: str, rows: list[tuple]) -> None:
        if not rows:
            return

        def write(connection: sqlite3.Connection) -> None:
            with _transaction(connection):
                connection.executemany(statement, rows)

        self._run(write)

    def info(self) -> CacheInfo:
        size = sum(Path(f"{self.path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{self.path}{s}").exists())

        def count(connection: sqlite3.Connection) -> CacheInfo:
            def one(sql: str) -> int:
                return connection.execute(sql).fetchone()[0]

            fingerprints = [r[0] for r in connection.execute("SELECT DISTINCT fingerprint FROM annotations")]
            return CacheInfo(
                self.path,
                size,
                one("SELECT COUNT(*) FROM annotations"),
                one("SELECT COUNT(*) FROM corpora"),
                one("SELECT COUNT(*) FROM files"),
                fingerprints,
            )

        return self._run(count, CacheInfo(self.path, size, 0, 0, 0))  # type: ignore[return-value]

    def clear(self) -> None:
        """Delete the cache files; CacheError (one line) for what is not newslens's to delete."""
        with self._lock:
            self.close()
        folder = self.path.parent
        if folder.exists() and not folder.is_dir():
            raise CacheError(f"{printable(str(folder))}: the cache folder is a file, not a folder; newslens leaves it "
                             "alone (remove it, or set NEWSLENS_CACHE_DIR to another folder)")  # fmt: skip
        for suffix in ("", "-wal", "-shm"):
            target = Path(f"{self.path}{suffix}")
            try:
                if target.is_dir() and not target.is_symlink():
                    target.rmdir()  # an empty folder where a file belongs; a full one is not ours
                else:
                    target.unlink(missing_ok=True)
            except OSError as error:
                what = "is a folder with files in it; newslens leaves it alone" if target.is_dir() else "cannot delete"
                raise CacheError(f"{printable(str(target))}: {what} ({error.strerror or error})") from None


class _transaction:
    """``BEGIN IMMEDIATE … COMMIT`` (rollback on error) on an autocommit connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.DatabaseError:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise
        elif self.connection.in_transaction:  # SQLite has already rolled back after e.g. SQLITE_FULL
            self.connection.execute("ROLLBACK")


def _code(error: sqlite3.DatabaseError) -> int | None:
    """SQLite's primary result code of ``error`` (extended codes such as SQLITE_IOERR_WRITE
    reduced to SQLITE_IOERR), or None for an error newslens raised itself."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """The database file itself is damaged (or not a database), or its tables are not ours."""
    code = _code(error)
    return code in _CORRUPT or (code == sqlite3.SQLITE_ERROR and not _in_use(error)) or code is None


def _in_use(error: sqlite3.DatabaseError) -> bool:
    """Locked by another process, or not writable by this one."""
    message = str(error).lower()
    return any(word in message for word in ("locked", "busy", "readonly", "read-only"))


def _add_index(connection: sqlite3.Connection, name: str, statement: str) -> None:
    """Create an index that a cache made by an older newslens lacks, if that can be done at once;
    a locked or read-only cache works without it (more slowly), and is never deleted for it."""
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone():
        return
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        with contextlib.suppress(sqlite3.OperationalError):  # locked or read-only: go on without it
            connection.execute(statement)
    finally:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def default_cache(warn: Callable[[str], None] | None = None) -> AnnotationCache:
    """The cache in the platformdirs cache dir (``NEWSLENS_CACHE_DIR`` overrides)."""
    return AnnotationCache(cache_dir() / FILE_NAME, warn)
