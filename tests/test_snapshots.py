"""Screens of the reader at a fixed terminal size (pytest-textual-snapshot).

Update the references after an intended change with ``pytest --snapshot-update``
and look at the report before committing them.
"""

from __future__ import annotations

import pytest

from tui.app import NewslensApp
from tui.loader import LoadRequest

SIZE = (160, 45)


@pytest.fixture
def app(seeds_store) -> NewslensApp:
    return NewslensApp(LoadRequest([]), store=seeds_store)


async def settle(pilot) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_filters_applied(snap_compare, app):
    async def before(pilot):
        await pilot.press("1", "6", "d")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_entity_selected_from_index(snap_compare, app):
    async def before(pilot):
        index = pilot.app.screen.query_one("#index")
        index.focus()
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_compare_mode(snap_compare, app):
    async def before(pilot):
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare, app):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


@pytest.mark.parametrize("theme", ["newslens-light", "newslens-okabe-ito"])
def test_themes(snap_compare, app, theme):
    async def before(pilot):
        pilot.app.theme = theme
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_narrow_terminal(snap_compare, app):
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)
