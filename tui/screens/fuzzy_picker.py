"""FuzzyPicker: a modal list filtered as the user types; the base of the article and entity pickers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

LIMIT = 200
"""Rows listed at most (the best matches)."""

Result = TypeVar("Result")


def fuzzy_positions(query: str, keys: Sequence[str], cutoff: int) -> list[int]:
    """Positions of the keys that match ``query`` best, best first (at most :data:`LIMIT`)."""
    found = process.extract(query, keys, scorer=fuzz.WRatio, limit=LIMIT, score_cutoff=cutoff)
    return [position for _key, _score, position in found]


class FuzzyPicker(ModalScreen[Result], Generic[Result]):
    """A title line (optional), an input and the options for what is typed; Enter or a click
    chooses the highlighted option, up/down move in the list while typing, Esc returns None."""

    DEFAULT_CSS = """
    FuzzyPicker { align: center middle; }
    FuzzyPicker > Vertical { width: 90%; max-width: 120; height: 70%; background: $panel; border: thick $primary; }
    FuzzyPicker .picker-title { text-style: bold; padding: 0 1; }
    FuzzyPicker OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, placeholder: str, title: str | None = None) -> None:
        super().__init__()
        self.placeholder = placeholder
        self.title_text = title

    # to be written by each picker (Textual's screen metaclass is not ABCMeta)
    def options_for(self, query: str) -> list[Option]:
        """The options listed for ``query`` ("" when nothing is typed yet)."""
        raise NotImplementedError

    def result_of(self, option_id: str) -> Result:
        """What choosing the option ``option_id`` returns."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.title_text is not None:
                yield Static(Text(self.title_text), classes="picker-title")  # text, never markup
            yield Input(placeholder=self.placeholder)
            yield OptionList()

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self.options_for(query))
        if options.option_count:
            options.highlighted = 0

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss(self.result_of(option_id))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def on_key(self, event: Key) -> None:
        if event.key in ("down", "up"):
            options = self.query_one(OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()
