"""``newslens annotate PATHS --store DIR``: build or extend a Parquet store, with a progress bar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import NewslensError


def _engine(args: argparse.Namespace):
    jobs = max(1, args.jobs)
    if args.engine == "dask":
        try:
            from core.scale.engines import DaskEngine

            return DaskEngine(args.scheduler, jobs, args.model)
        except ImportError as error:
            raise NewslensError(f"--engine dask needs dask[distributed] ({error.name} is missing): "
                                "pip install 'newslens[scale]'") from None  # fmt: skip
        except OSError as error:
            raise NewslensError(f"cannot reach the Dask scheduler {args.scheduler}: {error}") from None
    from core.scale.engines import InProcess, LocalProcesses

    return LocalProcesses(jobs, args.model) if jobs > 1 else InProcess()


def build_store(args: argparse.Namespace) -> int:
    """Run the build and print what it did (one line per figure on stderr)."""
    from tui.cli import report

    if args.scheduler and args.engine != "dask":
        report("--scheduler needs --engine dask")
        return 2
    try:
        from core.scale.build import BuildOptions, build
    except ImportError as error:
        raise NewslensError(f"--store needs pyarrow ({error.name} is missing): pip install 'newslens[scale]'") from None
    from tui.progress import stage_progress

    engine = _engine(args)
    try:
        dashboard = getattr(engine, "dashboard", None)
        if args.engine == "dask":
            shown = dashboard or "none (needs bokeh)"
            print(f"newslens: Dask cluster with {engine.workers} workers; dashboard: {shown}", file=sys.stderr)
        options = BuildOptions(model=args.model, max_bytes=args.max_size, place_adjectives=args.place_adjectives,
                               partition_files=max(1, args.partition_files))  # fmt: skip
        with stage_progress() as progress:
            result = build(args.paths or _seeds(), Path(args.store), engine, options, progress)
    except (NewslensError, KeyboardInterrupt):
        raise
    except Exception as error:  # a worker died, the cluster went away: one line, the store stays consistent
        raise NewslensError(f"{args.store}: the {args.engine} run failed ({type(error).__name__}: {error}); "
                            "run the command again to resume") from None  # fmt: skip
    finally:
        engine.close()
    for problem in result.problems:
        report(problem)
    rate = result.words / result.annotate_seconds if result.annotate_seconds and result.words else 0
    print(f"newslens: {args.store}: {result.new_articles} new articles ({result.skipped_files} files unchanged), "
          f"{result.articles} in the store, {result.entities} entities; annotated in {result.annotate_seconds:.1f} s"
          + (f" ({rate:,.0f} words/s)" if rate else "")
          + (f", linked in {result.link_seconds:.1f} s" if result.linked else ", links up to date"),
          file=sys.stderr)  # fmt: skip
    return 0


def _seeds() -> list[Path]:
    from core.resources import seeds_dir

    return [seeds_dir()]
