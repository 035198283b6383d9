"""NewslensApp: themes, remembered state and the reader screen."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from core.state import Position, load_state, save_state
from core.store import Store
from core.textclean import printable
from core.themes import DEFAULT_THEME, ThemeSet, load_themes
from tui.collection import CHECK_SECONDS, IdleCollector
from tui.loader import LoadRequest
from tui.palette import ArticleCommands, EntityCommands, reader_commands
from tui.screens.reader import ReaderScreen
from tui.stylesheet import THEMES_KEPT, ThemeStylesheet
from tui.themes import entity_variables, textual_theme

THEMES_WARMED = min(4, THEMES_KEPT - 2)
"""Themes ahead in ``t``'s order whose CSS the idle reader parses (fewer than the stylesheet keeps,
so warming never drops a theme it warmed; a folder of many user themes is not parsed all at once)."""


class NewslensApp(App[None]):
    """The newslens reader."""

    CSS_PATH = "newslens.tcss"
    TITLE = "newslens"
    COMMANDS = App.COMMANDS | {EntityCommands, ArticleCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("f1,h", "help", "Help", show=False),  # the reader shows F1 first in its footer
        Binding("t", "cycle_theme", "Theme"),
    ]

    def __init__(self, request: LoadRequest, *, themes: ThemeSet | None = None, store: Store | None = None) -> None:
        self.themes = themes or load_themes()
        self.saved_state, self._state_warning = load_state()
        super().__init__()
        self.request = request
        self.store = store
        """An analysed corpus to show instead of loading ``request`` (tests, embedding)."""
        self.collector = IdleCollector()
        """Full garbage collections while the reader idles, not inside a key's frame (tui.collection)."""
        self.stylesheet = ThemeStylesheet(variables=self.get_css_variables())
        """Themes switch without parsing the CSS again (tui.stylesheet); no source is read yet here."""
        self._variables_seen: dict[str, tuple[Theme, dict[str, str]]] = {}
        """Each of ``t``'s themes with its CSS variables, computed once (warm_a_theme runs while idle)."""

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every toast (problems, cache warnings, file names) with control characters shown as escapes:
        nothing from a file name or an error message reaches the terminal raw."""
        super().notify(printable(message), title=printable(title), **options)

    def _entity_defaults(self) -> dict[str, str]:
        """The default theme's entity colours, for themes without their own (Textual's)."""
        return entity_variables(self.themes.get(DEFAULT_THEME))

    def get_css_variables(self) -> dict[str, str]:
        """Entity colours for every theme, including Textual's own."""
        return {**self._entity_defaults(), **super().get_css_variables()}

    def variables_of(self, theme: Theme) -> dict[str, str]:
        """What :meth:`get_css_variables` gives while ``theme`` is the current one (Textual's
        ``App.get_css_variables`` without making it current), so its CSS can be parsed ahead."""
        generated = {**theme.to_color_system().generate(), **theme.variables}
        return {**self._entity_defaults(), **self.get_theme_variable_defaults(), **generated}

    def _next_themes(self) -> list[str]:
        """``t``'s themes in the order it goes through them from the current one."""
        names = sorted(self.themes.themes)
        current = names.index(self.theme) if self.theme in names else -1
        return names[current + 1 :] + names[: current + 1]

    def warm_a_theme(self) -> bool:
        """Parse the CSS of one of the next ``THEMES_WARMED`` themes of ``t`` not yet parsed (about
        20 ms); False if all are."""
        stylesheet = self.stylesheet
        assert isinstance(stylesheet, ThemeStylesheet)  # set in __init__; Textual's CSS reload copies it
        for name in self._next_themes()[:THEMES_WARMED]:
            theme = self.get_theme(name)
            if theme is None:
                continue
            if self._variables_seen.get(name, (None,))[0] is not theme:
                self._variables_seen[name] = (theme, self.variables_of(theme))
            variables = self._variables_seen[name][1]
            if not stylesheet.is_warm(variables):
                stylesheet.warm(variables)
                return True
        return False

    def _on_idle_tick(self) -> None:
        """Every ``CHECK_SECONDS``: a due full collection, or else, while no key comes, a theme's CSS."""
        if not self.collector.tick() and self.collector.idle():
            self.warm_a_theme()

    def on_mount(self) -> None:
        self._exit_on_termination()
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self._on_idle_tick)
        for spec in self.themes.themes.values():
            self.register_theme(textual_theme(spec))
        wanted = self.saved_state.theme
        self.theme = wanted if wanted in self.themes.themes else DEFAULT_THEME
        for problem in self.themes.problems:
            self.notify(problem, title="Theme not loaded", severity="warning", timeout=10, markup=False)
        if self._state_warning:
            self.notify(self._state_warning, severity="warning", markup=False)
        self.push_screen(ReaderScreen(self.request, self.store))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseEvent)):
            self.collector.input()
        await super().on_event(event)

    def _exit_on_termination(self) -> None:
        """SIGTERM and SIGHUP end the reader as ``q`` does: the terminal is restored, the loader stops."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError, ValueError):
                number = getattr(signal, name)
                loop.add_signal_handler(number, self.exit, None, 128 + number)

    def action_cycle_theme(self) -> None:
        self.theme = self._next_themes()[0]
        # the toast after the new colours are on screen: mounting it is not part of the key's frame
        self.call_after_refresh(self.notify, f"Theme: {self.theme}", timeout=2)

    def watch_theme(self, theme: str) -> None:
        # remembered like the positions, written at exit (a write with fsync per key would cost a frame)
        self.saved_state = self.saved_state.model_copy(update={"theme": theme})

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        from tui.widgets.article_view import ArticleView

        screen = [b for cls in reversed(type(self.screen).__mro__) for b in cls.__dict__.get("BINDINGS", ())]
        self.push_screen(HelpScreen([*screen, *ArticleView.BINDINGS, *self.BINDINGS]))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """newslens's own commands first (shown before anything is typed), then Textual's."""
        if isinstance(screen, ReaderScreen):
            yield from reader_commands(screen)
        for name in sorted(self.themes.themes):
            yield SystemCommand(f"Theme: {name}", "Colours of the highlights and the screen",
                                partial(self._set_theme, name))  # fmt: skip
        yield SystemCommand("newslens keys", "Every key of the reader, grouped by task (F1)", self.action_help)
        yield from super().get_system_commands(screen)

    def _set_theme(self, name: str) -> None:
        self.theme = name

    def remember(self, reader: ReaderScreen) -> None:
        """Store the reader's position and filters for the next run."""
        ids = reader.state.articles
        position = Position(
            left=ids[0] if ids else None, right=ids[1] if len(ids) > 1 else None, selected=reader.state.selected
        )
        positions = {**self.saved_state.positions, reader.corpus_key: position}
        view = reader.state.model_copy(update={"articles": (), "selected": None, "compare": False})
        self.saved_state = self.saved_state.model_copy(update={"positions": positions, "view": view})

    def _save(self) -> None:
        warning = save_state(self.saved_state)
        if warning:
            self.notify(warning, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.collector.stop()
        self._save()
