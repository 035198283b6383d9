"""``newslens [PATHS...]``: open the reader."""

from __future__ import annotations

import argparse

from tui.commands.common import add_model_option

HELP = "open the reader (the default command)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--model."""
    add_model_option(parser)


def run(args: argparse.Namespace) -> int:
    """Open the reader; it loads and annotates in the background."""
    from tui.app import NewslensApp
    from tui.loader import LoadRequest

    request = LoadRequest(args.paths, args.model, args.max_size, use_cache=not args.no_cache, jobs=max(1, args.jobs),
                          place_adjectives=args.place_adjectives)  # fmt: skip
    app = NewslensApp(request)
    app.run()
    return app.return_code or 0  # non-zero when the app ended on an error
