"""The attack list of issue 14, end to end through the command line, one row each.

Every row runs ``newslens`` in a child process, as a user would, and checks the
README's promises: no traceback, every problem is one ``newslens: …`` line, no raw
escape character reaches the terminal, no text is lost, nothing hangs (timeouts).
Full disk and orphan workers are tested elsewhere (test_cache_damage, test_parallel):
they need a database that cannot grow and a process tree to watch.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Scholz in Berlin\nBundeskanzler Olaf Scholz traf Emmanuel Macron in Berlin.\n"


@dataclass
class Run:
    """What one newslens call printed."""

    code: int
    out: str
    err: str

    def article_texts(self) -> list[str]:
        return [article["text"] for article in json.loads(self.out)["articles"]]


def newslens(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    environment = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, cwd=cwd, env=environment,
                          timeout=timeout)  # fmt: skip
    run = Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
    assert "Traceback" not in run.err, run.err
    assert all(line.startswith("newslens: ") for line in run.err.splitlines()), run.err
    for stream in (run.out, run.err):
        assert "\x1b" not in stream and "\x07" not in stream, stream
    return run


def cache_file() -> Path:
    return Path(os.environ["NEWSLENS_CACHE_DIR"]) / "annotations.sqlite3"


# -- the rows: each prepares its input in a folder and checks what newslens did ----------------


def osc_in_text(folder: Path) -> None:
    (folder / "osc.txt").write_bytes(b"T\nScholz traf \x1b]0;Macron. Danach Kiew.\nZweiter Absatz.\n")
    run = newslens("annotate", "osc.txt", "--no-cache", cwd=folder)
    assert run.code == 0 and run.article_texts() == ["T\nScholz traf 0;Macron. Danach Kiew.\nZweiter Absatz."]


def mojibake_in_json(folder: Path) -> None:
    text = "Er sagte: „Wir kommen nach Köln.“ Dann ging er.".encode().decode("latin-1")
    (folder / "moji.json").write_text(json.dumps({"title": "Zitat", "text": text}), encoding="utf-8")
    run = newslens("annotate", "moji.json", "--no-cache", cwd=folder)
    assert run.article_texts() == ["Zitat\nEr sagte: „Wir kommen nach Köln.“ Dann ging er."]


def surrogate_in_jsonl(folder: Path) -> None:
    lines = ['{"title": "E \\ud83d", "text": "Scholz traf Macron."}', '{"title": "Zwei", "text": "Merz in Berlin."}']
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = newslens("annotate", "records.jsonl", "--no-cache", cwd=folder)
    assert run.code == 0 and run.article_texts() == ["E \ufffd\nScholz traf Macron.", "Zwei\nMerz in Berlin."]


def deep_nesting(folder: Path) -> None:
    deep = '{"title": "T", "text": "x", "n": ' + "[" * 1000 + "]" * 1000 + "}"
    (folder / "records.jsonl").write_text(deep + '\n{"title": "Zwei", "text": "Merz in Berlin."}\n', encoding="utf-8")
    run = newslens("list", "records.jsonl", cwd=folder)
    assert run.code == 0 and "Zwei" in run.out
    assert run.err == "newslens: records.jsonl:1: invalid JSON line: nested too deeply\n"


def huge_number(folder: Path) -> None:
    (folder / "one.json").write_text('{"title": "Zahl", "text": "Merz.", "n": ' + "1" * 5000 + "}", encoding="utf-8")
    run = newslens("list", "one.json", cwd=folder)
    assert run.code == 0 and "Zahl" in run.out and run.err == ""


def fifo_in_folder(folder: Path) -> None:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    run = newslens("list", ".", cwd=folder, timeout=60)
    assert run.code == 0 and run.err == "newslens: b.txt: not a regular file (a FIFO)\n"


def endless_device(folder: Path) -> None:
    run = newslens("list", "/dev/urandom", "--max-size", "1", cwd=folder, timeout=60)
    first = run.err.splitlines()[0]
    assert run.code == 1 and first == "newslens: /dev/urandom: not a regular file (a character device)"


def damaged_cache_row(folder: Path) -> None:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("Merz in Paris\nFriedrich Merz sprach in Paris.\n", encoding="utf-8")
    first = newslens("annotate", ".", cwd=folder)
    with sqlite3.connect(cache_file()) as connection:
        connection.execute("UPDATE corpus_articles SET data = '{x' WHERE position = 1")
    run = newslens("annotate", ".", "-o", "out.json", cwd=folder)
    assert run.code == 0 and json.loads((folder / "out.json").read_text(encoding="utf-8")) == json.loads(first.out)
    assert run.err.count("does not validate") == 1
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "out.json"]  # no .tmp left
    assert newslens("annotate", ".", cwd=folder).err == ""  # rewritten


def broken_model(folder: Path) -> None:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "model").mkdir()
    (folder / "model" / "meta.json").write_text("{bad", encoding="utf-8")
    run = newslens("annotate", "a.txt", "--model", "model", "--no-cache", cwd=folder)
    assert run.code == 1 and len(run.err.splitlines()) == 1 and "meta.json" in run.err


def cache_clear_on_a_file(folder: Path) -> None:
    (folder / "cachefile").write_text("not ours", encoding="utf-8")
    run = newslens("cache", "clear", cwd=folder, env={"NEWSLENS_CACHE_DIR": str(folder / "cachefile")})
    assert run.code == 1 and "is a file, not a folder" in run.err
    assert (folder / "cachefile").read_text(encoding="utf-8") == "not ours"


def escapes_in_file_names(folder: Path) -> None:
    (folder / "osc\x1b]0;PWNED\x07.txt").write_text(GOOD, encoding="utf-8")
    (folder / "x\udcff.txt").write_text("Merz in Paris\nFriedrich Merz sprach.\n", encoding="utf-8")
    run = newslens("annotate", ".", "weg\x1b[2J.txt", cwd=folder)
    paths = [article["path"] for article in json.loads(run.out)["articles"]]
    assert paths == ["osc\\x1b]0;PWNED\\x07.txt", "x\\xff.txt"]
    assert run.err == "newslens: weg\\x1b[2J.txt: no such file or directory\n"


def unreadable_subfolder(folder: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads folders without read permission (test_corpus covers it)")
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret").mkdir()
    (folder / "secret").chmod(0)
    try:
        run = newslens("list", ".", cwd=folder)
    finally:
        (folder / "secret").chmod(0o755)
    assert run.err == "newslens: secret: cannot read folder: Permission denied\n"


def paths_of_this_run(folder: Path) -> None:
    (folder / "orig").mkdir()
    (folder / "orig" / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "orig" / "r.jsonl").write_text('{"title": "R", "text": "Merz."}\n{bad\n', encoding="utf-8")
    newslens("annotate", "orig", cwd=folder)
    run = newslens("annotate", ".", cwd=folder / "orig")
    assert [a["path"] for a in json.loads(run.out)["articles"]] == ["a.txt", "r.jsonl#1"]
    assert run.err.startswith("newslens: r.jsonl:2: invalid JSON line")


def utf16_without_bom(folder: Path) -> None:
    (folder / "u16.txt").write_bytes("Ärger über Öl\nDie Straße ist gesperrt.\n".encode("utf-16-le"))
    run = newslens("list", "u16.txt", cwd=folder)
    assert run.code == 0 and "Ärger über Öl" in run.out and "utf-16-le" in run.out


def mixed_utf8(folder: Path) -> None:
    (folder / "mixed.txt").write_bytes("Köln\nÄrger in München.\n".encode() + "Jürgen Groß.\n".encode("cp1252"))
    run = newslens("annotate", "mixed.txt", "--no-cache", cwd=folder)
    assert run.article_texts() == ["Köln\nÄrger in München.\nJürgen Groß."]


def default_limit_in_mb(folder: Path) -> None:
    with (folder / "big.txt").open("wb") as stream:
        stream.truncate(20 * 2**20 + 1)
    run = newslens("list", "big.txt", cwd=folder)
    expected = "newslens: big.txt: file is 20 MB, over the 20 MB limit (raise it with --max-size)"
    assert run.err.splitlines()[0] == expected


def newer_cache_layout(folder: Path) -> None:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    newslens("annotate", "a.txt", cwd=folder)
    with sqlite3.connect(cache_file()) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    run = newslens("annotate", "a.txt", cwd=folder)
    assert run.code == 0 and "newer newslens" in run.err and cache_file().exists()


def unknown_entity_reference(folder: Path) -> None:
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    config = Path(os.environ["NEWSLENS_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "entities.toml").write_text('[[merge]]\nentities = ["Olaf Scholz", "Olaf Scholtz"]\n', encoding="utf-8")
    run = newslens("entities", "a.txt", "--no-cache", cwd=folder)
    assert run.err == "newslens: entities.toml: merge 1: no entity 'Olaf Scholtz' in this corpus\n"


def cache_help(folder: Path) -> None:
    run = newslens("cache", "--help", cwd=folder)
    assert run.code == 0 and "--max-size" not in run.out and "PATH" not in run.out


ATTACKS: dict[str, Callable[[Path], None]] = {
    "1-osc-in-text": osc_in_text,
    "1-mojibake-quote": mojibake_in_json,
    "2-lone-surrogate": surrogate_in_jsonl,
    "2-deep-nesting": deep_nesting,
    "2-huge-number": huge_number,
    "3-fifo": fifo_in_folder,
    "3-dev-urandom": endless_device,
    "4-damaged-cache-row": damaged_cache_row,
    "5-broken-model": broken_model,
    "6-cache-clear-on-a-file": cache_clear_on_a_file,
    "7-escapes-in-file-names": escapes_in_file_names,
    "8-unreadable-subfolder": unreadable_subfolder,
    "9-paths-of-this-run": paths_of_this_run,
    "12-utf16-without-bom": utf16_without_bom,
    "12-mixed-utf8": mixed_utf8,
    "12-default-limit-20-mb": default_limit_in_mb,
    "12-newer-cache-layout": newer_cache_layout,
    "12-unknown-entity-reference": unknown_entity_reference,
    "12-cache-help": cache_help,
}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack(tmp_path: Path, attack: Callable[[Path], None]):
    folder = tmp_path / "work"
    folder.mkdir()
    attack(folder)
