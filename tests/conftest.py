"""Shared fixtures: small corpora written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_TEXT = (
    "Selenskyj trifft Merz in Berlin\n"
    "\n"
    "Der ukrainische Präsident Wolodymyr Selenskyj ist am Montag in Berlin eingetroffen.\n"
    "„Wir brauchen mehr Luftabwehr“, sagte Selenskyj.\n"
)
HOSTILE_TEXT = (
    "Titel mit [bold red]Markup[/] und <script>alert('x')</script>\n"
    "Ein Absatz mit \x1b[31mANSI-Rot\x1b[0m, [link=https://evil.example]Link[/link] & <b>HTML</b>.\n"
    "Bidi: \u202eabc\u202c und \u2067isoliert\u2069 – „Zitat“, sagte Müller.\n"
    "Ein Steuerzeichen\x07 und ein Rückschritt\x08 und $variable und {{ jinja }}.\n"
)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A folder with good and bad files of every kind the loader meets."""
    (tmp_path / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(
        "Ärger über Öl – Gespräche in Köln\nDie Straße ist gesperrt – sagte Jürgen Groß.\n".encode("cp1252")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    return tmp_path


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """An article full of markup, ANSI, bidi controls and HTML."""
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's config, cache or state: every test gets its own."""
    base = tmp_path_factory.mktemp("newslens-home")
    for name in ("CONFIG", "CACHE", "STATE"):
        monkeypatch.setenv(f"NEWSLENS_{name}_DIR", str(base / name.lower()))


@pytest.fixture(scope="session")
def seeds_store():
    """The bundled seeds analysed once per session with the shipped model (no cache)."""
    from core.analysis import Options, analyse

    return analyse(None, Options(use_cache=False))


@pytest.fixture(scope="session")
def nlp():
    """The full newslens pipeline (built once per process)."""
    from core.pipeline import load_pipeline

    return load_pipeline()
