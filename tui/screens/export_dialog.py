"""ExportDialog: export exactly the current view as HTML, to a path the user types."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from core.errors import NewslensError
from core.store import Store
from core.textclean import printable
from core.view import ViewState


class ExportDialog(ModalScreen[None]):
    """Asks for a path, writes the export atomically, says where it went."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 80; height: auto; background: $panel; border: thick $primary; padding: 1 2; }
    ExportDialog Horizontal { height: auto; margin-top: 1; }
    ExportDialog #error { color: $error; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, store: Store, state: ViewState, theme: str) -> None:
        super().__init__()
        self.store, self.state, self.theme_name = store, state, theme

    def compose(self) -> ComposeResult:
        default = Path.cwd() / "newslens-export.html"
        with Vertical():
            yield Label("Export the current view as HTML (the two articles, filters, selection, compare, theme)")
            yield Input(str(default), id="path")
            yield Checkbox("Replace the file if it exists", id="force")
            yield Static(id="error")
            with Horizontal():
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        from core.atomic import atomic_write
        from core.export import render_html
        from core.themes import load_themes

        path = Path(self.query_one("#path", Input).value).expanduser()
        force = self.query_one("#force", Checkbox).value
        articles = [self.store.article(article_id) for article_id in self.state.articles]
        theme = load_themes().get(self.theme_name)
        state = self.state.model_copy(update={"theme": theme.name})
        try:
            html = render_html(articles, self.store.entities, state, theme, title=f"newslens: {self.store.name}")
            atomic_write(path, html, overwrite=force)
        except (NewslensError, OSError) as error:
            self.query_one("#error", Static).update(Text(printable(str(error))))  # literal, never markup
            return
        self.app.notify(f"Exported to {path}", timeout=6, markup=False)
        self.dismiss()
