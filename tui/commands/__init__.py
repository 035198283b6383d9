"""One module per ``newslens`` subcommand, each with HELP, add_arguments and run."""

from __future__ import annotations

import argparse
from types import ModuleType

from core.corpus import DEFAULT_MAX_BYTES, MEGABYTE, megabytes
from tui.commands import annotate, cache, corrections, entities, export, list_articles, quotes, read

COMMANDS: dict[str, ModuleType] = {
    "read": read,
    "list": list_articles,
    "annotate": annotate,
    "entities": entities,
    "quotes": quotes,
    "export": export,
    "cache": cache,
    "corrections": corrections,
}


def _megabytes(value: str) -> int:
    try:
        size = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return int(size * MEGABYTE)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options every command shares: the paths to read and the size limit."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files (.txt, .md, .json, .jsonl) or folders; default: the bundled seeds",
    )
    parser.add_argument(
        "--max-size",
        type=_megabytes,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help=f"skip files larger than this (default {megabytes(DEFAULT_MAX_BYTES)})",
    )
