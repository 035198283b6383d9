"""Titles: the titles of a lazy article list, for the article picker."""

from __future__ import annotations

from collections.abc import Sequence

from core.store import ArticleInfo


class Titles(Sequence[str]):
    """The titles of a lazy article list, read one at a time."""

    def __init__(self, infos: Sequence[ArticleInfo]) -> None:
        self._infos = infos

    def __len__(self) -> int:
        return len(self._infos)

    def __getitem__(self, position):  # type: ignore[override]
        return self._infos[position].title
