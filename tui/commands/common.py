"""Helpers the commands share: loading the corpus and reporting problems."""

from __future__ import annotations

import argparse

from core.corpus import LoadResult, load_corpus
from core.errors import NoArticlesError


def load_or_fail(args: argparse.Namespace) -> LoadResult:
    """Load the corpus, print each problem, fail when no article loaded."""
    from tui.cli import report

    result = load_corpus(args.paths, max_bytes=args.max_size)
    for problem in result.problems:
        report(str(problem))
    if not result.articles:
        raise NoArticlesError(
            "no articles could be loaded" + (" (see the lines above)" if result.problems else "")
        )
    return result
