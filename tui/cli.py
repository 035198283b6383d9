"""The ``newslens`` command: subcommands, or the reader when none is given.

Errors become one line on stderr (``newslens: <file>: <problem>``) and a
non-zero exit only when nothing at all could be done; never a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from core import __version__
from core.errors import NewslensError
from core.textclean import printable
from tui.collection import resume_collection
from tui.commands import COMMANDS, add_input_options


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="newslens",
        description=(
            "Read German news side by side: people, places, organisations, weapons "
            "and quotations. Without a command, opens the reader (on the bundled "
            "seed articles when no paths are given)."
        ),
        epilog="Run 'newslens COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"newslens {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.HELP, description=command.HELP)
        if getattr(command, "TAKES_PATHS", True):
            add_input_options(sub)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """``newslens [PATHS...]`` means ``newslens read [PATHS...]``."""
    if any(arg in ("-h", "--help", "--version") for arg in argv[:1]):
        return argv
    first_word = next((arg for arg in argv if not arg.startswith("-")), None)
    if first_word in COMMANDS:
        return argv
    return ["read", *argv]


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so that temporary files and workers are cleaned up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def _on_termination() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` in the main thread (the reader has its own)."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)


def report(message: str) -> None:
    """Print one problem line on stderr, control characters escaped."""
    print(f"newslens: {printable(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (the console script enters through :mod:`tui.launch`); returns the exit code."""
    args = build_parser().parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    if args.command != "read":  # the reader resumes collection once its articles are on screen
        resume_collection()
        _on_termination()
    try:
        return args.run(args)
    except NewslensError as error:
        report(str(error))
        return 1
    except KeyboardInterrupt:
        report("interrupted")
        return 130
    except Terminated as stop:
        report(f"terminated ({signal.Signals(stop.signum).name})")
        return 128 + stop.signum
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
