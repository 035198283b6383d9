"""``newslens corrections list|export``: the user's corrections, and the corrected articles as training data."""

from __future__ import annotations

import argparse
import json

HELP = "list the corrections in entities.toml, or export corrected articles as training examples"
TAKES_PATHS = False
"""``list`` takes no paths; ``export`` adds its own."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``list [--format table|json]``; ``export [PATHS] -o FILE [--format spacy|jsonl] [--corrected-only]``."""
    from tui.commands import add_input_options
    from tui.commands.common import add_model_option

    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every correction, in file order", description="every correction")
    listing.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    export = actions.add_parser("export", help="write the corrected articles as a spaCy DocBin or JSON lines",
                                description="write the corrected articles as training examples for "
                                            "training/train.py --extra")  # fmt: skip
    add_input_options(export)
    add_model_option(export)
    export.add_argument("-o", "--output", type=__import__("pathlib").Path, metavar="FILE", required=True,
                        help="the file to write (FILE.spacy: a DocBin; FILE.jsonl: JSON lines)")  # fmt: skip
    export.add_argument("--format", choices=("spacy", "jsonl"), default=None,
                        help="spacy (DocBin) or jsonl (default: from the file's suffix, else spacy)")  # fmt: skip
    export.add_argument("--corrected-only", action="store_true",
                        help="only articles a correction changed or names")  # fmt: skip
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    return _list(args) if args.action == "list" else _export(args)


def _list(args: argparse.Namespace) -> int:
    from core.corrections import CorrectionsFile, table_of

    file = CorrectionsFile()
    items = file.load().items()
    if args.format == "json":
        records = [{"table": table_of(item), **item.model_dump(mode="json"), "description": item.describe()}
                   for item in items]  # fmt: skip
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from core.textclean import printable

    table = Table(title=f"{len(items)} corrections in {printable(str(file.path))}", title_justify="left")
    for column in ("#", "table", "correction"):
        table.add_column(column, overflow="fold")
    for number, item in enumerate(items, 1):
        table.add_row(str(number), table_of(item), Text(printable(item.describe())))
    Console().print(table)
    return 0


def _touched(article, named: set[str]) -> bool:
    return article.id in named or any(r.source == "user" for r in (*article.mentions, *article.quotes))


def _export(args: argparse.Namespace) -> int:
    from core.atomic import atomic_write
    from core.corrections import CorrectionsFile
    from core.corrections.examples import Examples, docbin_bytes, jsonl_lines
    from core.errors import ExportError
    from core.textclean import printable
    from tui.cli import report
    from tui.commands.common import analyse_or_fail

    form = args.format or ("jsonl" if args.output.suffix == ".jsonl" else "spacy")
    if args.output.exists() and args.output.is_file() and not args.force:
        raise ExportError(f"{args.output}: already exists (use --force to replace it)")
    store = analyse_or_fail(args).store
    named = {record.article for record in CorrectionsFile().load().items() if getattr(record, "article", None)}
    articles = (store.article(info.id) for info in store.infos)
    if args.corrected_only:
        articles = (article for article in articles if _touched(article, named))
    counts = Examples()
    data = jsonl_lines(articles, counts) if form == "jsonl" else docbin_bytes(articles, counts)
    atomic_write(args.output, data, overwrite=args.force)
    skipped = f"; {counts.skipped} mentions not on token edges left out" if counts.skipped else ""
    report(f"wrote {printable(str(args.output))}: {counts.articles} articles, {counts.entities} entities{skipped}")
    return 0
