"""ComparePanel: what the two articles share and what only one of them has."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from core.models import AnnotatedArticle
from core.speaker_tags import speaker_name
from core.store import Store
from core.view import Comparison


class ComparePanel(VerticalScroll):
    """The differences between the two articles, listed (compare mode)."""

    DEFAULT_CSS = """
    ComparePanel { background: $panel; height: 1fr; padding: 0 1; border-top: solid $primary 40%; }
    """

    def compose(self):
        yield Static(id="differences")

    def show_comparison(
        self, comparison: Comparison, articles: list[AnnotatedArticle], store: Store, names: dict[str, str]
    ) -> None:
        """List entities and quotations of A only, B only, and both (speakers as the person, via ``names``)."""
        text = Text()

        def listed(ids: frozenset[str]) -> list[str]:
            found = [store.entity(entity_id) for entity_id in ids]
            return [e.name for e in sorted((e for e in found if e), key=lambda e: (-e.mentions, e.name))]

        for heading, ids, style in (
            ("Only in A", comparison.only_first, "bold"),
            ("Only in B", comparison.only_second, "bold"),
            ("In both", comparison.shared_entities, "bold"),
        ):
            text.append(f"{heading} ({len(ids)})\n", style=style)
            text.append(", ".join(listed(ids)) + "\n\n")
        for label, article, marks in (("A", articles[0], comparison.first_quotes),
                                      ("B", articles[1], comparison.second_quotes)):  # fmt: skip
            only = [q for q, mark in zip(article.quotes, marks, strict=True) if q.speech and mark == "only"]
            text.append(f"Quotations only in {label} ({len(only)})\n", style="bold")
            for quote in only:
                text.append(f"• {speaker_name(quote, names) or '—'}: ", style="italic")
                text.append(" ".join(quote.text.split())[:80] + "\n")
            text.append("\n")
        self.query_one("#differences", Static).update(text)
