"""ArticlePane: a title bar over an ArticleView."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from core.models import Article
from tui.widgets.article_view import ArticleView


class ArticlePane(Vertical):
    """One of the two reading panes."""

    DEFAULT_CSS = """
    ArticlePane { height: 1fr; width: 1fr; }
    ArticlePane > .pane-title { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    ArticlePane:focus-within > .pane-title { background: $primary 40%; text-style: bold; }
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.position: int | None = None
        self.total = 0
        self.status = ""

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield ArticleView()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

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
        self.query_one(".pane-title", Static).update(title)
