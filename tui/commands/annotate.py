"""``newslens annotate``: the JSON contract of DESIGN.md, or a Parquet store (``--store DIR``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from core.models import Corpus
from core.store import Store
from tui.commands.common import add_model_option, add_output_options, analyse_or_fail, emit

HELP = "tag people, places, organisations, weapons and quotations; print JSON or build a Parquet store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--model, --format json|jsonl, -o FILE, --force; --store DIR, --engine, --scheduler."""
    add_model_option(parser)
    add_output_options(parser, ("json", "jsonl"), "json")
    scale = parser.add_argument_group("large corpora (needs the scale extra: pip install 'newslens[scale]')")
    scale.add_argument("--store", metavar="DIR", help="annotate into (or add to) the Parquet store DIR instead of "
                       "printing JSON; a killed run resumes where it stopped")  # fmt: skip
    scale.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="with --store: local (--jobs processes) or dask (Dask distributed)")  # fmt: skip
    scale.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: join this cluster (tcp://host:port) "
                       "instead of starting a LocalCluster of --jobs workers")  # fmt: skip
    scale.add_argument("--partition-files", type=int, default=50, metavar="N",
                       help="with --store: files (or JSON lines) per partition, a shard each; default 50")  # fmt: skip


def render(store: Store, form: str) -> Iterator[str]:
    """The corpus as one JSON document (``Corpus``), or JSON lines (header, articles, entities),
    produced article by article so that a large corpus is never held as one string."""
    header = Corpus(pipeline=store.pipeline).model_dump(mode="json", include={"version", "generator", "pipeline"})
    if form == "jsonl":
        yield json.dumps(header, ensure_ascii=False) + "\n"
        for article in store.articles:
            yield '{"article": ' + article.model_dump_json() + "}\n"
        for entity in store.entities:
            yield '{"entity": ' + entity.model_dump_json() + "}\n"
        return
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "articles": ['
    for number, article in enumerate(store.articles):
        yield ("," if number else "") + "\n" + article.model_dump_json()
    yield '\n], "entities": ['
    for number, entity in enumerate(store.entities):
        yield ("," if number else "") + "\n" + entity.model_dump_json()
    yield "\n]}\n"


def run(args: argparse.Namespace) -> int:
    """Annotate and print (or write) the document, or build the store."""
    if args.store is not None:
        from tui.commands.store import build_store

        return build_store(args)
    if args.engine != "local" or args.scheduler:
        from tui.cli import report

        report("--engine and --scheduler need --store DIR")
        return 2
    result = analyse_or_fail(args)
    emit(args, render(result.store, args.format))
    return 0
