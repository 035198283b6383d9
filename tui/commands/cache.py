"""``newslens cache info|clear``: the annotation cache."""

from __future__ import annotations

import argparse

HELP = "show or clear the annotation cache"
TAKES_PATHS = False
"""No PATHS and no --max-size: the cache is one for all corpora."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The action: info or clear."""
    parser.add_argument("action", choices=("info", "clear"), help="info: where and how big; clear: delete it")


def run(args: argparse.Namespace) -> int:
    """Print the cache figures or delete the cache."""
    from core.cache import default_cache
    from core.corpus import megabytes
    from core.textclean import printable
    from tui.cli import report

    cache = default_cache(warn=report)
    if args.action == "clear":
        cache.clear()
        print(f"cleared {printable(str(cache.path))}")
        return 0
    info = cache.info()
    print(f"path          {printable(str(info.path))}")
    print(f"size          {megabytes(info.size_bytes)}")
    print(f"annotations   {info.annotations} articles")
    print(f"corpora       {info.corpora} linked corpora")
    print(f"files         {info.files} input files known")
    for fingerprint in info.fingerprints:
        print(f"pipeline      {fingerprint}")
    return 0
