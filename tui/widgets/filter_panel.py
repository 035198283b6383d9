"""FilterPanel: entity types, switches and an entity checklist, with live counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from core.matching import entity_names, matches
from core.models import LABELS, Entity
from core.view import ViewState

TYPE_NAMES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "WEAPON": "Weapons"}
SWITCHES = {
    "show_quotes": "5 Quotations",
    "show_generic": "6 Generic weapon words",
    "show_speakers": "a Speaker tags",
    "only_selected": "x Only selected",
    "dim": "d Dim, not hide",
}
GENERIC_HEADING = "generic weapon words"


class TypeBox(Checkbox):
    """A type's checkbox. Its label carries the count of visible mentions, which changes with
    nearly every key: the box is as wide as the panel and one line high, so a new count is a
    repaint, not a layout pass of the screen (Checkbox.label's setter always asks for one)."""

    DEFAULT_CSS = "TypeBox { width: 100%; }"

    def show_label(self, text: str) -> None:
        if str(self.label) != text:
            self._label = self._make_label(text)
            self.refresh()


class FilterPanel(VerticalScroll):
    """Toggles for what the panes highlight. Posts Changed with the new state."""

    DEFAULT_CSS = """
    FilterPanel { width: 30; background: $panel; padding: 0 1; }
    FilterPanel > .panel-heading { text-style: bold; margin-top: 1; }
    FilterPanel Checkbox { border: none; padding: 0; background: $panel; }
    FilterPanel SelectionList { height: auto; max-height: 20; border: none; background: $panel; }
    FilterPanel Input { border: tall $primary 30%; }
    """

    @dataclass
    class Changed(Message):
        """The user changed a filter."""

        state: ViewState

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = ViewState()
        self.entities: list[Entity] = []
        self.generic: list[Entity] = []
        self._listed = True

    def compose(self) -> ComposeResult:
        yield Static("Types", classes="panel-heading")
        for number, label in enumerate(LABELS, 1):
            yield TypeBox(f"{number} {TYPE_NAMES[label]}", True, id=f"type-{label}")
        yield Static("Show", classes="panel-heading")
        for name, text in SWITCHES.items():
            yield Checkbox(text, getattr(self.state, name), id=f"switch-{name}")
        yield Static("Entities", classes="panel-heading")
        yield Input(placeholder="search entities", id="entity-search")
        yield SelectionList[str](id="entity-list")

    def show_state(self, state: ViewState, counts: Counter) -> None:
        """Reflect ``state`` and the visible-mention ``counts`` per type (without echoing Changed)."""
        self.state = state
        with self.prevent(Checkbox.Changed):
            for number, label in enumerate(LABELS, 1):
                box = self.query_one(f"#type-{label}", TypeBox)
                box.show_label(f"{number} {TYPE_NAMES[label]} ({counts.get(label, 0)})")
                box.value = label in state.labels
            for name in SWITCHES:
                self.query_one(f"#switch-{name}", Checkbox).value = getattr(state, name)

    def show_entities(self, entities: list[Entity], show_generic: bool = True) -> None:
        """The entities of the articles on screen, for the checklist.

        Generic weapon words come last, under a heading of their own, and only while
        they are highlighted (``6``): they are words, not entities.
        """
        self.entities = [e for e in entities if e.kind != "generic"]
        self.generic = [e for e in entities if e.kind == "generic"] if show_generic else []
        self._listed = False
        if self.display:  # a hidden panel fills its list when it is shown (every article step would pay)
            self._fill_list()

    def on_show(self) -> None:
        if not self._listed:
            self._fill_list()

    def _fill_list(self) -> None:
        query = self.query_one("#entity-search", Input).value
        listing = self.query_one("#entity-list", SelectionList)
        selections = [self._selection(e) for e in self.entities if matches(query, entity_names(e))]
        generic = [self._selection(e) for e in self.generic if matches(query, entity_names(e))]
        if generic:
            heading = Text(GENERIC_HEADING, style="italic")
            selections += [Selection(heading, "", False, disabled=True), *generic]
        listing.clear_options()
        listing.add_options(selections)  # one layout pass, not one per entity
        self._listed = True

    def _selection(self, entity: Entity) -> Selection:
        prompt = Text(f"{entity.name} ", no_wrap=True)
        prompt.append(f"{entity.label[:3].lower()} {entity.mentions}", style="dim")
        return Selection(prompt, entity.id, entity.id not in self.state.hidden)

    @on(Input.Changed, "#entity-search")
    def _search(self) -> None:
        self._fill_list()

    @on(Checkbox.Changed)
    def _toggled(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id is None:
            return
        kind, _, name = event.checkbox.id.partition("-")
        if kind == "type":
            labels = set(self.state.labels) ^ {name}
            self.post_message(self.Changed(self.state.model_copy(update={"labels": frozenset(labels)})))
        else:
            self.post_message(self.Changed(self.state.model_copy(update={name: event.value})))

    @on(SelectionList.SelectionToggled, "#entity-list")
    def _entity_toggled(self, event: SelectionList.SelectionToggled) -> None:
        entity_id = event.selection.value
        if not entity_id:
            return
        hidden = set(self.state.hidden) ^ {entity_id}
        self.post_message(self.Changed(self.state.model_copy(update={"hidden": frozenset(hidden)})))
