"""ExportDialog: export exactly the current view as HTML, to a path the user types."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from core.errors import NewslensError
from core.store import Store
from core.textclean import printable
from core.view import ViewState

DESCRIPTION = (
    "Export the two articles as they are on screen (filters, selection, compare marks, theme) "
    "to one HTML file that opens in any browser."
)


class ExportDialog(ModalScreen[None]):
    """Asks for a path, asks before replacing a file, writes atomically, says where it went."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 80; max-width: 96%; height: auto; background: $panel; border: thick $primary;
                              padding: 1 2; }
    ExportDialog #description { width: 100%; height: auto; margin-bottom: 1; }
    ExportDialog Horizontal { height: auto; margin-top: 1; }
    ExportDialog Button { margin-right: 2; }
    ExportDialog #message { width: 100%; height: auto; }
    ExportDialog #message.-error { color: $error; }
    ExportDialog #message.-ask { color: $warning; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, store: Store, state: ViewState, theme: str) -> None:
        super().__init__()
        self.store, self.state, self.theme_name = store, state, theme
        self._replace: Path | None = None
        """The existing file the user was asked about: a second Export replaces it."""

    def compose(self) -> ComposeResult:
        default = Path.cwd() / "newslens-export.html"
        with Vertical():
            yield Static(DESCRIPTION, id="description")
            yield Input(str(default), id="path")
            yield Static(id="message", markup=False)
            with Horizontal():
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._ask(None)

    def _ask(self, existing: Path | None) -> None:
        """Ask whether to replace ``existing`` (or stop asking)."""
        self._replace = existing
        message = self.query_one("#message", Static)
        message.set_class(existing is not None, "-ask")
        message.remove_class("-error")
        message.update(Text(f"{printable(str(existing))} exists. Replace it?") if existing is not None else "")
        button = self.query_one("#export", Button)
        button.label = "Replace" if existing is not None else "Export"
        button.variant = "warning" if existing is not None else "primary"

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        from core.atomic import atomic_write
        from core.export import render_html
        from core.themes import load_themes

        path = Path(self.query_one("#path", Input).value).expanduser()
        if path.exists() and self._replace != path:
            self._ask(path)
            return
        articles = [self.store.article(article_id) for article_id in self.state.articles]
        theme = load_themes().get(self.theme_name)
        state = self.state.model_copy(update={"theme": theme.name})
        try:
            html = render_html(articles, self.store.entities, state, theme, title=f"newslens: {self.store.name}")
            atomic_write(path, html, overwrite=self._replace == path)
        except (NewslensError, OSError) as error:
            message = self.query_one("#message", Static)
            message.set_classes("-error")
            message.update(Text(printable(str(error))))  # literal, never markup
            return
        self.app.notify(f"Exported to {path}", timeout=6, markup=False)
        self.dismiss()
