"""Align the paragraphs of two articles for synchronised scrolling.

Paragraphs are matched by what they share: entities (weighted) and content
words, not by position, with a monotonic alignment (dynamic programming, as
in sequence alignment), so the second article follows the first through the
same parts of the story even when one of them has more paragraphs.
"""

from __future__ import annotations

import re

from core.models import AnnotatedArticle

_CONTENT_WORD = re.compile(r"\w{5,}")
ENTITY_WEIGHT = 3.0
SKIP_PENALTY = 0.05


def _profile(article: AnnotatedArticle, start: int, end: int) -> tuple[set[str], set[str]]:
    entities = {m.entity for m in article.mentions if m.entity and start <= m.start < end}
    words = {w.casefold() for w in _CONTENT_WORD.findall(article.text[start:end])}
    return entities, words


def similarity(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> float:
    """Weighted Jaccard overlap of entities and content words."""

    def jaccard(x: set[str], y: set[str]) -> float:
        return len(x & y) / len(x | y) if x | y else 0.0

    return (ENTITY_WEIGHT * jaccard(a[0], b[0]) + jaccard(a[1], b[1])) / (ENTITY_WEIGHT + 1)


def align_paragraphs(first: AnnotatedArticle, second: AnnotatedArticle) -> list[int]:
    """For each paragraph of ``first``, the paragraph of ``second`` it corresponds to."""
    a = [_profile(first, s, e) for s, e in first.paragraphs]
    b = [_profile(second, s, e) for s, e in second.paragraphs]
    if not a or not b:
        return [0] * len(a)
    rows, cols = len(a), len(b)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    move = [[0] * (cols + 1) for _ in range(rows + 1)]  # 0 diagonal, 1 skip in first, 2 skip in second
    for i in range(1, rows + 1):
        score[i][0], move[i][0] = score[i - 1][0] - SKIP_PENALTY, 1
    for j in range(1, cols + 1):
        score[0][j], move[0][j] = score[0][j - 1] - SKIP_PENALTY, 2
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            options = (
                score[i - 1][j - 1] + similarity(a[i - 1], b[j - 1]),
                score[i - 1][j] - SKIP_PENALTY,
                score[i][j - 1] - SKIP_PENALTY,
            )
            best = max(range(3), key=options.__getitem__)
            score[i][j], move[i][j] = options[best], best
    mapping = [0] * rows
    i, j = rows, cols
    while i > 0:
        step = move[i][j] if j > 0 else 1
        if step == 0:
            mapping[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif step == 1:
            mapping[i - 1] = max(0, j - 1)  # a paragraph only in the first: stay near its neighbour
            i -= 1
        else:
            j -= 1
    return mapping
