"""``newslens entities``: the entities of the corpus with aliases and counts."""

from __future__ import annotations

import argparse
import json

from tui.commands.common import add_model_option, add_output_options, analyse_or_fail, emit, emit_table, label_type

HELP = "list entities with their aliases and mention counts"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--label, --generic, --model, --format table|json, -o FILE."""
    add_model_option(parser)
    parser.add_argument("--label", type=label_type, action="append", metavar="LABEL",
                        help="only this label: person, place, org or weapon, any case (repeatable)")  # fmt: skip
    parser.add_argument("--generic", action="store_true", help="include generic weapon words (Raketen, Drohnen)")
    add_output_options(parser, ("table", "json"), "table")


def run(args: argparse.Namespace) -> int:
    """Print the entity table or JSON."""
    result = analyse_or_fail(args)
    entities = [
        entity
        for entity in result.store.entities
        if (not args.label or entity.label in args.label) and (args.generic or entity.kind != "generic")
    ]
    if args.format == "json":
        emit(args, json.dumps([e.model_dump(mode="json") for e in entities], ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table
    from rich.text import Text

    titles = {info.id: str(number) for number, info in enumerate(result.store.infos, 1)}
    table = Table(title=f"{len(entities)} entities in {len(titles)} articles", title_justify="left")
    for column in ("label", "entity", "aliases", "mentions", "articles", "roles"):
        table.add_column(column, overflow="fold", justify="right" if column == "mentions" else "left")
    for entity in entities:
        table.add_row(
            Text(entity.label + (" (generic)" if entity.kind == "generic" else "")),
            Text(entity.name),
            Text(", ".join(entity.aliases)),
            str(entity.mentions),
            Text(", ".join(titles[a] for a in entity.articles)),
            Text(", ".join(entity.roles)),
        )
    emit_table(args, table)
    return 0
