"""``newslens export``: the reader's view as one HTML file, or displaCy JSON.

The options build the same :class:`core.view.ViewState` the reader uses, so an
export shows what the reader would. ``-o FILE`` is required: an HTML page is
no use on a terminal (``-o -`` writes to stdout for piping). The file is written
atomically and an existing one is only replaced with ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import ExportError, NewslensError
from core.matching import resolve_entity
from core.models import LABELS, Corpus
from core.textclean import printable
from core.themes import DEFAULT_THEME, ThemeSpec, load_themes
from core.view import ViewState
from tui.commands import common

HELP = "export two articles with their highlights to a self-contained HTML file (or displaCy JSON)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The view (articles, types, selection, compare, theme) and the output."""
    common.add_model_option(parser)
    view = parser.add_argument_group("what to show (as in the reader)")
    view.add_argument(
        "--articles",
        nargs="+",
        metavar="ID",
        help="article ids or 1-based numbers from 'newslens list' (default: the first two)",
    )
    view.add_argument("--types", nargs="+", type=common.label_type, metavar="TYPE",
                      help="highlight only these types (person, place, org, weapon; any case)")  # fmt: skip
    view.add_argument("--no-generic", action="store_true", help="do not highlight generic weapon words")
    view.add_argument("--no-quotes", action="store_true", help="do not mark quotations and speakers")
    view.add_argument("--entity", metavar="NAME",
                      help="select this entity: its id, name, any alias or role, any case (Putin)")  # fmt: skip
    view.add_argument("--only-entity", action="store_true", help="highlight only the selected entity (needs --entity)")
    view.add_argument("--hide", nargs="+", metavar="NAME", default=[],
                      help="do not highlight these entities (ids or names, as --entity)")  # fmt: skip
    view.add_argument("--no-dim", action="store_true", help="filtered-out mentions as plain text instead of dimmed")
    view.add_argument("--compare", action="store_true", help="mark what two articles share and list the differences")
    view.add_argument("--theme", metavar="NAME", help="colour theme (default: newslens-dark)")
    view.add_argument("--title", help="page title (default: the article titles)")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=("html", "json"), default="html", help="HTML page or displaCy JSON")
    out.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write ('-' for stdout)")
    out.add_argument("--force", action="store_true", help="replace FILE if it exists")


def pick_articles(corpus: Corpus, wanted: list[str] | None) -> tuple[str, ...]:
    """Article ids for ``--articles`` (ids or 1-based numbers); the first two by default."""
    if not wanted:
        return tuple(article.id for article in corpus.articles[:2])
    ids = [article.id for article in corpus.articles]
    chosen = []
    for value in wanted:
        if value in ids:
            chosen.append(value)
        elif value.isdigit() and 1 <= int(value) <= len(ids):
            chosen.append(ids[int(value) - 1])
        else:
            raise ExportError(f"unknown article {value!r}: use an id or a number from 'newslens list' (1-{len(ids)})")
    return tuple(chosen)


def build_view(args: argparse.Namespace, corpus: Corpus) -> ViewState:
    """The ViewState the options describe; ExportError names a wrong option value."""
    articles = pick_articles(corpus, args.articles)
    try:
        selected = resolve_entity(args.entity, corpus.entities).id if args.entity is not None else None
        hidden = [resolve_entity(name, corpus.entities).id for name in args.hide]
    except NewslensError as error:
        raise ExportError(str(error)) from None
    if args.only_entity and args.entity is None:
        raise ExportError("--only-entity needs --entity NAME")
    if args.compare and len(articles) != 2:
        raise ExportError(f"--compare needs exactly two articles, got {len(articles)}")
    return ViewState(
        articles=articles,
        labels=frozenset(args.types or LABELS),
        show_generic=not args.no_generic,
        show_quotes=not args.no_quotes,
        hidden=frozenset(hidden),
        selected=selected,
        only_selected=args.only_entity,
        dim=not args.no_dim,
        compare=args.compare,
        theme=args.theme or DEFAULT_THEME,
    )


def load_theme(name: str) -> ThemeSpec:
    """The named theme; an unknown name is an ExportError listing the known ones."""
    themes = load_themes()
    common.report_problems(themes.problems)
    if name not in themes.themes:
        raise ExportError(f"unknown theme {name!r} (available: {', '.join(sorted(themes.themes))})")
    return themes.themes[name]


def default_title(corpus: Corpus, articles: tuple[str, ...]) -> str:
    """``newslens: <title A> | <title B>``, each title cut to 60 characters."""
    titles = {article.id: article.title for article in corpus.articles}
    short = [t if len(t) <= 60 else t[:59].rstrip() + "…" for t in (titles[a] for a in articles[:3])]
    return "newslens: " + " | ".join(short) + (f" (+{len(articles) - 3})" if len(articles) > 3 else "")


def run(args: argparse.Namespace) -> int:
    """Analyse, render the view and write it."""
    from core.atomic import atomic_write
    from core.export import render_displacy, render_html

    theme = load_theme(args.theme or DEFAULT_THEME)  # before the slow part: a typo fails at once
    corpus = common.analyse_or_fail(args).corpus
    view = build_view(args, corpus)
    if args.format == "json":
        document = render_displacy(corpus.articles, view)
    else:
        title = args.title or default_title(corpus, view.articles)
        document = render_html(corpus.articles, corpus.entities, view, theme, title=title)
    if args.output == "-":
        sys.stdout.write(document if document.endswith("\n") else document + "\n")
        return 0
    written = atomic_write(Path(args.output), document, overwrite=args.force)
    print(f"newslens: exported {len(view.articles)} article(s) to {printable(str(written))}", file=sys.stderr)
    return 0
