"""The annotation cache: round trips, and corruption, outdated layout, concurrency."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from core.cache import SCHEMA_VERSION, AnnotationCache, FileRecord
from core.index import CorpusIndex
from core.models import AnnotatedArticle, Entity, Mention
from core.store import CachedStore

TEXT = "Trump trifft Putin."


def article(article_id: str = "a-1") -> AnnotatedArticle:
    mentions = (Mention(start=0, end=5, text="Trump", label="PERSON", entity="person:trump"),
                Mention(start=13, end=18, text="Putin", label="PERSON", entity="person:putin"))  # fmt: skip
    return AnnotatedArticle(id=article_id, title=TEXT, path="x.txt", text=TEXT, paragraphs=((0, len(TEXT)),),
                            mentions=mentions)  # fmt: skip


def entities() -> list[Entity]:
    return [Entity(id="person:trump", label="PERSON", name="Trump", mentions=1, articles=("a-1",)),
            Entity(id="person:putin", label="PERSON", name="Putin", mentions=1, articles=("a-1",))]  # fmt: skip


@pytest.fixture
def warnings() -> list[str]:
    return []


@pytest.fixture
def cache(tmp_path: Path, warnings: list[str]) -> AnnotationCache:
    return AnnotationCache(tmp_path / "cache.sqlite3", warn=warnings.append)


def fill(cache: AnnotationCache) -> None:
    cache.put_annotations("fp", [("hash-1", article())])
    index = CorpusIndex.build([article()])
    cache.put_corpus("key", "corpus", "fp", [article()], entities(), index)


def test_annotations_round_trip(cache: AnnotationCache, warnings: list[str]):
    fill(cache)
    mentions, quotes = cache.annotations("fp", ["hash-1", "missing"])["hash-1"]
    assert mentions == article().mentions and quotes == ()
    assert cache.annotations("other-pipeline", ["hash-1"]) == {}
    assert warnings == []


def test_corpus_round_trip_served_lazily(cache: AnnotationCache):
    fill(cache)
    name, pipeline, blob, index, infos = cache.corpus("key")
    store = CachedStore(cache, "key", name, pipeline, blob, index, infos, [])
    assert [info.id for info in store.infos] == ["a-1"]
    assert store.entity("person:trump").name == "Trump"
    assert store.article("a-1") == article()
    assert store.index.counts("a-1") == {"person:trump": 1, "person:putin": 1}
    assert cache.corpus("other-key") is None


def test_files_are_matched_by_size_mtime_and_limit(cache: AnnotationCache, tmp_path: Path):
    source = tmp_path / "a.txt"
    source.write_text("Titel\nText", encoding="utf-8")
    cache.put_files({source: FileRecord([("a-1", "")], [])}, max_bytes=100)
    assert cache.files([source], max_bytes=100) == {source: FileRecord([("a-1", "")], [])}
    assert cache.files([source], max_bytes=200) == {}  # another size limit: read again
    source.write_text("Titel\nText geändert", encoding="utf-8")
    assert cache.files([source], max_bytes=100) == {}


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"this is not a database at all" * 100),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3]),
        lambda path: path.write_bytes(bytes(range(256)) * 64),
    ],
    ids=["garbage", "truncated", "binary-noise"],
)
def test_corrupt_cache_is_rebuilt_with_one_warning(tmp_path: Path, damage):
    path = tmp_path / "cache.sqlite3"
    first = AnnotationCache(path)
    fill(first)
    first.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    damage(path)
    warnings: list[str] = []
    again = AnnotationCache(path, warn=warnings.append)
    assert again.annotations("fp", ["hash-1"]) == {}  # a miss, not a crash
    fill(again)
    assert again.annotations("fp", ["hash-1"])  # and usable again
    assert len(warnings) == 1 and str(path) in warnings[0] and "rebuilt" in warnings[0]


def test_outdated_layout_is_rebuilt(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    fill(AnnotationCache(path))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION - 1),))
    warnings: list[str] = []
    again = AnnotationCache(path, warn=warnings.append)
    assert again.annotations("fp", ["hash-1"]) == {}
    assert len(warnings) == 1 and "outdated" in warnings[0]


def test_unwritable_cache_folder_means_no_cache(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    warnings: list[str] = []
    cache = AnnotationCache(blocker / "cache.sqlite3", warn=warnings.append)
    cache.put_annotations("fp", [("h", article())])
    assert cache.annotations("fp", ["h"]) == {}
    assert len(warnings) == 1 and "continuing without it" in warnings[0]


def _writer(path: str, worker: int) -> None:
    cache = AnnotationCache(Path(path))
    for number in range(30):
        cache.put_annotations("fp", [(f"{worker}-{number}", article(f"a-{worker}-{number}"))])
    cache.close()


def test_concurrent_writers_do_not_corrupt(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    AnnotationCache(path).info()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), n)) for n in range(3)]
    for process in workers:
        process.start()
    _writer(str(path), 9)
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    cache = AnnotationCache(path)
    assert cache.info().annotations == 4 * 30
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_locked_cache_is_bypassed(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    fill(AnnotationCache(path))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    warnings: list[str] = []
    cache = AnnotationCache(path, warn=warnings.append)
    import core.cache as module

    original, module.BUSY_TIMEOUT_MS = module.BUSY_TIMEOUT_MS, 200
    try:
        cache.put_annotations("fp", [("new", article())])  # must not raise
    finally:
        module.BUSY_TIMEOUT_MS = original
        blocker.execute("ROLLBACK")
        blocker.close()
    assert any("busy" in w or "locked" in w for w in warnings)


def test_info_and_clear(cache: AnnotationCache):
    fill(cache)
    info = cache.info()
    assert (info.annotations, info.corpora, info.fingerprints) == (1, 1, ["fp"])
    cache.clear()
    assert not cache.path.exists()


def test_a_relative_folder_with_records_opens_warm_the_second_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from core.analysis import Options, Ready, open_corpus

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("Trump trifft Putin\nTrump trifft Putin in Moskau.", encoding="utf-8")
    records = [{"title": "Selenskyj in Kiew", "text": "Selenskyj sprach in Kiew."},
               {"title": "Scholz in Berlin", "text": "Scholz sprach in Berlin."}]  # fmt: skip
    (folder / "many.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n{broken\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cold = list(open_corpus(["./docs"], Options()))
    assert isinstance(cold[-1], Ready) and not cold[-1].from_cache
    warm = list(open_corpus(["docs/"], Options()))
    assert len(warm) == 1 and isinstance(warm[0], Ready) and warm[0].from_cache
    assert len(warm[0].store) == 3
    assert [problem.split(": ", 1)[1] for problem in warm[0].store.problems] == [
        problem.split(": ", 1)[1] for problem in cold[-1].store.problems
    ]
    assert any("many.jsonl" in problem for problem in warm[0].store.problems)


def test_the_article_list_is_read_without_the_articles(cache: AnnotationCache):
    fill(cache)
    connection = sqlite3.connect(cache.path)
    plan = connection.execute(
        "EXPLAIN QUERY PLAN SELECT article_id, title, path FROM corpus_articles WHERE key = ? ORDER BY position",
        ("key",),
    ).fetchall()
    assert "COVERING INDEX corpus_infos" in " ".join(str(row) for row in plan)
    assert cache.corpus("key")[4] == [("a-1", TEXT, "x.txt")]


def test_a_cache_from_before_the_index_opens_while_another_process_writes(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    fill(AnnotationCache(path))
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("DROP INDEX corpus_infos")  # as a cache made by the previous release
    old.execute("BEGIN IMMEDIATE")  # another newslens in the middle of a write
    warnings: list[str] = []
    try:
        cache = AnnotationCache(path, warn=warnings.append)
        assert cache.corpus("key")[4] == [("a-1", TEXT, "x.txt")]  # served, not deleted for the index
    finally:
        old.execute("ROLLBACK")
    assert warnings == []
    cache.close()
    cache = AnnotationCache(path)
    assert cache.corpus("key") is not None  # the next open adds the index
    indexes = old.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    assert ("corpus_infos",) in indexes
    old.close()


def test_a_read_only_cache_is_used_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "cache.sqlite3"
    fill(AnnotationCache(path))
    size = path.stat().st_size
    connect = sqlite3.connect  # open read-only, as for a cache folder the user cannot write (works as root too)
    monkeypatch.setattr(
        sqlite3, "connect", lambda where, **options: connect(f"file:{where}?mode=ro", uri=True, **options)
    )
    warnings: list[str] = []
    cache = AnnotationCache(path, warn=warnings.append)
    assert cache.corpus("key")[4] == [("a-1", TEXT, "x.txt")]
    cache.put_annotations("fp", [("new", article())])  # cannot be written: must not raise
    assert cache.annotations("fp", ["hash-1"])  # still served
    assert path.exists() and path.stat().st_size == size
    assert warnings and not any("rebuilt" in w for w in warnings)
