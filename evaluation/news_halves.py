"""news-dev by halves, with recall per quotation kind (for tuning on one half, checking the other).

    python -m evaluation.news_halves [--gold DIR] [--newslens CMD]

Splits the gold files (sorted by name) into the odd-numbered half (1st, 3rd, …: tuned on)
and the even half (held out), runs ../shared/tools/score_news.py on each and on all, and
adds the recall of direct and of reported (indirect) quotations: gold quotations of that
kind that the scorer found, over all of that kind. Reads the texts where they lie; copies
only the gold files into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "tools" / "score_news.py"
NEWS = SHARED / "data" / "news-dev"
_MISSED = re.compile(r": missed (direct|indirect) quote ")


def score(gold: Path, articles: Path, newslens: str) -> None:
    command = [sys.executable, str(SCORER), "--gold", str(gold), "--articles", str(articles)]
    result = subprocess.run([*command, "--newslens", newslens, "--show", "100000"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr.strip() or result.stdout.strip())
    lines = result.stdout.splitlines()
    print("\n".join(line for line in lines if not line.startswith(" - ")))
    kinds: dict[str, int] = {}
    for path in gold.glob("*.json"):
        for quote in json.loads(path.read_text(encoding="utf-8"))["quotes"]:
            kinds[quote["kind"]] = kinds.get(quote["kind"], 0) + 1
    missed: dict[str, int] = {}
    for line in lines:
        if match := _MISSED.search(line):
            missed[match.group(1)] = missed.get(match.group(1), 0) + 1
    for kind, total in sorted(kinds.items()):
        found = total - missed.get(kind, 0)
        print(f" {kind} recall {found / total:.3f} ({found}/{total})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=NEWS / "gold")
    parser.add_argument("--articles", type=Path, default=NEWS / "articles")
    parser.add_argument("--newslens", default=str(Path(sys.executable).with_name("newslens")))
    args = parser.parse_args()
    files = sorted(args.gold.glob("*.json"))
    with tempfile.TemporaryDirectory() as work:
        for name, part in (("odd (tuned)", files[0::2]), ("even (held out)", files[1::2])):
            folder = Path(work) / name.split()[0]
            folder.mkdir()
            for path in part:
                shutil.copy(path, folder)
            print(f"== {name}: {len(part)} articles")
            score(folder, args.articles, args.newslens)
    print(f"== all: {len(files)} articles")
    score(args.gold, args.articles, args.newslens)


if __name__ == "__main__":
    main()
