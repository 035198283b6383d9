"""ArticlePicker: choose an article by typing part of its title (fuzzy)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

LIMIT = 200


class ArticlePicker(ModalScreen[int | None]):
    """Returns the position of the chosen article, or None.

    ``search(query)`` finds the positions of matching titles where the corpus can do it
    itself (a Parquet store of a million articles); otherwise the titles are matched fuzzily.
    """

    DEFAULT_CSS = """
    ArticlePicker { align: center middle; }
    ArticlePicker > Vertical { width: 90%; max-width: 120; height: 70%; background: $panel; border: thick $primary; }
    ArticlePicker OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, titles: Sequence[str], search: Callable[[str], list[int]] | None = None) -> None:
        super().__init__()
        self.titles = titles
        self.search = search

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="type part of a title")
            yield OptionList()

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if query and self.search is not None:
            positions = self.search(query)[:LIMIT]
        elif query:
            found = process.extract(query, self.titles, scorer=fuzz.WRatio, limit=LIMIT, score_cutoff=40)
            positions = [position for _title, _score, position in found]
        else:
            positions = list(range(min(LIMIT, len(self.titles))))
        options.add_options(Option(Text(f"{p + 1:>4}  {self.titles[p]}"), id=str(p)) for p in positions)
        if positions:
            options.highlighted = 0

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def on_key(self, event) -> None:
        if event.key in ("down", "up"):
            options = self.query_one(OptionList)
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()
