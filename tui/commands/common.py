"""Helpers the commands share: loading, analysing, reporting, writing output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from core.analysis import store_corpus
from core.atomic import atomic_write
from core.corpus import LoadResult, load_corpus
from core.errors import NewslensError, NoArticlesError
from core.models import Corpus
from core.store import Store
from core.textclean import printable


def label_type(text: str) -> str:
    """argparse ``type`` for a label as a person types it (``person``, ``Places``, ``ORG``)."""
    from core.matching import parse_label

    try:
        return parse_label(text)
    except NewslensError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def report_problems(problems) -> None:
    """Print each load problem as one line on stderr."""
    from tui.cli import report

    for problem in problems:
        report(str(problem))


def load_or_fail(args: argparse.Namespace) -> LoadResult:
    """Load the corpus, print each problem, fail when no article loaded."""
    result = load_corpus(args.paths, max_bytes=args.max_size)
    report_problems(result.problems)
    if not result.articles:
        raise NoArticlesError("no articles could be loaded" + (" (see the lines above)" if result.problems else ""))
    return result


def add_model_option(parser: argparse.ArgumentParser) -> None:
    """``--model``, ``--no-cache`` and ``--jobs``: how the corpus is annotated."""
    parser.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        default=None,
        help="spaCy pipeline to tag with (installed package or folder); default: the shipped model",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the annotation cache")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="annotate in N processes (large corpora)")
    parser.add_argument(
        "--place-adjectives", action="store_true", help="link adjectives of countries (russischen) to the country"
    )


@dataclass
class Analysed:
    """The analysed corpus as the commands need it."""

    store: Store

    @cached_property
    def corpus(self) -> Corpus:
        return store_corpus(self.store)

    @property
    def index(self):
        return self.store.index

    @property
    def problems(self) -> list[str]:
        return self.store.problems


def add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...], default: str) -> None:
    """``--format``, ``-o FILE`` and ``--force``."""
    parser.add_argument("--format", choices=formats, default=default, help=f"output format (default {default})")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def analyse_or_fail(args: argparse.Namespace) -> Analysed:
    """Load and analyse the corpus (from the cache when it can), with a progress bar on a terminal."""
    from core.analysis import Options, analyse
    from core.store import open_parquet_store, store_folder
    from tui.cli import report
    from tui.progress import progress_bar

    if (folder := store_folder(args.paths)) is not None:
        store = open_parquet_store(folder)
        report_problems(store.problems)
        return Analysed(store)

    options = Options(model=args.model, max_bytes=args.max_size, use_cache=not args.no_cache,
                      jobs=max(1, args.jobs), warn=report,
                      place_adjectives=args.place_adjectives)  # fmt: skip
    with progress_bar("annotating") as progress:
        store = analyse(args.paths, options, progress)
    report_problems(store.problems)
    return Analysed(store)


def emit(args: argparse.Namespace, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its chunks) to ``-o FILE`` atomically, or to stdout."""
    if args.output is None:
        for chunk in [text] if isinstance(text, str) else text:
            sys.stdout.write(chunk)
        if isinstance(text, str) and not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    atomic_write(args.output, text, overwrite=args.force)
    print(f"newslens: wrote {printable(str(args.output))}", file=sys.stderr)


def emit_table(args: argparse.Namespace, table) -> None:
    """A rich table on the terminal, or its plain text to ``-o FILE``."""
    import io

    from rich.console import Console

    if args.output is None:
        Console().print(table)
        return
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(table)
    emit(args, console.export_text())
