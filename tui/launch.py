"""The ``newslens`` console script: pause garbage collection, then import and run the CLI."""

from __future__ import annotations

from tui.collection import pause_collection


def main() -> int:
    """Entry point; see :mod:`tui.collection` for why collection waits."""
    pause_collection()
    from tui.cli import main as run_cli

    return run_cli()
