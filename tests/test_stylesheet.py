"""The reader's stylesheet (tui.stylesheet): themes switch without parsing again, and the screen
after a switch is the screen of a reader started in that theme."""

from __future__ import annotations

import pytest
import textual.css.stylesheet as textual_stylesheet
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app import NewslensApp
from tui.loader import LoadRequest
from tui.stylesheet import THEMES_KEPT, ThemeStylesheet, batched_refreshes

SIZE = (160, 45)


def warm_all(app: NewslensApp) -> int:
    """Parse every theme ahead, as the idle timer does one theme per tick; the number parsed."""
    parsed = 0
    while app.warm_a_theme():
        parsed += 1
    return parsed


def count_refreshes(*widgets) -> list[tuple[str, bool]]:
    """Record (widget id, layout) of every ``refresh`` of ``widgets`` from now on."""
    calls: list[tuple[str, bool]] = []
    for widget in widgets:
        real = widget.refresh

        def counting(*regions, layout=False, _real=real, _id=widget.id, **options):
            calls.append((_id, layout))
            return _real(*regions, layout=layout, **options)

        widget.refresh = counting
    return calls


def reader(store, theme: str | None = None) -> NewslensApp:
    app = NewslensApp(LoadRequest([]), store=store)
    if theme:
        app.saved_state = app.saved_state.model_copy(update={"theme": theme})
    return app


async def test_variables_of_a_theme_are_those_it_has_when_current(seeds_store):
    app = reader(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in sorted(app.themes.themes):
            app.theme = name
            await pilot.pause()
            assert app.variables_of(app.get_theme(name)) == app.get_css_variables()


async def test_idle_reader_parses_its_themes_ahead_and_t_parses_nothing(seeds_store, monkeypatch):
    app = reader(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warm_all(app)
        stylesheet = app.stylesheet
        assert isinstance(stylesheet, ThemeStylesheet)
        assert all(stylesheet.is_warm(app.variables_of(app.get_theme(n))) for n in app.themes.themes)
        parsed = []
        real_parse = textual_stylesheet.parse
        monkeypatch.setattr(textual_stylesheet, "parse", lambda *a, **k: parsed.append(a) or real_parse(*a, **k))
        for _ in app.themes.themes:
            before = app.theme
            await pilot.press("t")
            await pilot.pause()
            assert app.theme != before
        assert parsed == []
        assert any("Theme: " in n.message for n in app._notifications)  # the toast still tells the name


async def test_idle_timer_warms_the_themes(seeds_store):
    app = reader(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        stylesheet = app.stylesheet

        def warm() -> bool:
            return all(stylesheet.is_warm(app.variables_of(app.get_theme(n))) for n in app.themes.themes)

        for _ in range(100):  # idle: the timer parses one theme per tick (four ticks a second)
            if warm():
                break
            await pilot.pause(0.1)
        assert warm()


@pytest.mark.parametrize("target", ["newslens-light", "newslens-okabe-ito"])
async def test_switched_screen_is_the_screen_of_a_reader_started_in_the_theme(seeds_store, target):
    switched = reader(seeds_store, "newslens-dark")
    async with switched.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warm_all(switched)
        switched.theme = target
        await pilot.pause()
        switched.clear_notifications()
        await pilot.pause()
        after_switch = switched.export_screenshot()
    started = reader(seeds_store, target)
    async with started.run_test(size=SIZE) as pilot:
        await pilot.pause()
        started.clear_notifications()
        await pilot.pause()
        fresh = started.export_screenshot()
    same = after_switch == fresh  # (pytest's diff of two screenshots takes minutes)
    assert same, f"the screen after switching to {target} is not that of a reader started in it"


class Two(App[None]):
    def compose(self) -> ComposeResult:
        with Static(id="outer"):
            yield Static("inner", id="inner")


async def test_batched_refreshes_repaint_each_widget_once_and_keep_layout_requests():
    app = Two()
    async with app.run_test() as pilot:
        outer, inner = app.query_one("#outer"), app.query_one("#inner")
        calls = count_refreshes(outer, inner)
        with batched_refreshes():
            outer.styles.color = "red"  # repaints outer and every descendant
            outer.styles.background = "blue"
            inner.styles.width = 3  # a layout
            assert calls == []
        assert sorted(calls) == [("inner", True), ("outer", False)]
        await pilot.pause()
        assert inner.size.width == 3 and outer.styles.color.rgb == (255, 0, 0)
        outer.styles.color = "green"  # outside the block Textual refreshes as it always does
        assert ("outer", False) in calls[2:]


def test_a_theme_whose_css_does_not_parse_leaves_the_rules_in_use():
    stylesheet = ThemeStylesheet(variables={"ink": "red"})
    stylesheet.add_source("Static { color: $ink; }", read_from=("test", "ink"))
    stylesheet.parse()
    rules = stylesheet.rules
    stylesheet.warm({"ink": "not-a-colour"})  # skipped quietly: applying it reports the problem
    stylesheet.set_variables({"ink": "not-a-colour"})
    with pytest.raises(textual_stylesheet.StylesheetError):
        stylesheet.reparse()
    assert stylesheet.rules is rules
    stylesheet.set_variables({"ink": "red"})
    stylesheet.reparse()  # back to a theme seen before: parsed from its cache
    assert [rule.css for rule in stylesheet.rules] == [rule.css for rule in rules]


def test_a_failed_source_is_tried_again_on_the_next_reparse():
    stylesheet = ThemeStylesheet(variables={"ink": "red"})
    stylesheet.add_source("Static { color: $ink; }", read_from=("test", "ink"))
    stylesheet.add_source("Label { color: blue; }", read_from=("test", "plain"))
    stylesheet.parse()
    stylesheet.set_variables({"ink": "not-a-colour"})
    for _ in range(2):  # not parsed without the failing source the second time
        with pytest.raises(textual_stylesheet.StylesheetError):
            stylesheet.reparse()
        assert len(stylesheet.rules) == 2


def test_a_source_that_never_parses_does_not_hold_up_the_warm_up():
    stylesheet = ThemeStylesheet(variables={"ink": "red"})
    stylesheet.add_source("Static { color: $missing; }", read_from=("test", "missing"))
    stylesheet.add_source("Label { color: $ink; }", read_from=("test", "ink"))
    for ink in ("red", "green"):
        stylesheet.warm({"ink": ink})
        assert stylesheet.is_warm({"ink": ink})


def test_parse_caches_are_bounded_and_shared_by_a_copy():
    stylesheet = ThemeStylesheet(variables={"ink": "red"})
    stylesheet.add_source("Label { color: $ink; }", read_from=("test", "ink"))
    for shade in range(THEMES_KEPT + 5):
        stylesheet.warm({"ink": f"#0000{shade:02x}"})
    assert len(stylesheet._theme_caches) == THEMES_KEPT
    assert stylesheet.is_warm({"ink": f"#0000{THEMES_KEPT + 4:02x}"})  # the newest are kept
    copy = stylesheet.copy()  # what Textual reloads edited CSS files into
    assert isinstance(copy, ThemeStylesheet) and copy._theme_caches is stylesheet._theme_caches
    assert copy.source == stylesheet.source


async def test_batched_refreshes_repaint_a_parent_without_layout_and_survive_an_error():
    app = Two()
    async with app.run_test() as pilot:
        outer, inner = app.query_one("#outer"), app.query_one("#inner")
        calls = count_refreshes(outer, inner)
        with batched_refreshes():
            inner.styles.overlay = "screen"  # Textual: a layout of inner, a repaint of its parent
        assert sorted(calls) == [("inner", True), ("outer", False)]
        calls.clear()
        with pytest.raises(RuntimeError), batched_refreshes():
            outer.styles.background = "red"
            raise RuntimeError("a restyle that fails half-way")
        assert sorted(calls) == [("inner", False), ("outer", False)]  # what it restyled is still shown
        await pilot.pause()
