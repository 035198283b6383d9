"""Train compact floret vectors on raw German political text.

    python training/vectors.py [--raw ../shared/data/raw] [--out training/vectors]

floret stores subword hashes in a fixed table, so the vectors stay small
(``--bucket`` x ``--dim`` floats) and still cover words never seen in training,
which matters for names and German compounds. Text is tokenised with the same
spaCy German tokenizer the pipeline uses; case is kept.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent


def tokenise(raw: Path, extra: list[Path], out: Path) -> int:
    """Write one tokenised paragraph per line; returns the number of tokens."""
    tokenizer = spacy.blank("de").tokenizer
    total = 0
    with out.open("w", encoding="utf-8") as sink:
        for path in sorted(raw.glob("*/*.txt.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for doc in tokenizer.pipe((line.strip() for line in lines), batch_size=2000):
                    if len(doc) > 3:
                        sink.write(" ".join(token.text for token in doc) + "\n")
                        total += len(doc)
        for path in extra:
            for line in path.read_text(encoding="utf-8").splitlines():
                sink.write(line + "\n")
                total += line.count(" ") + 1
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "vectors")
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--bucket", type=int, default=20000)
    parser.add_argument("--epoch", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="1 is deterministic; more are faster, not reproducible")
    parser.add_argument(
        "--sentences",
        type=Path,
        nargs="*",
        default=[],
        help="extra tokenised text (one sentence per line), e.g. training sentences",
    )
    args = parser.parse_args()
    import floret

    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "tokens.txt"
    if not text.exists():
        print(f"tokenised {tokenise(args.raw, args.sentences, text):,} tokens -> {text}", flush=True)
    model = floret.train_unsupervised(
        str(text), model="cbow", mode="floret", hashCount=2, bucket=args.bucket,
        minn=3, maxn=5, dim=args.dim, epoch=args.epoch, thread=args.threads, minCount=3, verbose=1,
    )  # fmt: skip
    vectors = args.out / "vectors.floret"
    model.save_floret_vectors(str(vectors))
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "de", str(vectors), str(args.out / "spacy"),
         "--mode", "floret"],
        check=True,
    )  # fmt: skip


if __name__ == "__main__":
    main()
