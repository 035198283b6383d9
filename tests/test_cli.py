"""The command line: help, version, list, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import __version__
from tui.cli import main


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run newslens in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],  # as the console script does
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1])},
    )


def test_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"newslens {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "list" in out and "read" in out


def test_list_seeds_shows_german_titles():
    result = run_cli("list", cwd=Path("/"))
    assert result.returncode == 0, result.stderr
    assert "Trump fragte Selenskyj, ob die Ukraine Moskau angreifen könnte" in result.stdout
    assert "13" in result.stdout and "19" in result.stdout
    assert result.stderr == ""


def test_list_good_and_bad_files(corpus_dir: Path):
    names = ["good.txt", "empty.txt", "blob.bin", "latin1.txt"]
    result = run_cli("list", *names, cwd=corpus_dir)
    assert result.returncode == 0
    assert "Selenskyj trifft Merz in Berlin" in result.stdout
    assert "Ärger über Öl – Gespräche in Köln" in result.stdout
    assert "cp1252" in result.stdout
    assert result.stderr.splitlines() == [
        "newslens: empty.txt: empty file",
        "newslens: blob.bin: binary file (contains NUL bytes)",
    ]


def test_nothing_loaded_exits_nonzero_without_traceback():
    result = run_cli("list", "no/such/dir")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "newslens: no/such/dir: no such file or directory",
        "newslens: no articles could be loaded (see the lines above)",
    ]


def test_markup_in_titles_is_printed_literally(hostile_file: Path):
    result = run_cli("list", str(hostile_file))
    assert result.returncode == 0
    assert "[bold red]Markup[/]" in result.stdout
    assert "\x1b" not in result.stdout  # no ANSI from the article reaches the terminal


def test_control_characters_in_file_names_are_escaped(tmp_path: Path):
    result = run_cli("list", str(tmp_path / "evil\x1b[31m.txt"))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[31m.txt" in result.stderr


def test_bad_max_size_is_a_usage_error():
    result = run_cli("list", "--max-size", "lots")
    assert result.returncode == 2
    assert "not a number of megabytes" in result.stderr


def test_cache_help_offers_neither_paths_nor_a_size_limit(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["cache", "--help"])
    out = capsys.readouterr().out
    assert "--max-size" not in out and "PATH" not in out and "info" in out
