"""``newslens quotes``: who said what, in every article of the corpus."""

from __future__ import annotations

import argparse
import json

from core.matching import entity_names, matches
from core.speaker_tags import speaker_name
from tui.commands.common import add_model_option, add_output_options, analyse_or_fail, emit, emit_table

HELP = "list the quotations with their speakers"
EXCERPT = 120


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--speaker, --reported/--direct-only, --all, --format table|json."""
    add_model_option(parser)
    parser.add_argument("--speaker", metavar="NAME",
                        help="only quotations whose speaker matches NAME: as written, or the person by any name, "
                             "alias or role (Kreml-Sprecher, US-Präsident), any case")  # fmt: skip
    parser.add_argument("--direct", action="store_true", help="only direct quotations (no reported speech)")
    parser.add_argument("--all", action="store_true", help="also titles and scare quotes (not speech)")
    add_output_options(parser, ("table", "json"), "table")


def run(args: argparse.Namespace) -> int:
    """Print the quotations as a table or JSON."""
    store = analyse_or_fail(args).store
    names = {entity.id: entity.name for entity in store.entities}
    rows = []
    for number, info in enumerate(store.infos, 1):
        article = store.article(info.id)
        for quote in article.quotes:
            if (not quote.speech and not args.all) or (args.direct and quote.kind != "direct"):
                continue
            entity = store.entity(quote.speaker_entity) if quote.speaker_entity else None
            names_of = [quote.speaker, *(entity_names(entity) if entity else ())]
            if args.speaker and not matches(args.speaker, names_of):
                continue
            rows.append((number, info.id, quote, entity))
    if args.format == "json":
        records = [
            {"article": article_id, **quote.model_dump(mode="json"), "speaker_name": entity.name if entity else None}
            for _, article_id, quote, entity in rows
        ]
        emit(args, json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} quotations", title_justify="left")
    for column in ("art.", "speaker", "kind", "quotation", "cue"):
        table.add_column(column, overflow="fold")
    for number, _, quote, _entity in rows:
        speaker = speaker_name(quote, names) or "—"
        text = " ".join(quote.text.split())
        kind = quote.kind if quote.speech else "not speech"
        table.add_row(str(number), Text(speaker), kind, Text(text if len(text) <= EXCERPT else text[:EXCERPT] + "…"),
                      Text(quote.cue or ""))  # fmt: skip
    emit_table(args, table)
    return 0
