"""Garbage collection is paused while newslens starts and resumed once it is up; the reader runs
the full collections while it idles (tui.collection)."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import tui.commands.read
import tui.screens.reader_loading
from tui import collection
from tui.app import NewslensApp
from tui.cli import main
from tui.loader import LoadRequest

SEEDS = Path(__file__).parents[1] / "seeds"


@pytest.fixture
def paused():
    """Collection paused as the console script does; the test process gets it back either way."""
    collection.pause_collection()
    yield
    collection._paused = False
    gc.unfreeze()
    gc.enable()


def tracked(thing: object) -> bool:
    """Whether later collections walk ``thing`` (frozen objects are not listed)."""
    return any(other is thing for other in gc.get_objects())


def test_resume_without_pause_changes_nothing():
    thing: list = [[]]
    collection.resume_collection()
    assert gc.isenabled() and tracked(thing)


def test_resume_freezes_the_objects_of_the_start(paused):
    assert not gc.isenabled()
    start_object: list = [[]]
    collection.resume_collection()
    assert gc.isenabled()
    assert not tracked(start_object)
    later_object: list = [[]]
    assert tracked(later_object)


def test_commands_resume_at_once(paused, capsys: pytest.CaptureFixture[str]):
    assert main(["list", str(SEEDS)]) == 0
    assert gc.isenabled()
    assert "Selenskyj" in capsys.readouterr().out


def test_the_reader_command_leaves_resuming_to_the_reader(paused, monkeypatch: pytest.MonkeyPatch):
    enabled_when_run = []
    monkeypatch.setattr(tui.commands.read, "run", lambda args: enabled_when_run.append(gc.isenabled()) or 0)
    assert main([str(SEEDS)]) == 0
    assert enabled_when_run == [False]


@dataclass
class ResumeSpy:
    """What the reader showed each time it resumed collection."""

    app: NewslensApp | None = None
    shown: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)

    def __call__(self) -> None:
        assert self.app is not None
        screen = self.app.screen
        article = screen.pane("A").view.article
        self.shown.append(article.title if article else screen.sub_title)
        self.mentions.append(len(article.mentions) if article else 0)
        collection.resume_collection()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> ResumeSpy:
    spy = ResumeSpy()
    monkeypatch.setattr(tui.screens.reader_loading, "resume_collection", spy)
    return spy


async def test_the_reader_resumes_once_its_articles_are_shown(paused, spy: ResumeSpy, seeds_store):
    spy.app = NewslensApp(LoadRequest([]), store=seeds_store)
    async with spy.app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert spy.shown and "Moskau" in spy.shown[0] and spy.mentions[0] > 0
        assert gc.isenabled()


async def test_a_cold_reader_resumes_with_the_plain_text(paused, spy: ResumeSpy, corpus_dir: Path):
    spy.app = NewslensApp(LoadRequest([corpus_dir / "good.txt"], use_cache=False))
    async with spy.app.run_test(size=(160, 45)) as pilot:
        await spy.app.workers.wait_for_complete()
        await pilot.pause()
        assert spy.shown[0] == "Selenskyj trifft Merz in Berlin"
        assert spy.mentions[0] == 0  # before annotation
        assert gc.isenabled()


async def test_the_reader_resumes_when_nothing_can_be_read(paused, spy: ResumeSpy, tmp_path: Path):
    spy.app = NewslensApp(LoadRequest([tmp_path / "missing.txt"]))
    async with spy.app.run_test(size=(160, 45)) as pilot:
        await spy.app.workers.wait_for_complete()
        await pilot.pause()
        assert spy.shown == ["nothing to read"]
        assert gc.isenabled()


async def test_the_reader_runs_full_collections_while_it_idles_and_gives_them_back(seeds_store):
    before = gc.get_threshold()
    app = NewslensApp(LoadRequest([]), store=seeds_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == collection.NEVER  # Python runs none of its own
        gc.collect(1)  # a young collection since the last full one: a full one is due
        assert gc.get_count()[2] >= collection.DUE
        app.collector.input()
        assert not app.collector.tick()  # a key just came: not now
        await pilot.pause(collection.IDLE_SECONDS + 2 * collection.CHECK_SECONDS)
        assert app.collector.full_collections >= 1  # the reader's own timer ran it
        before_key = app.collector.last_input
        await pilot.press("t")
        assert app.collector.last_input > before_key  # the key was seen: the next idle moment waits for it
    assert gc.get_threshold() == before
