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

    from core.store import open_parquet_store, store_folder

    if (folder := store_folder(args.paths)) is not None:
        return _list_store(open_parquet_store(folder))
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


def _list_store(store) -> int:
    """A Parquet store's articles from its catalog: position, id, title, mentions, quotations."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    catalog = store.catalog.to_pydict()
    table = Table(title=f"{len(store)} articles in the store {store.name}", title_justify="left")
    for column, justify in (("#", "right"), ("id", "left"), ("title", "left"), ("mentions", "right"),
                            ("quotations", "right")):  # fmt: skip
        table.add_column(column, justify=justify, overflow="fold")
    for number, (article_id, title, mentions, quotes) in enumerate(
        zip(catalog["id"], catalog["title"], catalog["mentions"], catalog["quotes"], strict=True), 1
    ):
        table.add_row(str(number), Text(article_id), Text(title), str(mentions), str(quotes))
    Console().print(table)
    return 0
