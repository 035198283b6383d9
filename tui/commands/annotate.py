"""``newslens annotate``: the JSON contract of DESIGN.md."""

from __future__ import annotations

import argparse
import json

from tui.commands.common import add_model_option, add_output_options, analyse_or_fail, emit

HELP = "tag people, places, organisations, weapons and quotations; print JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--model, --format json|jsonl, -o FILE, --force."""
    add_model_option(parser)
    add_output_options(parser, ("json", "jsonl"), "json")


def render(corpus, form: str) -> str:
    """The corpus as one JSON document, or JSON lines (header, articles, entities)."""
    if form == "json":
        return corpus.model_dump_json(indent=2)
    header = corpus.model_dump(mode="json", include={"version", "generator", "pipeline"})
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps({"article": a.model_dump(mode="json")}, ensure_ascii=False) for a in corpus.articles]
    lines += [json.dumps({"entity": e.model_dump(mode="json")}, ensure_ascii=False) for e in corpus.entities]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Annotate and print (or write) the document."""
    result = analyse_or_fail(args)
    emit(args, render(result.corpus, args.format))
    return 0
