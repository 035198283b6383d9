"""QuotesPanel: who said what in the articles on screen; Enter jumps to a quotation."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from core.models import AnnotatedArticle, Quote
from core.view import speaker_name

QUOTE_WIDTH = 60
SPEAKER_WIDTH = 20


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_WIDTH else text[: QUOTE_WIDTH - 1] + "…"


class QuotesPanel(Vertical):
    """Speaker, quotation and pane of every quotation in the articles on screen."""

    DEFAULT_CSS = """
    QuotesPanel { background: $panel; height: 1fr; }
    QuotesPanel Input { border: tall $primary 30%; }
    QuotesPanel DataTable { height: 1fr; background: $panel; }
    """
    BINDINGS = [Binding("enter", "jump", "Jump to quotation", priority=True)]

    @dataclass
    class Jump(Message):
        """Show a quotation in its pane."""

        article: str
        quote: Quote

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, str, Quote]] = []  # (pane, article id, quote)
        self.names: dict[str, str] = {}  # entity id -> name
        self.show_indirect = True

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter by speaker", id="speaker-filter")
        table: DataTable = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_column("Speaker", width=SPEAKER_WIDTH)
        table.add_columns("Quotation", "Pane")
        yield table

    def show_quotes(self, articles: list[tuple[str, AnnotatedArticle]], names: dict[str, str] | None = None) -> None:
        """Quotations (speech only) of ``(pane label, article)`` pairs, in text order; ``names``
        maps entity ids to names, so that speakers show as the person they resolve to."""
        self.rows = [
            (pane, article.id, quote) for pane, article in articles for quote in article.quotes if quote.speech
        ]
        self.names = names or {}
        self._fill()

    def _fill(self) -> None:
        query = self.query_one("#speaker-filter", Input).value.casefold()
        table = self.query_one(DataTable)
        table.clear()
        for number, (pane, _article, quote) in enumerate(self.rows):
            speaker = speaker_name(quote, self.names) or "—"
            if query and query not in speaker.casefold() and query not in (quote.speaker or "").casefold():
                continue
            kind = "" if quote.kind == "direct" else " (reported)"
            table.add_row(Text(speaker), Text(_short(quote.text) + kind), pane, key=str(number))

    @on(Input.Changed, "#speaker-filter")
    def _filter(self) -> None:
        self._fill()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._jump_to(event.row_key.value)

    def action_jump(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self._jump_to(key)

    def _jump_to(self, key: str | None) -> None:
        if key is None:
            return
        _pane, article, quote = self.rows[int(key)]
        self.post_message(self.Jump(article, quote))
