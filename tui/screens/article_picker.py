"""ArticlePicker: choose an article by typing part of its title (fuzzy)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.widgets.option_list import Option

from tui.screens.fuzzy_picker import LIMIT, FuzzyPicker, fuzzy_positions

TITLE_CUTOFF = 40
"""Least fuzzy score (0-100) of a listed title."""


class ArticlePicker(FuzzyPicker[int | None]):
    """Returns the position of the chosen article, or None.

    ``search(query)`` finds the positions of matching titles where the corpus can do it
    itself (a Parquet store of a million articles); otherwise the titles are matched fuzzily.
    """

    def __init__(self, titles: Sequence[str], search: Callable[[str], list[int]] | None = None) -> None:
        super().__init__("type part of a title")
        self.titles = titles
        self.search = search

    def options_for(self, query: str) -> list[Option]:
        if query and self.search is not None:
            positions = self.search(query)[:LIMIT]
        elif query:
            positions = fuzzy_positions(query, self.titles, TITLE_CUTOFF)
        else:
            positions = list(range(min(LIMIT, len(self.titles))))
        return [Option(Text(f"{p + 1:>4}  {self.titles[p]}"), id=str(p)) for p in positions]

    def result_of(self, option_id: str) -> int:
        return int(option_id)
