"""--jobs: annotation in worker processes gives the same records as in one process."""

from __future__ import annotations

from core.analysis import Options, analyse
from core.corpus import load_corpus


def test_jobs_give_the_same_annotations(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = load_corpus().articles
    for number in range(6):
        article = seeds[number % 2]
        (corpus / f"a{number}.txt").write_text(article.text + f"\nNachtrag {number}.", encoding="utf-8")
    one = analyse([corpus], Options(use_cache=False))
    two = analyse([corpus], Options(use_cache=False, jobs=2))
    assert [a.mentions for a in one.articles] == [a.mentions for a in two.articles]
    assert [a.quotes for a in one.articles] == [a.quotes for a in two.articles]


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc, Linux)."""
    import os

    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stream:
                    fields = stream.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _alive(pids: set[int]) -> set[int]:

    alive = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as stream:
                if stream.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.add(pid)
        except OSError:
            pass
    return alive


import pytest  # noqa: E402


@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs Linux /proc")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_workers_end_with_their_parent(tmp_path, signal_name: str):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = load_corpus().articles
    for number in range(200):  # enough that the run is still going when the signal comes
        (corpus / f"a{number}.txt").write_text(seeds[number % 2].text + f"\nNachtrag {number}.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    parent = subprocess.Popen([sys.executable, "-m", "tui", "annotate", str(corpus), "--jobs", "3", "--no-cache"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)  # fmt: skip
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 3:
            time.sleep(0.5)
            workers = {pid for pid in _children(parent.pid) if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()}
        assert len(workers) >= 3, "the workers did not start"
        parent.send_signal(getattr(signal, signal_name))
        parent.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(workers), f"workers left behind: {_alive(workers)}"
        if signal_name == "SIGTERM":
            assert parent.returncode == 128 + signal.SIGTERM
            assert parent.stderr.read().decode().strip().splitlines()[-1] == "newslens: terminated (SIGTERM)"
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in _alive(workers):  # never leave them behind, even when the test fails
            os.kill(pid, signal.SIGKILL)
