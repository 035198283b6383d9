"""Text search in an article: every case-insensitive occurrence, with offsets into the text."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(re.escape(pattern), re.IGNORECASE)


def find_all(text: str, pattern: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every occurrence of ``pattern`` in ``text``, ignoring case, not overlapping.

    The offsets are into ``text`` itself (matching a case-folded copy would shift them
    after an ``ß``).
    """
    if not pattern:
        return []
    return [match.span() for match in _compiled(pattern).finditer(text)]
