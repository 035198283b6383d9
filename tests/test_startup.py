"""Garbage collection is paused while newslens starts and resumed once it is up (tui.startup)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tui import startup
from tui.app import NewslensApp
from tui.cli import main
from tui.loader import LoadRequest

SEEDS = Path(__file__).parents[1] / "seeds"


@pytest.fixture
def paused():
    """Collection paused as the console script does; the test process gets it back either way."""
    startup.pause_collection()
    yield
    startup._paused = False
    gc.unfreeze()
    gc.enable()


def test_resume_without_pause_changes_nothing():
    frozen = gc.get_freeze_count()
    startup.resume_collection()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_resume_freezes_the_objects_of_the_start(paused):
    assert not gc.isenabled()
    start_objects = [[number] for number in range(1000)]
    startup.resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(start_objects)


def test_commands_resume_at_once(paused, capsys: pytest.CaptureFixture[str]):
    assert main(["list", str(SEEDS)]) == 0
    assert gc.isenabled()
    assert "Selenskyj" in capsys.readouterr().out


async def test_the_reader_resumes_once_its_articles_are_painted(paused, seeds_store):
    app = NewslensApp(LoadRequest([]), store=seeds_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.screen.pane("A").view.article is not None
        assert gc.isenabled()
