"""ArticlePane: a title bar over an ArticleView; the active pane's title is marked."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Static

from core.models import Article
from tui.widgets.article_view import ArticleView


class ArticlePane(Vertical):
    """One of the two reading panes."""

    DEFAULT_CSS = """
    ArticlePane { height: 1fr; width: 1fr; }
    ArticlePane > .pane-bar { height: 1; background: $panel; color: $foreground-muted; }
    ArticlePane > .pane-bar > Static { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    ArticlePane > .pane-bar > .pane-title { width: 1fr; }
    ArticlePane > .pane-bar > .pane-note { width: auto; max-width: 50%; }
    ArticlePane.-active > .pane-bar { background: $primary 55%; color: $foreground; text-style: bold; }
    ArticlePane.-active > .pane-bar > .pane-note { background: $accent; color: $background; }
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

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-bar"):
            yield Static(classes="pane-title")
            note = Static(classes="pane-note")
            note.display = False
            yield note
        yield ArticleView()

    @property
    def view(self) -> ArticleView:
        if self._view is None:  # found once: a query walks the DOM, and the view is asked for on every key
            self._view = self.query_one(ArticleView)
        return self._view

    def watch_note(self, note: str) -> None:
        bar = self.query_one(".pane-note", Static)
        bar.update(Text(note))  # plain text: names never parsed as markup
        bar.display = bool(note)

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
        self.query_one(".pane-title", Static).update(title, layout=False)  # one line of fixed height: no reflow

    def on_click(self, event: events.Click) -> None:
        """A click anywhere in the pane (its title too) makes it the active one."""
        self.view.focus()
