"""The smallest Textual app, for comparing start-up times with the reader.

Two variants show the floor under the reader's start on this machine:

- ``--records``: the same app, after importing newslens's pydantic records
  (``core.models``, which DESIGN.md gives every widget) and nothing else;
- ``--reader-layout``: no newslens code at all, only Textual's stock widgets
  in the reader's layout (header, filter panel with checkboxes and a
  checklist, two article panes, entity tree, quotation table, footer with the
  reader's keys), with text in them.

Both flags together give the floor of the reader's start: the records it must
import and the widgets it must show, with none of its own work.

In the reader layout three keys do, with stock widgets, the least of what the
reader's keys of the same name do, so that their key-to-frame times are the
floor under the reader's (benchmarks/run.py, ``floor_keys``): ``]`` puts
another article into both panes, ``1`` toggles a type's checkbox and restyles
the panes' text, ``t`` switches between Textual's dark and light themes. A fourth,
``r``, repaints every widget with nothing changed: the floor under any key that
redraws the whole screen, as a theme switch must (every cell's colours change). Like the
newslens console script, the variants pause the garbage collector while they
start (tui/collection.py); the plain minimal app is Textual as it comes.
"""

import gc
import sys
from pathlib import Path

FLOOR = "--records" in sys.argv or "--reader-layout" in sys.argv
if FLOOR:
    gc.disable()  # before Textual is imported, as tui.launch does (the benchmark stops at the first frame)

# ruff: noqa: E402 (the imports above must come first)

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, SelectionList, Static, Tree

READER_KEYS = [("[", "Prev article"), ("]", "Next article"), ("o", "Open article"), ("c", "Compare"),
               ("s", "Sync scroll"), ("slash", "Search"), ("n", "Next"), ("N", "Previous"), ("e", "Export"),
               ("question_mark", "Help"), ("t", "Theme")]  # fmt: skip
ARTICLE = "Der Präsident sagte am Montag in Berlin, eine Lieferung von Marschflugkörpern sei nicht geplant. " * 30
OTHER_ARTICLE = "Die Ministerin erklärte in Kiew, die Verhandlungen über einen Waffenstillstand gingen weiter. " * 30


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("minimal-ready")
        yield Footer()


class ReaderLayout(App[None]):
    CSS = """
    #body { height: 1fr; }
    #filters { width: 27; }
    #panes { width: 1fr; }
    #sidebar { width: 40; }
    .pane { border-right: solid $primary 20%; }
    .pane Static.dim { color: $text-muted; }
    #search { display: none; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("right_square_bracket", "swap_articles", "Next article"),
        Binding("1", "toggle_type", "Toggle type"),
        Binding("t", "toggle_theme", "Theme"),
        Binding("r", "repaint", "Repaint", show=False),
        *[Binding(key, "bell", description) for key, description in READER_KEYS if key not in ("]", "t")],
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with VerticalScroll(id="filters"):
                yield Static("Types")
                for number in range(1, 5):
                    yield Checkbox(f"{number} Type", True)
                yield Static("Show")
                for number in range(4):
                    yield Checkbox(f"Switch {number}")
                yield Input(placeholder="search entities")
                yield SelectionList[int](*[(f"Entity {number}", number, True) for number in range(20)])
            with Horizontal(id="panes"):
                for label in "AB":
                    with Vertical(classes="pane"):
                        yield Static(f"{label}: minimal-ready")
                        with VerticalScroll():
                            yield Static(ARTICLE, classes="article")
            with Vertical(id="sidebar"):
                tree: Tree[None] = Tree("Entities")
                for number in range(30):
                    tree.root.add_leaf(f"Person {number}")
                tree.root.expand()
                yield tree
                yield Input(placeholder="filter by speaker")
                table: DataTable[str] = DataTable()
                table.add_columns("Speaker", "Quotation", "Pane")
                for number in range(10):
                    table.add_row(f"Speaker {number}", "Wir liefern keine Waffen.", "A")
                yield table
        yield Input(id="search")
        yield Footer()

    def action_swap_articles(self) -> None:
        for article in self.query(".article").results(Static):
            article.update(OTHER_ARTICLE if article.content == ARTICLE else ARTICLE)

    def action_toggle_type(self) -> None:
        self.query(Checkbox).first().toggle()
        for article in self.query(".article"):
            article.toggle_class("dim")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_repaint(self) -> None:
        for widget in self.screen.walk_children(with_self=True):
            widget.refresh()


if __name__ == "__main__":
    if "--records" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import core.models  # noqa: F401
    (ReaderLayout if "--reader-layout" in sys.argv else Minimal)().run()  # timed to the first frame only
