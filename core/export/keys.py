"""Type keys: the groups of the legend and the index, and their CSS class names."""

from __future__ import annotations

from core.view import CUES

TYPE_KEYS: tuple[str, ...] = tuple(CUES)
"""Legend and index groups: the four labels plus generic weapons (``WEAPON generic``)."""


def type_class(key: str) -> str:
    """CSS class suffix of a type key: ``person`` … ``weapon-generic`` (as in the reader)."""
    return key.lower().replace(" ", "-")


def split_key(key: str) -> tuple[str, str | None]:
    """``(label, kind)`` of a type key: ``WEAPON generic`` -> ``("WEAPON", "generic")``."""
    return ("WEAPON", "generic") if key == "WEAPON generic" else (key, None)
