"""EntityIndex: entities grouped by type, by mentions, with per-pane counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from core.models import LABELS, Entity
from tui.widgets.filter_panel import TYPE_NAMES

MAX_PER_TYPE = 300
GENERIC = "Generic weapon words"


class EntityIndex(Tree[str]):
    """Moving to an entity or clicking it selects it; Enter jumps to its first mentions.

    Generic weapon words (Waffe, Drohne) are not entities of their own: they are
    listed apart, after the weapon systems, in a collapsed branch.
    """

    DEFAULT_CSS = """
    EntityIndex { background: $panel; padding: 0 1; overflow-x: hidden; }
    """
    BINDINGS = [Binding("enter", "jump", "Jump to first mention", priority=True)]

    @dataclass
    class Selected(Message):
        """An entity was highlighted or clicked in the index."""

        entity: str

    @dataclass
    class Jump(Message):
        """Jump both panes to the entity's first mentions."""

        entity: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Entities", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self._entity_nodes: dict[str, TreeNode[str]] = {}
        self._entities: dict[str, Entity] = {}
        self._counts: list[dict[str, int]] = []
        self._panes: list[str] = []

    def show_entities(self, entities: Sequence[Entity]) -> None:
        """Fill the tree (once the corpus is linked)."""
        self.clear()
        self._entity_nodes.clear()
        self._entities = {entity.id: entity for entity in entities}
        groups = [(TYPE_NAMES[label], [e for e in entities if e.label == label and e.kind != "generic"], True)
                  for label in LABELS]  # fmt: skip
        groups.append((GENERIC, [e for e in entities if e.kind == "generic"], False))
        for heading, group, expand in groups:
            if not group:
                continue
            group.sort(key=lambda e: (-e.mentions, e.name))
            branch = self.root.add(Text(f"{heading} ({len(group)})", style="bold"), expand=expand)
            for entity in group[:MAX_PER_TYPE]:
                self._entity_nodes[entity.id] = branch.add_leaf(entity.name, data=entity.id)
            if len(group) > MAX_PER_TYPE:
                branch.add_leaf(Text(f"… {len(group) - MAX_PER_TYPE} more (search with ctrl+p)", style="dim"))

    def _line(self, entity: Entity, room: int) -> Text:
        """Name, mentions and per-pane counts in ``room`` cells: a long name is cut, never the counts."""
        counts = Text(f"  {entity.mentions}", style="bold")
        if self._panes:
            per_pane = " ".join(f"{pane}:{count.get(entity.id, 0)}" for pane, count in zip(self._panes, self._counts,
                                                                                          strict=True))  # fmt: skip
            counts.append(f"  {per_pane}", style="dim")
        name = Text(entity.name, no_wrap=True)  # plain text: never parsed as markup
        name.truncate(max(4, room - counts.cell_len), overflow="ellipsis")
        return Text.assemble(name, counts, no_wrap=True, end="")

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """An entity's row is drawn to the width of the index (its counts change on every article step)."""
        entity = self._entities.get(node.data) if node.data is not None else None
        if entity is None:
            return super().render_label(node, base_style, style)
        depth, parent = 0, node.parent  # guides: one per level above the node (the root is not shown)
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        line = self._line(entity, self.scrollable_content_region.width - self.guide_depth * depth)
        line.stylize(style)
        return line

    def show_counts(self, counts: list[dict[str, int]], panes: list[str]) -> None:
        """Per-pane mention counts; only the entries whose counts changed are redrawn."""
        if panes != self._panes or len(counts) != len(self._counts):
            changed = set(self._entity_nodes)
        else:
            changed = {e for old, new in zip(self._counts, counts, strict=True) for e in old.keys() | new.keys()
                       if old.get(e) != new.get(e)}  # fmt: skip
        self._counts, self._panes = counts, panes
        for entity_id in changed:
            node = self._entity_nodes.get(entity_id)
            if node is not None:
                node.refresh()  # drawn again by render_label

    def show_selected(self, entity: str | None) -> None:
        """Move the cursor to the selected entity (selected elsewhere: a click in the text)."""
        node = self._entity_nodes.get(entity or "")
        if node is None or self.cursor_node is node:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        self.move_cursor(node)  # its Selected echo selects what is selected already: nothing happens

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self.post_message(self.Selected(event.node.data))

    @on(Tree.NodeSelected)
    def _clicked(self, event: Tree.NodeSelected[str]) -> None:
        """A click selects even the row the cursor is on (after Esc cleared the selection)."""
        if event.node.data is not None:
            self.post_message(self.Selected(event.node.data))
        else:
            event.node.toggle()

    def action_jump(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data is None:
            node.toggle()
            return
        self.post_message(self.Jump(node.data))
