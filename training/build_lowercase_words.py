"""Build core/data/lowercase_words.txt: words German writes in lower case.

    python training/build_lowercase_words.py [--raw ../shared/data/raw]

A verb, pronoun or adverb is capitalised only where it starts a sentence
(``Kannst du …?``, ``Dennoch …``), and the model sometimes takes it for a name
there. The noun filter drops a one-word entity at the start of a sentence
whose lower-case form is in this list. Source: the raw Bundestag speeches;
a word is kept when it is written in lower case at least MIN_LOWER times and
capitalised in the middle of a sentence at most once for every MAX_RATIO
lower-case uses (so nouns and names, always capitalised, stay out).
Deterministic; written sorted, one word per line.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "core" / "data" / "lowercase_words.txt"
MIN_LOWER = 10
MAX_RATIO = 20
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:„“\"»«]\s*$")


def count(raw: Path) -> tuple[Counter, Counter]:
    """Lower-case uses, and capitalised uses that do not start a sentence, per lower-cased word."""
    lower, capital_inside = Counter(), Counter()
    for path in sorted(raw.glob("*/*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                for match in _WORD.finditer(line):
                    word = match.group()
                    start = match.start()
                    if word[0].islower():
                        lower[word] += 1
                    elif word[0].isupper() and start > 0 and not _SENTENCE_END.search(line[max(0, start - 3) : start]):
                        capital_inside[word.lower()] += 1
    return lower, capital_inside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    args = parser.parse_args()
    lower, capital_inside = count(args.raw)
    words = sorted(
        word for word, n in lower.items() if n >= MIN_LOWER and capital_inside[word] * MAX_RATIO <= n and len(word) > 1
    )
    TARGET.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words):,} words -> {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
