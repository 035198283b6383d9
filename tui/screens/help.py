"""HelpScreen: every key of the reader, from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

MOUSE = [
    ("click a name", "select its entity everywhere"),
    ("click a checkbox", "toggle a type or a filter"),
    ("ctrl+p", "command palette: Jump to entity…, Open article…, themes"),
]


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the screen below it and of the app."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-height: 90%; background: $panel; border: thick $primary;
                                  padding: 1 2; }
    """
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        table = Table(title="newslens keys", show_header=True, expand=True, box=None)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        for binding in self.bindings:
            keys = binding.key_display or binding.key
            keys = keys.replace("left_square_bracket", "[").replace("right_square_bracket", "]")
            keys = keys.replace("question_mark", "?").replace("slash", "/")
            table.add_row(Text(keys), Text(binding.description))
        for key, description in MOUSE:
            table.add_row(Text(key), Text(description))
        with VerticalScroll():
            yield Static(table)
