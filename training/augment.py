"""Entity-substitution augmentation: more names in the same contexts.

    python training/augment.py IN.spacy OUT.spacy [--copies 1] [--data ../shared/data/ner]

For every training sentence with entities, writes the original plus
``--copies`` variants in which each entity is replaced by another name of the
same label: people from first names (core/data/first_names.txt) and surnames
(legal-ler gazetteer, ASL 2.0), places and organisations from the shipped
gazetteers and the entities of the training data itself. The model then sees
many more names in news contexts than the small corpora hold.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?$")


def _lines(path: Path) -> list[str]:
    return (
        [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if path.exists()
        else []
    )


def pools(docs: list[Doc], data: Path) -> dict[str, list[list[str]]]:
    """Replacement names per label, as token lists."""
    pool: dict[str, list[list[str]]] = {"PERSON": [], "PLACE": [], "ORG": []}
    for doc in docs:
        for ent in doc.ents:
            pool[ent.label_].append([t.text for t in ent])
    tokenizer = spacy.blank("de").tokenizer
    for name in ("places.jsonl", "orgs.jsonl"):
        path = ROOT / "core" / "data" / name
        for line in _lines(path):
            record = json.loads(line)
            pool[record["label"]].append([t.text for t in tokenizer(record["pattern"])])
    surnames = [s for s in _lines(data / "legal-ler" / "gazetteers" / "personennamen.list") if _NAME.match(s)]
    first = [s for s in _lines(ROOT / "core" / "data" / "first_names.txt") if _NAME.match(s)]
    rng = random.Random(1)
    for _ in range(20000):
        surname = rng.choice(surnames)
        pool["PERSON"].append([surname] if rng.random() < 0.4 or not first else [rng.choice(first), surname])
    return pool


def substitute(doc: Doc, pool: dict[str, list[list[str]]], rng: random.Random) -> Doc:
    """A copy of ``doc`` with every entity replaced by a random name of its label."""
    words, spaces, ents, index = [], [], [], 0
    for ent in doc.ents:
        for token in doc[index : ent.start]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
        replacement = rng.choice(pool[ent.label_])
        # keep the German genitive of the original (Putins -> Müllers)
        if ent[-1].text.endswith("s") and not replacement[-1].endswith("s") and rng.random() < 0.8:
            replacement = [*replacement[:-1], replacement[-1] + "s"]
        start = len(words)
        words.extend(replacement)
        spaces.extend([True] * (len(replacement) - 1) + [bool(ent[-1].whitespace_)])
        ents.append((start, len(words), ent.label_))
        index = ent.end
    for token in doc[index:]:
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
    new = Doc(doc.vocab, words=words, spaces=spaces)
    new.ents = [Span(new, start, end, label=label) for start, end, label in ents]
    return new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    args = parser.parse_args()
    nlp = spacy.blank("de")
    docs = list(DocBin().from_disk(args.source).get_docs(nlp.vocab))
    pool = pools(docs, args.data)
    rng = random.Random(0)
    out = list(docs)
    for doc in docs:
        if doc.ents:
            out.extend(substitute(doc, pool, rng) for _ in range(args.copies))
    rng.shuffle(out)
    DocBin(docs=out, store_user_data=False).to_disk(args.target)
    sizes = {label: len(names) for label, names in pool.items()}
    print(f"{len(docs)} sentences -> {len(out)} with {args.copies} substituted copies; name pools {sizes}")


if __name__ == "__main__":
    main()
