"""Convert the NER corpora to spaCy DocBin files for training.

    python training/convert.py [--data ../shared/data/ner] [--out training/corpus]

Writes ``train.spacy`` (GermEval train + the other corpora chosen with
``--extra``), ``dev.spacy`` (GermEval dev, never trained on), and one file per
extra corpus for ablations. Prints sentence and entity counts.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import spacy
from corpora import READERS, read_corpus
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

ROOT = Path(__file__).resolve().parent.parent
NO_SPACE_BEFORE = set(",.;:!?)]}“«'\"%…") | {"“", "‘", "'s", "n't"}
NO_SPACE_AFTER = set("([{„»‚")


def spaces_for(words: list[str]) -> list[bool]:
    """Plausible whitespace after each token, so ``doc.text`` reads naturally."""
    spaces = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        spaces.append(following is not None and word not in NO_SPACE_AFTER and following not in NO_SPACE_BEFORE)
    return spaces


def to_doc(vocab, words: list[str], tags: list[str]) -> Doc:
    """A Doc with gold entities from BIO ``tags``."""
    doc = Doc(vocab, words=words, spaces=spaces_for(words))
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    return doc


def write(docs: list[Doc], path: Path) -> Counter:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return Counter(ent.label_ for doc in docs for ent in doc.ents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "corpus")
    parser.add_argument("--extra", nargs="*", default=["europeana", "ler", "mobie"], choices=sorted(READERS))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("de").vocab
    names = ["germeval-train", "germeval-dev", *args.extra]
    docs_by_name = {}
    for name in names:
        docs_by_name[name] = [to_doc(vocab, words, tags) for words, tags in read_corpus(name, args.data) if words]
        counts = write(docs_by_name[name], args.out / f"{name}.spacy")
        print(f"{name:15} {len(docs_by_name[name]):6} sentences  {dict(sorted(counts.items()))}")
    train = [doc for name in names if name != "germeval-dev" for doc in docs_by_name[name]]
    random.Random(0).shuffle(train)
    write(train, args.out / "train.spacy")
    write(docs_by_name["germeval-dev"], args.out / "dev.spacy")
    print(f"train.spacy     {len(train):6} sentences; dev.spacy {len(docs_by_name['germeval-dev'])} sentences")


if __name__ == "__main__":
    main()
