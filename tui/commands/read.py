"""``newslens [PATHS...]``: open the reader."""

from __future__ import annotations

import argparse

HELP = "open the reader (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Reader options are added with the reader."""


def run(args: argparse.Namespace) -> int:
    """Open the reader on the corpus."""
    from tui.commands.common import load_or_fail

    result = load_or_fail(args)
    for article in result.articles:
        print(article.id, article.title)
    return 0
