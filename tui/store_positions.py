"""StorePositions: article id -> corpus position, without copying a store's ids."""

from __future__ import annotations

from collections.abc import Mapping


class StorePositions(Mapping[str, int]):
    """Article id -> corpus position, asked of the store (which indexes its own ids)."""

    def __init__(self, store) -> None:
        self._store = store

    def __getitem__(self, article_id: str) -> int:
        return self._store.position(article_id)

    def __iter__(self):
        return (info.id for info in self._store.infos)

    def __len__(self) -> int:
        return len(self._store)
