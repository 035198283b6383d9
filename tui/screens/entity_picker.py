"""EntityPicker: choose an entity by typing part of any of its names (fuzzy)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets.option_list import Option

from core.models import Entity
from tui.screens.fuzzy_picker import LIMIT, FuzzyPicker, fuzzy_positions

NAME_CUTOFF = 50
"""Least fuzzy score (0-100) of a listed entity."""
NONE_ID = "\x00none"
"""Option id of the "no speaker" entry (an entity id never starts with NUL)."""


class EntityPicker(FuzzyPicker[str | None]):
    """Returns the id of the chosen entity, ``""`` for the "none" entry, or None (Esc).

    The entities are listed most mentioned first; typing matches any of their names
    (name and aliases) fuzzily. ``none`` adds a first entry such as "no speaker".
    """

    def __init__(self, title: str, entities: Sequence[Entity], *, none: str | None = None,
                 exclude: str | None = None) -> None:  # fmt: skip
        super().__init__("type part of a name", title)
        self.entities = sorted((e for e in entities if e.id != exclude), key=lambda e: (-e.mentions, e.name))
        self.none = none
        self._keys = [" | ".join((e.name, *e.aliases)) for e in self.entities]

    def options_for(self, query: str) -> list[Option]:
        if query:
            positions = fuzzy_positions(query, self._keys, NAME_CUTOFF)
        else:
            positions = list(range(min(LIMIT, len(self.entities))))
        first = [Option(Text(self.none, style="italic"), id=NONE_ID)] if self.none is not None and not query else []
        return first + [Option(self._line(self.entities[p]), id=self.entities[p].id) for p in positions]

    def result_of(self, option_id: str) -> str:
        return "" if option_id == NONE_ID else option_id

    @staticmethod
    def _line(entity: Entity) -> Text:
        line = Text(entity.name, style="bold")  # names are text from articles: never markup
        line.append(f"  {entity.label.lower()}, {entity.mentions}", style="dim")
        if entity.aliases:
            line.append("  " + ", ".join(entity.aliases[:4]), style="italic")
        return line
