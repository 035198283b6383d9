"""Score the NER on held-out data: the model alone, and the whole pipeline.

    python training/evaluate.py [FILE ...] [--model NAME_OR_PATH] [--write-meta]

Scores exact-span PERSON/PLACE/ORG (precision, recall, F1 per label and
micro-averaged) on the GermEval dev split (training/corpus/dev.spacy) and on
every CoNLL-style or GermEval TSV file given (PER/LOC/ORG and similar tags are
mapped; others ignored). Sentences keep their gold tokens, so the score does
not depend on tokenisation. Also prints load time and throughput.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

LABELS = ("PERSON", "PLACE", "ORG")
STATISTICAL = {"tok2vec", "ner", "transformer", "newslens_label_map"}
TAG_TYPES = {
    "PER": "PERSON", "PERSON": "PERSON", "person": "PERSON",
    "LOC": "PLACE", "GPE": "PLACE", "PLACE": "PLACE", "location": "PLACE", "location-city": "PLACE",
    "ORG": "ORG", "organization": "ORG", "organization-company": "ORG",
}  # fmt: skip


def read_tagged_file(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL (token ... tag) or GermEval (index token outer inner) file."""
    from corpora import _blocks, map_tag, repair_bio

    sentences = []
    with path.open(encoding="utf-8") as handle:
        for block in _blocks(handle):
            rows = [line.split("\t") if "\t" in line else line.split() for line in block]
            rows = [row for row in rows if row and not row[0].startswith(("#", "-DOCSTART-"))]
            if not rows:
                continue
            germeval = all(len(row) == 4 and row[0].isdigit() for row in rows)
            words = [row[1] if germeval else row[0] for row in rows]
            tags = [map_tag(row[2] if germeval else row[-1], TAG_TYPES) for row in rows]
            sentences.append((words, repair_bio(tags)))
    return sentences


def gold_docs(nlp, source: Path):
    """Gold docs from a DocBin or a tagged text file."""
    from spacy.tokens import DocBin

    if source.suffix == ".spacy":
        return list(DocBin().from_disk(source).get_docs(nlp.vocab))
    from convert import to_doc

    return [to_doc(nlp.vocab, words, tags) for words, tags in read_tagged_file(source)]


def predict(nlp, gold, components: set[str] | None):
    """Run the pipeline (or only ``components``) on copies of the gold tokens."""
    from spacy.tokens import Doc

    predicted = []
    for doc in gold:
        doc = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for name, component in nlp.pipeline:
            if components is None or name in components:
                doc = component(doc)
        predicted.append(doc)
    return predicted


def score(gold, predicted) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per label and overall."""
    counts = {label: Counter() for label in (*LABELS, "ALL")}
    for index, (gold_doc, doc) in enumerate(zip(gold, predicted, strict=True)):
        truth = {(index, e.start, e.end, e.label_) for e in gold_doc.ents if e.label_ in LABELS}
        guess = {(index, e.start, e.end, e.label_) for e in doc.ents if e.label_ in LABELS}
        for label in LABELS:
            t = {s for s in truth if s[3] == label}
            g = {s for s in guess if s[3] == label}
            counts[label].update(tp=len(t & g), fp=len(g - t), fn=len(t - g))
        counts["ALL"].update(tp=len(truth & guess), fp=len(guess - truth), fn=len(truth - guess))
    result = {}
    for label, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[label] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n": c["tp"] + c["fn"]}
    return result


def print_table(title: str, figures: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'label':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for label, f in figures.items():
        print(f"  {label:8} {f['p']:6.3f} {f['r']:6.3f} {f['f']:6.3f} {f['n']:6}")


def speed(nlp, texts: list[str]) -> float:
    """Tokens per second of the whole pipeline over ``texts`` (one process)."""
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return tokens / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="more CoNLL/GermEval files to score")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path (default: the shipped model)")
    parser.add_argument("--dev", type=Path, default=HERE / "corpus" / "dev.spacy")
    parser.add_argument("--write-meta", action="store_true", help="store the dev figures in the shipped meta.json")
    args = parser.parse_args()

    import spacy  # noqa: F401  (imported before timing the load)

    from core.pipeline import load_pipeline, model_description

    started = time.perf_counter()
    nlp = load_pipeline(args.model)
    load_seconds = time.perf_counter() - started
    print(f"pipeline: {model_description(args.model)}; components: {', '.join(nlp.pipe_names)}")
    print(f"load time (spaCy already imported): {load_seconds:.2f} s")

    results, texts = {}, []
    for source in [args.dev, *args.files]:
        if not source.exists():
            print(f"\n{source}: missing (run training/convert.py first)")
            continue
        gold = gold_docs(nlp, source)
        alone = score(gold, predict(nlp, gold, STATISTICAL))
        whole = score(gold, predict(nlp, gold, None))
        print_table(f"{source.name} ({len(gold)} sentences): model alone", alone)
        print_table(f"{source.name}: whole pipeline", whole)
        results[source.name] = {"model": alone, "pipeline": whole}
        texts = [doc.text for doc in gold]
    if not texts:
        raise SystemExit("nothing to score: no gold file found")
    tokens_per_second = speed(nlp, texts * max(1, 20000 // max(1, sum(len(t.split()) for t in texts))))
    print(f"\nthroughput, whole pipeline, one process: {tokens_per_second:,.0f} tokens/s")
    if args.write_meta and args.model is None and "dev.spacy" in results:
        from core.resources import model_dir

        meta_path = model_dir() / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["newslens_dev_figures"] = results["dev.spacy"]
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"wrote the dev figures into {meta_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
