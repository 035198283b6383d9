"""EntityIndex: entities grouped by type, by mentions, with per-article counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from core.models import LABELS, Entity
from tui.widgets.filter_panel import TYPE_NAMES

MAX_PER_TYPE = 300


class EntityIndex(Tree[str]):
    """Highlighting an entity selects it; Enter jumps to its first mention."""

    DEFAULT_CSS = """
    EntityIndex { background: $panel; padding: 0 1; }
    """
    BINDINGS = [Binding("enter", "jump", "Jump to first mention", priority=True)]

    @dataclass
    class Selected(Message):
        """An entity was highlighted in the index."""

        entity: str

    @dataclass
    class Jump(Message):
        """Jump both panes to the entity's first mentions."""

        entity: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Entities", id=id)
        self.show_root = False
        self.guide_depth = 2

    def show_entities(self, entities: list[Entity], counts: list[dict[str, int]], panes: list[str]) -> None:
        """Fill the tree; ``counts`` are the per-article counts of the panes named in ``panes``."""
        selected = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        for label in LABELS:
            group = sorted((e for e in entities if e.label == label), key=lambda e: (-e.mentions, e.name))
            if not group:
                continue
            branch = self.root.add(Text(f"{TYPE_NAMES[label]} ({len(group)})", style="bold"), expand=True)
            for entity in group[:MAX_PER_TYPE]:
                line = Text(entity.name)
                if entity.kind == "generic":
                    line.append(" (generic)", style="italic")
                line.append(f"  {entity.mentions}", style="bold")
                per_pane = " ".join(
                    f"{pane}:{count.get(entity.id, 0)}" for pane, count in zip(panes, counts, strict=True)
                )
                line.append(f"  {per_pane}", style="dim")
                node = branch.add_leaf(line, data=entity.id)
                if entity.id == selected:
                    self.move_cursor(node)
            if len(group) > MAX_PER_TYPE:
                branch.add_leaf(Text(f"… {len(group) - MAX_PER_TYPE} more (search with ctrl+p)", style="dim"))

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self.post_message(self.Selected(event.node.data))

    def action_jump(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data is None:
            node.toggle()
            return
        self.post_message(self.Jump(node.data))
