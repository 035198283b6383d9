"""ChoiceMenu: a small modal of one-key choices (the "correct" menu and its follow-up questions)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoiceMenu(ModalScreen[str | None]):
    """Returns the key of the chosen entry, or None (Esc).

    ``choices`` are ``(key, description)``; pressing the key chooses it at once, as does
    Enter on the highlighted entry or a click. ``title`` and descriptions are shown literally.
    """

    DEFAULT_CSS = """
    ChoiceMenu { align: center middle; }
    ChoiceMenu > Vertical { width: 64; max-width: 95%; height: auto; max-height: 90%;
                            background: $panel; border: thick $primary; padding: 0 1; }
    ChoiceMenu .choice-title { text-style: bold; padding: 0 0 1 0; }
    ChoiceMenu OptionList { height: auto; max-height: 20; border: none; background: $panel; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="choice-title")
            options = [Option(self._line(key, text), id=key) for key, text in self.choices]
            yield OptionList(*options)

    @staticmethod
    def _line(key: str, text: str) -> Text:
        line = Text(f" {key} ", style="bold reverse")
        line.append(f"  {text}")
        return line

    def on_mount(self) -> None:
        for key, text in self.choices:  # each choice is a key of this screen, above the app's own (q, t, h)
            self._bindings.bind(key, f"choose({key!r})", text, show=False, priority=True)

    def action_choose(self, key: str) -> None:
        self.dismiss(key)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
