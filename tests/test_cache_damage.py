"""A damaged cache under attack: rows that do not validate, a full disk, a newer layout,
``cache clear`` on a path of the wrong kind, and paths served from a warm cache."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from core.analysis import Options, analyse, open_corpus
from core.cache import SCHEMA_VERSION, AnnotationCache, default_cache
from core.errors import CacheError
from core.store import CachedStore, MemoryStore

TEXTS = {
    "a.txt": "Merz trifft Selenskyj\nFriedrich Merz traf Wolodymyr Selenskyj in Berlin.\n",
    "b.txt": "Putin droht\n„Wir werden antworten“, sagte Putin in Moskau.\n",
}
DAMAGE = {
    "article-json": "UPDATE corpus_articles SET data = '{x' WHERE position = 1",
    "article-record": """UPDATE corpus_articles SET data = '{"id": 1}'""",
    "counts": "UPDATE corpus_articles SET counts = 'nope'",
    "files-articles": "UPDATE files SET articles = 'garbage'",
    "files-problems": "UPDATE files SET problems = '[1, 2'",
    "entities": """UPDATE corpora SET entities = '[{"x": 1}]'""",
    "index": "UPDATE corpora SET idx = x'00112233'",
    "annotations": "UPDATE annotations SET data = '{}'",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def contract(store) -> list[dict]:
    return [article.model_dump(mode="json") for article in store.articles]


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_row_that_does_not_validate_is_a_miss_warned_once_and_rewritten(corpus: Path, damage: str):
    expected = contract(analyse([corpus], Options()))
    with sqlite3.connect(default_cache().path) as connection:
        connection.execute(damage)
    warnings: list[str] = []
    again = analyse([corpus], Options(warn=warnings.append))
    if damage.startswith("UPDATE annotations"):  # not read by a warm start: the next cold one meets it
        assert contract(again) == expected and warnings == []
        with sqlite3.connect(default_cache().path) as connection:
            connection.execute("DELETE FROM corpora")
        again = analyse([corpus], Options(warn=warnings.append))
    assert contract(again) == expected
    assert len(warnings) == 1 and "does not validate" in warnings[0], warnings
    quiet: list[str] = []
    third = analyse([corpus], Options(warn=quiet.append))
    assert isinstance(third, CachedStore) and contract(third) == expected and quiet == []  # rewritten


def test_a_rebuilt_corpus_that_lost_an_article_on_disk_is_one_clear_error(corpus: Path):
    store = analyse([corpus], Options())
    with sqlite3.connect(default_cache().path) as connection:
        connection.execute("UPDATE corpus_articles SET data = '{x' WHERE position = 1")
    (corpus / "b.txt").write_text("Ganz neu\nEin anderer Text.\n", encoding="utf-8")
    store = analyse([corpus], Options())  # b.txt changed: cold, fine
    assert isinstance(store, MemoryStore)
    warm = analyse([corpus], Options())
    with sqlite3.connect(default_cache().path) as connection:
        connection.execute("UPDATE corpus_articles SET data = '{x' WHERE position = 1")
    (corpus / "b.txt").write_text("Noch einmal neu\nUnd wieder anders.\n", encoding="utf-8")
    with pytest.raises(CacheError, match="changed"):
        warm.article(warm.infos[1].id)


def test_a_full_disk_keeps_the_cache(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    analyse([corpus], Options())
    path = default_cache().path
    size = path.stat().st_size
    (corpus / "c.txt").write_text("Neu\nScholz in Paris.\n", encoding="utf-8")
    connect = sqlite3.connect

    def full(*args, **kwargs):  # the database may not grow: SQLITE_FULL, as on a full disk
        connection = connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(sqlite3, "connect", full)
    warnings: list[str] = []
    store = analyse([corpus], Options(warn=warnings.append))
    assert len(store) == 3
    assert warnings and all("full" in w and "rebuilt" not in w for w in warnings), warnings
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert path.stat().st_size == size
    assert AnnotationCache(path).info().corpora == 1  # what was there is still there


def test_a_newer_layout_is_refused_politely_and_kept(corpus: Path):
    analyse([corpus], Options())
    path = default_cache().path
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    warnings: list[str] = []
    assert len(analyse([corpus], Options(warn=warnings.append))) == 2
    (warning,) = warnings
    assert "newer newslens" in warning and "cache clear" in warning
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM corpora").fetchone()[0] == 1  # not deleted


def test_clear_when_the_cache_folder_is_a_file(tmp_path: Path):
    blocker = tmp_path / "cachefile"
    blocker.write_text("not ours", encoding="utf-8")
    with pytest.raises(CacheError, match="is a file, not a folder"):
        AnnotationCache(blocker / "annotations.sqlite3").clear()
    assert blocker.read_text(encoding="utf-8") == "not ours"


def test_clear_when_the_database_path_is_a_folder(tmp_path: Path):
    empty = tmp_path / "one" / "annotations.sqlite3"
    empty.mkdir(parents=True)
    AnnotationCache(empty).clear()  # an empty folder where the database belongs: removed
    assert not empty.exists()
    full = tmp_path / "two" / "annotations.sqlite3"
    full.mkdir(parents=True)
    (full / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CacheError, match="is a folder"):
        AnnotationCache(full).clear()
    assert (full / "keep.txt").exists()


def test_paths_come_from_this_run_not_from_the_warm_cache(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    (corpus / "bad.jsonl").write_text('{"title": "R", "text": "Scholz in Kiew."}\n{broken\n', encoding="utf-8")
    monkeypatch.chdir(corpus.parent)
    cold = analyse(["corpus"], Options())
    assert cold.infos[0].path == os.path.join("corpus", "a.txt")
    monkeypatch.chdir(corpus)
    steps = list(open_corpus(["."], Options()))
    warm = steps[-1].store
    assert isinstance(warm, CachedStore)
    assert [info.path for info in warm.infos] == ["a.txt", "b.txt", "bad.jsonl#1"]
    assert [article.path for article in warm.articles] == ["a.txt", "b.txt", "bad.jsonl#1"]
    assert warm.problems == ["bad.jsonl:2: invalid JSON line: Expecting property name enclosed in double quotes"]
