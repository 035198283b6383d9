"""QuotesPanel: who said what in the articles on screen; Enter jumps to a quotation."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from core.matching import quote_matches
from core.models import AnnotatedArticle, Quote
from core.speaker_tags import speaker_name
from core.store import Store

EXCERPT_LINES = 2
"""Lines of a quotation shown while it is not the highlighted one (the highlighted one is shown whole)."""
ROWS_KEPT = 400
"""Rows kept for reuse: a row keeps its measured height and drawn lines, so that refilling the
list after ``]`` measures only the quotations of the article that came in."""


class QuoteRow(Option):
    """A quotation's row in the list; ``key`` is what its prompt shows (pane, quotation, whole or
    excerpt, width, speaker)."""

    def __init__(self, prompt: Text, key: tuple) -> None:
        super().__init__(prompt)
        self.key = key


class QuotesPanel(Vertical):
    """Speaker, pane and quotation of every quotation in the articles on screen."""

    DEFAULT_CSS = """
    QuotesPanel { background: $panel; height: 1fr; }
    QuotesPanel Input { border: tall $primary 30%; }
    QuotesPanel OptionList { height: 1fr; background: $panel; border: none; padding: 0; scrollbar-gutter: stable; }
    """
    BINDINGS = [Binding("enter", "jump", "Jump to quotation", priority=True)]

    @dataclass
    class Jump(Message):
        """Show a quotation in its pane."""

        article: str
        quote: Quote

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, str, Quote]] = []
        """``(pane, article id, quotation)`` of every speech quotation on screen, in text order."""
        self.shown: list[int] = []
        """Indices into ``rows`` of the rows the filter lets through, as listed."""
        self.names: dict[str, str] = {}
        self.store: Store | None = None
        self._full: int | None = None
        self._listing: OptionList | None = None
        self._rows: dict[tuple, QuoteRow] = {}
        """Rows by key, newest last (see ``ROWS_KEPT``)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: speaker, role or words", id="speaker-filter")
        yield OptionList(id="quote-list")

    @property
    def listing(self) -> OptionList:
        if self._listing is None:  # found once: a query walks the DOM, and every row's prompt asks for it
            self._listing = self.query_one(OptionList)
        return self._listing

    def show_quotes(self, articles: list[tuple[str, AnnotatedArticle]], names: dict[str, str] | None = None,
                    store: Store | None = None) -> None:  # fmt: skip
        """Quotations (speech only) of ``(pane label, article)`` pairs; speakers show as the person they
        resolve to (``names``), and match the filter by any of that person's names and roles (``store``)."""
        self.rows = [
            (pane, article.id, quote) for pane, article in articles for quote in article.quotes if quote.speech
        ]
        self.names, self.store = names or {}, store
        self._fill()

    def _key(self, number: int, full: bool) -> tuple:
        pane, _article, quote = self.rows[number]
        return pane, quote, full, max(20, self.listing.content_size.width - 1), speaker_name(quote, self.names)

    def _row(self, number: int, full: bool) -> QuoteRow:
        """The row of ``rows[number]``, reused if one with the same key was made before."""
        key = self._key(number, full)
        row = self._rows.pop(key, None) or QuoteRow(self._prompt(key), key)
        self._keep(row)
        return row

    def _keep(self, row: QuoteRow) -> None:
        self._rows[row.key] = row
        while len(self._rows) > ROWS_KEPT:
            del self._rows[next(iter(self._rows))]

    def _prompt(self, key: tuple) -> Text:
        pane, quote, full, width, speaker = key
        prompt = Text(f"{pane} ", style="bold")
        prompt.append(speaker or "—", style="italic")
        if quote.kind != "direct":
            prompt.append(" (reported)", style="dim")
        text = " ".join(quote.text.split())
        limit = width * EXCERPT_LINES - 2
        if not full and len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        prompt.append("\n" + text)
        return prompt

    def _fill(self) -> None:
        query = self.query_one("#speaker-filter", Input).value
        self.shown = []
        for number, (_pane, _article, quote) in enumerate(self.rows):
            speaker = self.store.entity(quote.speaker_entity) if self.store and quote.speaker_entity else None
            if query and not quote_matches(query, quote, speaker):
                continue
            self.shown.append(number)
        listing = self.listing
        # one call (clearing first would hide and show the scrollbar); the first row is highlighted,
        # so shown whole from the start
        listing.set_options(self._row(number, full=row == 0) for row, number in enumerate(self.shown))
        self._full = 0 if self.shown else None
        if self.shown:
            listing.highlighted = 0

    @on(Input.Changed, "#speaker-filter")
    def _filter(self) -> None:
        self._fill()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted quotation is shown whole, the others as excerpts."""
        listing = event.option_list
        if self._full == event.option_index:
            return
        if self._full is not None and self._full < listing.option_count:
            self._reshow(self._full, full=False)
        self._full = event.option_index
        self._reshow(event.option_index, full=True)

    def _reshow(self, index: int, full: bool) -> None:
        """Show the row at ``index`` of the list whole or as an excerpt (its key changes with it)."""
        row = self.listing.get_option_at_index(index)
        if not isinstance(row, QuoteRow):  # every row of the list is one
            return
        self._rows.pop(row.key, None)
        row.key = self._key(self.shown[index], full)
        self.listing.replace_option_prompt_at_index(index, self._prompt(row.key))
        self._keep(row)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._jump_to(event.option_index)

    def highlighted_quote(self) -> tuple[str, Quote] | None:
        """``(article id, quotation)`` of the highlighted row (what a correction of a quotation acts on)."""
        listing = self.listing
        if listing.highlighted is None or not 0 <= listing.highlighted < len(self.shown):
            return None
        _pane, article, quote = self.rows[self.shown[listing.highlighted]]
        return article, quote

    def action_jump(self) -> None:
        listing = self.listing
        if listing.highlighted is not None:
            self._jump_to(listing.highlighted)

    def _jump_to(self, index: int) -> None:
        if 0 <= index < len(self.shown):
            _pane, article, quote = self.rows[self.shown[index]]
            self.post_message(self.Jump(article, quote))
