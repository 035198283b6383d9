"""CorrectionsScreen: every correction in entities.toml, one line each; remove any of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from core.corrections import CorrectionsFile
from core.errors import NewslensError


class CorrectionsScreen(ModalScreen[None]):
    """Lists ``CorrectionsFile.load().items()`` in file order; ``Delete`` or ``x`` removes the highlighted one.

    ``removed(correction)`` is called after each removal (the reader reloads the corpus).
    """

    DEFAULT_CSS = """
    CorrectionsScreen { align: center middle; }
    CorrectionsScreen > Vertical { width: 90%; max-width: 120; height: 70%; background: $panel;
                                   border: thick $primary; }
    CorrectionsScreen .corrections-title { text-style: bold; padding: 0 1; }
    CorrectionsScreen .corrections-hint { color: $foreground-muted; padding: 0 1; }
    CorrectionsScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("delete,x", "remove", "Remove the correction"),
    ]

    def __init__(self, corrections: CorrectionsFile, removed: Callable[[Any], None] | None = None) -> None:
        super().__init__()
        self.corrections = corrections
        self.removed = removed
        self.items: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Corrections in {self.corrections.path}"), classes="corrections-title")
            yield OptionList()
            yield Static("Delete or x: remove the highlighted correction · Esc: close", classes="corrections-hint")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, highlight: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        try:
            self.items = list(self.corrections.load().items())
        except NewslensError as error:
            self.items = []
            self.notify(str(error), severity="error", timeout=10, markup=False)
        if not self.items:
            options.add_option(Option(Text("No corrections yet (m in the reader corrects the tagger)"), disabled=True))
            return
        options.add_options(Option(Text(f"{n + 1:>3}  {item.describe()}")) for n, item in enumerate(self.items))
        options.highlighted = min(highlight, len(self.items) - 1)

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        number = options.highlighted
        if number is None or not 0 <= number < len(self.items):
            return
        item = self.items[number]
        try:
            self.corrections.remove(item)
        except NewslensError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.notify(f"Removed: {item.describe()}", timeout=3, markup=False)
        self._fill(number)
        if self.removed is not None:
            self.removed(item)
