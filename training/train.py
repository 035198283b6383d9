"""Train the shipped German NER model, evaluate it and write it into the package.

    python training/train.py            # the whole recipe, from the shared data
    python training/train.py --force    # redo every step, even where outputs exist

Steps (each skipped when its output exists, unless --force):
1. convert the corpora in ../shared/data/ner to DocBin      (training/convert.py)
2. train floret vectors on ../shared/data/raw               (training/vectors.py)
3. (with --augment) entity-substitution augmentation      (training/augment.py)
4. ``spacy train`` with training/config.cfg                  -> training/output/
5. write model-best into core/ner_model with a fingerprint, then evaluate
   the model alone and the whole pipeline on the dev split  (training/evaluate.py)

Corrections as training data (issue 17)::

    newslens corrections export ARTICLES -o fixed.spacy      # or fixed.jsonl
    python training/train.py --extra fixed.spacy --extra-factor 20 --no-package
    python training/train.py --extra fixed.spacy --base core/ner_model --no-package \
        --training.max_steps=300                             # fine-tune the shipped model

``--extra FILE`` (repeatable; a DocBin or the JSON lines of ``corrections export``) adds its
articles to the training data, each ``--extra-factor`` times (default 10: a few articles among
thousands of sentences would otherwise hardly count). ``--base MODEL`` starts from a trained
pipeline's tok2vec and ner instead of from scratch (its own vectors; no vectors step).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODEL_DIR = ROOT / "core" / "ner_model"
SHIPPED_FILES = ("config.cfg", "meta.json", "tokenizer", "vocab", "ner", "tok2vec")


def run(*command: str | Path) -> None:
    """Run a step, echoing it; stop the recipe if it fails."""
    printable = " ".join(str(part) for part in command)
    print(f"\n$ {printable}", flush=True)
    started = time.perf_counter()
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)
    print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)


def fingerprint(folder: Path) -> str:
    """SHA-256 over the model's weight and config files, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "meta.json":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prune_strings(folder: Path) -> None:
    """Keep only the labels in the string table (2 MB of training tokens otherwise).

    Predictions use hashed features, not the table; train.py checks that the
    pruned model tags the dev set exactly as the trained one.
    """
    (folder / "vocab" / "strings.json").write_text(json.dumps(["PERSON", "PLACE", "ORG"]), encoding="utf-8")


def clear_paths(folder: Path) -> None:
    """Training paths (absolute, machine-specific) out of the shipped config, so that the
    fingerprint depends only on what was learned. Loading a pipeline does not use them."""
    from spacy.util import load_config

    config = load_config(folder / "config.cfg", interpolate=False)
    for key in list(config["paths"]):
        config["paths"][key] = None
    config.to_disk(folder / "config.cfg")


def same_predictions(first: Path, second: Path, dev: Path) -> bool:
    """Do two pipelines find exactly the same entities on the dev texts?"""
    import spacy
    from spacy.tokens import DocBin

    a, b = spacy.load(first), spacy.load(second)
    texts = [doc.text for doc in DocBin().from_disk(dev).get_docs(a.vocab)]

    def spans(doc):
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    return all(spans(x) == spans(y) for x, y in zip(a.pipe(texts), b.pipe(texts), strict=True))


def package(best: Path, figures: dict | None) -> None:
    """Copy the trained pipeline into the package and stamp its meta.json."""
    if MODEL_DIR.exists():
        shutil.rmtree(MODEL_DIR)
    MODEL_DIR.mkdir(parents=True)
    for name in SHIPPED_FILES:
        source = best / name
        if source.is_dir():
            shutil.copytree(source, MODEL_DIR / name)
        elif source.exists():
            shutil.copy2(source, MODEL_DIR / name)
    prune_strings(MODEL_DIR)
    clear_paths(MODEL_DIR)
    if not same_predictions(best, MODEL_DIR, HERE / "corpus" / "dev.spacy"):
        raise SystemExit("pruning the string table changed predictions; not packaging")
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    meta.update(
        name="newslens_de_ner",
        version=time.strftime("%Y.%m.%d"),
        description="German NER (PERSON, PLACE, ORG) for newslens, trained by training/train.py",
        license="CC BY 4.0 (training data: GermEval 2014, MobIE, LER: CC BY 4.0; Europeana: CC0)",
        fingerprint=fingerprint(MODEL_DIR),
    )
    if figures:
        meta["newslens_dev_figures"] = figures
    (MODEL_DIR / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    size = sum(path.stat().st_size for path in MODEL_DIR.rglob("*") if path.is_file())
    print(f"\nwrote {MODEL_DIR.relative_to(ROOT)} ({size / 1e6:.1f} MB, fingerprint {meta['fingerprint']})")


def with_extra(train: Path, extra: list[Path], factor: int, out: Path) -> Path:
    """A DocBin of ``train`` plus every document of ``extra``, ``factor`` times each (shuffled)."""
    import random

    import spacy
    from spacy.tokens import DocBin

    sys.path.insert(0, str(ROOT))
    from core.corrections.examples import read_examples

    vocab = spacy.blank("de").vocab
    docs = list(DocBin().from_disk(train).get_docs(vocab))
    added = []
    for path in extra:
        try:
            added += read_examples(path, vocab)
        except (OSError, ValueError) as error:
            raise SystemExit(f"train.py: {error}") from None
    docs += added * factor
    random.Random(0).shuffle(docs)
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    print(f"{out.name}: {len(docs)} documents ({len(added)} extra x {factor})", flush=True)
    return out


def finetune_config(base: Path, out: Path) -> Path:
    """training/config.cfg with tok2vec and ner sourced from the trained pipeline ``base``."""
    from spacy.util import load_config

    config = load_config(HERE / "config.cfg", interpolate=False)
    for name in ("tok2vec", "ner"):
        config["components"][name] = {"source": str(base.resolve())}
    config["initialize"]["vectors"] = str(base.resolve())
    config.to_disk(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--force", action="store_true", help="redo every step")
    parser.add_argument(
        "--augment",
        action="store_true",
        help="add entity-substituted copies (measured: lowers precision; off by default)",
    )
    parser.add_argument("--no-package", action="store_true", help="train and evaluate only")
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="FILE",
                        help="more training examples: DocBin or JSONL from newslens corrections export")  # fmt: skip
    parser.add_argument("--extra-factor", type=int, default=10, metavar="N", help="use each extra article N times")
    parser.add_argument(
        "--base", type=Path, metavar="MODEL", help="fine-tune this trained pipeline (e.g. core/ner_model)"
    )
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus", help="the converted corpora (DocBins)")
    parser.add_argument("--output", type=Path, default=HERE / "output", help="where spacy train writes")
    parser.add_argument("spacy_overrides", nargs="*", help="config overrides, e.g. --training.max_epochs=5")
    args, overrides = parser.parse_known_args()
    python = sys.executable
    corpus, vectors, output = args.corpus, HERE / "vectors" / "spacy", args.output

    if args.force or not (corpus / "train.spacy").exists():
        run(python, HERE / "convert.py", "--data", args.data / "ner", "--out", corpus)
    if args.base is None and (args.force or not vectors.exists()):
        run(python, HERE / "vectors.py", "--raw", args.data / "raw", "--out", vectors.parent)
    train = corpus / "train.spacy"
    if args.augment:
        train = corpus / "train-augmented.spacy"
        if args.force or not train.exists():
            run(python, HERE / "augment.py", corpus / "train.spacy", train)
    if args.extra:
        output.mkdir(parents=True, exist_ok=True)
        train = with_extra(train, args.extra, max(1, args.extra_factor), output / "train-extra.spacy")
    config = HERE / "config.cfg"
    if args.base is not None:
        output.mkdir(parents=True, exist_ok=True)
        config, vectors = finetune_config(args.base, output / "finetune.cfg"), args.base
    run(
        python, "-m", "spacy", "train", config, "--output", output,
        "--paths.train", train, "--paths.dev", corpus / "dev.spacy", "--paths.vectors", vectors,
        *overrides,
    )  # fmt: skip
    if args.no_package:
        run(python, HERE / "evaluate.py", "--model", output / "model-best")
        return
    package(output / "model-best", None)
    run(python, HERE / "evaluate.py", "--write-meta")


if __name__ == "__main__":
    main()
