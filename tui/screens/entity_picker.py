"""EntityPicker: choose an entity by typing part of any of its names (fuzzy)."""

from __future__ import annotations

from collections.abc import Sequence

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

from core.models import Entity

LIMIT = 200
NONE_ID = "\x00none"
"""Option id of the "no speaker" entry (an entity id never starts with NUL)."""


class EntityPicker(ModalScreen[str | None]):
    """Returns the id of the chosen entity, ``""`` for the "none" entry, or None (Esc).

    The entities are listed most mentioned first; typing matches any of their names
    (name and aliases) fuzzily. ``none`` adds a first entry such as "no speaker".
    """

    DEFAULT_CSS = """
    EntityPicker { align: center middle; }
    EntityPicker > Vertical { width: 90%; max-width: 110; height: 70%; background: $panel; border: thick $primary; }
    EntityPicker .picker-title { text-style: bold; padding: 0 1; }
    EntityPicker OptionList { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, title: str, entities: Sequence[Entity], *, none: str | None = None,
                 exclude: str | None = None) -> None:  # fmt: skip
        super().__init__()
        self.title_text = title
        self.entities = sorted((e for e in entities if e.id != exclude), key=lambda e: (-e.mentions, e.name))
        self.none = none
        self._keys = [" | ".join((e.name, *e.aliases)) for e in self.entities]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="picker-title")
            yield Input(placeholder="type part of a name")
            yield OptionList()

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if query:
            found = process.extract(query, self._keys, scorer=fuzz.WRatio, limit=LIMIT, score_cutoff=50)
            positions = [position for _key, _score, position in found]
        else:
            positions = list(range(min(LIMIT, len(self.entities))))
        if self.none is not None and not query:
            options.add_option(Option(Text(self.none, style="italic"), id=NONE_ID))
        options.add_options(Option(self._line(self.entities[p]), id=self.entities[p].id) for p in positions)
        if options.option_count:
            options.highlighted = 0

    @staticmethod
    def _line(entity: Entity) -> Text:
        line = Text(entity.name, style="bold")  # names are text from articles: never markup
        line.append(f"  {entity.label.lower()}, {entity.mentions}", style="dim")
        if entity.aliases:
            line.append("  " + ", ".join(entity.aliases[:4]), style="italic")
        return line

    def _choose(self, option_id: str | None) -> None:
        if option_id is not None:
            self.dismiss("" if option_id == NONE_ID else option_id)

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
