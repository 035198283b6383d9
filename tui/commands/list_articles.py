"""``newslens list``: a table of the articles in the corpus."""

from __future__ import annotations

import argparse

from tui.commands.common import load_or_fail

HELP = "list the articles: id, title, paragraphs, words, encoding, warnings"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond the shared ones."""


def run(args: argparse.Namespace) -> int:
    """Print the table; exit 0 when at least one article loaded."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    result = load_or_fail(args)
    table = Table(title=f"{len(result.articles)} articles", title_justify="left")
    for column, justify in (
        ("id", "left"),
        ("title", "left"),
        ("paragraphs", "right"),
        ("words", "right"),
        ("encoding", "left"),
        ("warnings", "left"),
    ):
        table.add_column(column, justify=justify, overflow="fold")
    for article in result.articles:
        # Text(...) keeps article-derived values literal: no markup parsing.
        table.add_row(
            Text(article.id),
            Text(article.title),
            str(len(article.paragraphs)),
            str(article.word_count),
            Text(article.encoding),
            Text("; ".join(article.warnings)),
        )
    Console().print(table)
    return 0
