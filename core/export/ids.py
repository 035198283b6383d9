"""Unique, sanitised HTML ids for the exported page."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(value: str, limit: int = 48) -> str:
    """``value`` reduced to ``[A-Za-z0-9_-]`` (umlauts transliterated), never empty."""
    ascii_text = unicodedata.normalize("NFKD", value.translate(_GERMAN)).encode("ascii", "ignore").decode()
    return _UNSAFE_ID.sub("-", ascii_text).strip("-")[:limit].strip("-") or "x"


class IdMaker:
    """Hands out unique, sanitised HTML ids (``e-person-selenskyj``, then ``…-2`` on a clash)."""

    def __init__(self, reserved: Sequence[str] = ()) -> None:
        self._taken: set[str] = set(reserved)
        self._clashes: Counter[str] = Counter()

    def make(self, prefix: str, raw: str) -> str:
        """A fresh id ``<prefix>-<slug(raw)>``."""
        base = candidate = f"{prefix}-{slug(raw)}"
        while candidate in self._taken:
            self._clashes[base] += 1
            candidate = f"{base}-{self._clashes[base] + 1}"
        self._taken.add(candidate)
        return candidate
