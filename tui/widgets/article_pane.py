"""ArticlePane: a title bar over an ArticleView; the active pane's title is marked."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget

from core.models import Article
from tui.widgets.article_view import ArticleView


class PaneBar(Widget):
    """One line: the title at the left, cut with an ellipsis, and the note at the right.

    One widget, drawn to its width, so that a new note (after every ``n``) is a repaint of
    this line and not a layout pass of the screen, as two widgets of changing widths would be.
    """

    COMPONENT_CLASSES = {"pane-bar--note"}
    DEFAULT_CSS = """
    PaneBar { height: 1; padding: 0 1; background: $panel; color: $foreground-muted; }
    PaneBar > .pane-bar--note { text-style: bold; }
    """

    title: reactive[Text] = reactive(Text, layout=False)
    note: reactive[str] = reactive("", layout=False)

    def render(self) -> Text:
        width = self.content_size.width
        note = Text()
        if self.note:
            note = Text(f" {self.note} ", style=self.get_component_rich_style("pane-bar--note"), no_wrap=True)
            note.truncate(max(0, width // 2), overflow="ellipsis")  # plain text: names never parsed as markup
        title = self.title.copy()
        title.no_wrap = True
        room = max(0, width - note.cell_len - (1 if note else 0))
        title.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(title, " " if note else "", note, no_wrap=True, end="")


class ArticlePane(Vertical):
    """One of the two reading panes."""

    DEFAULT_CSS = """
    ArticlePane { height: 1fr; width: 1fr; }
    ArticlePane.-active > PaneBar { background: $primary 55%; color: $foreground; text-style: bold; }
    ArticlePane.-active > PaneBar > .pane-bar--note { background: $accent; color: $background; }
    """

    active: reactive[bool] = reactive(False, toggle_class="-active")
    """The pane the keys act on ([, ], o, n): marked in its title bar, wherever the focus is."""
    note: reactive[str] = reactive("", init=False, repaint=False)
    """What the last move found here (``Donald Trump 6/25``), at the right of the title bar."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.position: int | None = None
        self.total = 0
        self.status = ""
        self._view: ArticleView | None = None
        self._bar: PaneBar | None = None

    def compose(self) -> ComposeResult:
        yield PaneBar()
        yield ArticleView()

    @property
    def view(self) -> ArticleView:
        if self._view is None:  # found once: a query walks the DOM, and the view is asked for on every key
            self._view = self.query_one(ArticleView)
        return self._view

    @property
    def bar(self) -> PaneBar:
        if self._bar is None:
            self._bar = self.query_one(PaneBar)
        return self._bar

    def watch_note(self, note: str) -> None:
        self.bar.note = note

    def set_title(self, article: Article | None, position: int | None, total: int, status: str = "") -> None:
        """Show the pane label, the article's place in the corpus and its title (literally)."""
        self.position, self.total, self.status = position, total, status
        title = Text(f"{self.label} ", style="bold")
        if article is None:
            title.append("(no article)")
        else:
            title.append(f"{(position or 0) + 1}/{total} ")
            title.append(article.title)  # plain text: never parsed as markup
        if status:
            title.append(f"  {status}", style="italic")
        self.bar.title = title  # a reactive: an unchanged title is no repaint

    def on_click(self, event: events.Click) -> None:
        """A click anywhere in the pane (its title too) makes it the active one."""
        self.view.focus()
