"""HelpScreen: every key of the reader, from the bindings themselves, grouped by task."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GROUPS: dict[str, tuple[str, ...]] = {
    "Read": ("step", "pick_article", "switch_pane", "scroll_home", "scroll_end", "toggle_sync"),
    "Find": ("search", "next", "clear"),
    "Highlight": ("toggle_type", "toggle"),
    "Panels": ("panel",),
    "Correct the tagger": ("correct", "widen", "undo_correction", "corrections"),
    "Export and look": ("export", "cycle_theme"),
    "newslens": ("help", "quit"),
}
"""Task -> the actions of its keys (an action's name up to its arguments)."""
EXTRA: dict[str, list[tuple[str, str]]] = {
    "Read": [("↑ ↓ PgUp PgDn", "scroll the active pane"), ("click", "make a pane the active one")],
    "Find": [
        ("click a name", "select its entity in both panes"),
        ("Enter in the index", "jump both panes to the entity's first mention"),
        ("Enter in who said what", "jump to the quotation"),
    ],
    "Correct the tagger": [
        ("m then 1 2 3 4", "tag the words as person / place / organisation / weapon (e: everywhere, t: this article)"),
        ("m then x", "untag (o: this occurrence, e: the form everywhere)"),
        ("m then r / j / a", "change the entity's label / merge it into another / split the alias off"),
        ("m then s / n", "set the quotation's speaker (or none) / not a quotation"),
        ("mouse drag", "select words to correct (else m acts on the current mention or match)"),
    ],
    "Export and look": [("ctrl+p", "command palette: Jump to entity…, Open article…, export, themes")],
}
"""What the bindings do not show: the mouse, scrolling, keys of the panels."""
_KEY_NAMES = {"left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?", "slash": "/",
              "escape": "Esc", "tab": "Tab",
              "greater_than_sign": ">", "less_than_sign": "<"}  # fmt: skip


def group_of(binding: Binding) -> str:
    """The task a binding belongs to (``Other`` for one no group names)."""
    action = binding.action.partition("(")[0].removeprefix("app.")
    return next((group for group, actions in GROUPS.items() if action in actions), "Other")


def key_text(binding: Binding) -> str:
    keys = binding.key_display or binding.key
    return ", ".join(_KEY_NAMES.get(key, key) for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the reader and of the app, by task."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 84; max-width: 100%; max-height: 90%; background: $panel;
                                  border: thick $primary; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,f1,h,q", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        grouped: dict[str, list[tuple[str, str]]] = {group: [] for group in (*GROUPS, "Other")}
        seen = set()
        for binding in sorted(self.bindings, key=lambda b: b.action.startswith("app.")):
            if binding.description in seen:  # F1 is bound by the reader (for the footer) and the app
                continue
            seen.add(binding.description)
            grouped[group_of(binding)].append((key_text(binding), binding.description))
        for group, rows in EXTRA.items():
            grouped[group] += rows
        table = Table(title="newslens keys", show_header=False, expand=True, box=None, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True, min_width=14)
        table.add_column("what it does")
        for group, rows in grouped.items():
            if not rows:
                continue
            table.add_row(Text(group, style="bold underline"), Text(""))
            for key, description in rows:
                table.add_row(Text(key), Text(description))
            table.add_row(Text(""), Text(""))
        with VerticalScroll():
            yield Static(table)
