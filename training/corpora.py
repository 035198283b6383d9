"""Readers for the German NER corpora in ../shared/data/ner.

Each reader yields sentences as ``(words, tags)`` with BIO tags already mapped
to newslens labels (PERSON, PLACE, ORG); everything else is ``O``.

Label decisions (see training/README.md):
- GermEval ``*deriv`` (``deutsche``) and ``*part`` (``EU-Staaten``) are not
  names of the entity; the reader marks parts at character level by linking
  (``Kreml`` in ``Kreml-Sprecher``), so the model is not taught to tag whole
  compounds. ``OTH`` (titles, events, products) is not one of our labels.
- Only the outer GermEval level is used (the one scored in the shared task).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

GERMEVAL = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
EUROPEANA = {"PER": "PERSON", "PEr": "PERSON", "LOC": "PLACE", "ORG": "ORG"}
LER = {
    "PER": "PERSON", "RR": "PERSON", "AN": "PERSON",
    "LD": "PLACE", "ST": "PLACE", "STR": "PLACE", "LDS": "PLACE",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
}  # fmt: skip
LER_CITATIONS = {"GS", "VO", "EUN", "VS", "VT", "RS", "LIT"}
# SmartData: stops (stations, "Berlin Hauptbahnhof") are named places; routes ("A9", "S1") are
# line and road numbers, not names of places, so they are O (as MobIE's location-route).
SMARTDATA = {
    "PERSON": "PERSON",
    "LOCATION": "PLACE", "LOCATION_CITY": "PLACE", "LOCATION_STREET": "PLACE", "LOCATION_STOP": "PLACE",
    "ORGANIZATION": "ORG", "ORGANIZATION_COMPANY": "ORG",
}  # fmt: skip
MOBIE = {
    "person": "PERSON",
    "location": "PLACE", "location-city": "PLACE", "location-street": "PLACE", "location-stop": "PLACE",
    "organization": "ORG", "organization-company": "ORG",
}  # fmt: skip


def map_tag(tag: str, mapping: dict[str, str]) -> str:
    """Map one BIO tag through ``mapping``; unknown types become ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    label = mapping.get(kind)
    return f"{prefix}-{label}" if label and prefix in ("B", "I") else "O"


def repair_bio(tags: list[str]) -> list[str]:
    """Turn stray ``I-X`` (no ``B-X``/``I-X`` before it) into ``B-X``."""
    fixed = []
    for index, tag in enumerate(tags):
        if tag.startswith("I-") and (index == 0 or fixed[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def _blocks(lines: Iterator[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def read_germeval(path: Path) -> Iterator[Sentence]:
    """GermEval 2014 TSV: ``index token outer inner``; comment line per sentence."""
    with path.open(encoding="utf-8") as handle:
        for block in _blocks(handle):
            rows = [line.split("\t") for line in block if not line.startswith("#")]
            words = [row[1] for row in rows]
            tags = [map_tag(row[2], GERMEVAL) for row in rows]
            yield words, repair_bio(tags)


_GLUED_PUNCT = re.compile(r"^(.*?[\w\]\)])([.,;:!?\"“”„«»)]+)$")
_SENTENCE_END = {".", "!", "?"}


def read_europeana(path: Path) -> Iterator[Sentence]:
    """Europeana OCR stream: split punctuation off tokens, sentences at . ! ?"""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            columns = line.split()
            if len(columns) != 2 or line.startswith("#"):
                continue
            token, tag = columns[0], map_tag(columns[1], EUROPEANA)
            match = _GLUED_PUNCT.match(token)
            pieces = [(match.group(1), tag), (match.group(2), "O")] if match else [(token, tag)]
            for piece, piece_tag in pieces:
                words.append(piece)
                tags.append(piece_tag)
                if piece in _SENTENCE_END and len(words) > 3:
                    yield words, repair_bio(tags)
                    words, tags = [], []
    if words:
        yield words, repair_bio(tags)


def read_ler(path: Path) -> Iterator[Sentence]:
    """Legal decisions; only sentences with a person/place/org and no citation labels."""
    with path.open(encoding="utf-8") as handle:
        for block in _blocks(handle):
            rows = [line.rsplit(" ", 1) for line in block]
            rows = [row for row in rows if len(row) == 2]
            kinds = {row[1].partition("-")[2] for row in rows if row[1] != "O"}
            if not kinds & set(LER) or kinds & LER_CITATIONS:
                continue
            yield [row[0] for row in rows], repair_bio([map_tag(row[1], LER) for row in rows])


def read_mobie(path: Path) -> Iterator[Sentence]:
    """MobIE CoNLL-2003 zip (all three splits); lowercase ``location`` spans dropped."""
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            text = io.TextIOWrapper(archive.open(name), encoding="utf-8")
            for block in _blocks(text):
                rows = [line.split("\t") for line in block if not line.startswith("-DOCSTART-")]
                rows = [row for row in rows if len(row) == 4]
                if not rows:
                    continue
                words = [row[0] for row in rows]
                tags = []
                for word, row in zip(words, rows, strict=True):
                    tag = map_tag(row[3], MOBIE)
                    if tag.startswith("B-") and row[3].endswith("-location") and word[:1].islower():
                        tag = "O"
                    tags.append(tag)
                yield words, repair_bio(_drop_orphans(tags))


def read_smartdata(path: Path) -> Iterator[Sentence]:
    """SmartData v3: concatenated JSON documents with tokens, sentences and BIO ``ner`` tags."""
    import gzip
    import json

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = handle.read()
    decoder, position = json.JSONDecoder(), 0
    while True:
        while position < len(raw) and raw[position].isspace():
            position += 1
        if position >= len(raw):
            return
        document, position = decoder.raw_decode(raw, position)
        text = document["text"]["string"]
        for sentence in document["sentences"]["array"]:
            tokens = sentence["tokens"]["array"]
            words = [text[t["span"]["start"] : t["span"]["end"]] for t in tokens]
            tags = [map_tag(t["ner"]["string"], SMARTDATA) for t in tokens]
            keep = [index for index, word in enumerate(words) if word.strip()]
            if keep:
                yield [words[i] for i in keep], repair_bio(_drop_orphans([tags[i] for i in keep]))


def _drop_orphans(tags: list[str]) -> list[str]:
    """After dropping a span's B- tag, drop its I- tags too."""
    fixed = []
    for tag in tags:
        if tag.startswith("I-") and (not fixed or fixed[-1] == "O"):
            tag = "O"
        fixed.append(tag)
    return fixed


def corpus_files(data: Path) -> dict[str, list[Path]]:
    """The corpus files under ``data`` (the ``ner`` folder) by corpus name."""
    return {
        "germeval-train": [data / "germeval2014" / "germeval2014-train.tsv"],
        "germeval-dev": [data / "germeval2014" / "germeval2014-dev.tsv"],
        "europeana": sorted((data / "europeana-newspapers").glob("enp_DE.*.bio")),
        "ler": sorted((data / "legal-ler").glob("ler_*.conll")),
        "mobie": [data / "mobie" / "ner_conll03_formatted.zip"],
        "smartdata": [data / "smartdata" / "dev.json.gz"],
    }


READERS = {
    "germeval-train": read_germeval,
    "germeval-dev": read_germeval,
    "europeana": read_europeana,
    "ler": read_ler,
    "mobie": read_mobie,
    "smartdata": read_smartdata,
}


def read_corpus(name: str, data: Path) -> Iterator[Sentence]:
    """Every sentence of corpus ``name``."""
    for path in corpus_files(data)[name]:
        yield from READERS[name](path)
