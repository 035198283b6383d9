"""Corrected articles as training examples: a spaCy DocBin or JSON lines.

A DocBin holds one Doc per article, tokenised as the model's training data is (``spacy.blank("de")``),
with ``doc.ents`` from the article's final mentions of the labels the model learns (PERSON, PLACE,
ORG, as in training/corpora.py; weapons are found by rules, not by the model). A mention whose
edges fall inside a token (``Kreml`` in ``Kreml-Sprecher``) cannot be an entity of the Doc and is
left out (counted in :attr:`Examples.skipped`). JSON lines: one object per article with its text,
entity spans and quotations, which :func:`read_examples` turns into the same Docs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.models import AnnotatedArticle

MODEL_LABELS = ("PERSON", "PLACE", "ORG")
"""The labels the shipped NER model is trained on (core/ner_model/meta.json)."""


@dataclass
class Examples:
    """What an export wrote."""

    articles: int = 0
    entities: int = 0
    skipped: int = 0
    """Mentions that do not start and end on token edges."""


def example_record(article: AnnotatedArticle) -> dict:
    """One article as a JSON-lines training example."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "entities": [
            {"start": m.start, "end": m.end, "label": m.label, "text": m.text, "source": m.source}
            for m in article.mentions
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_entity": q.speaker_entity,
                "source": q.source,
            }
            for q in article.quotes
        ],
    }


def jsonl_lines(articles: Iterable[AnnotatedArticle], counts: Examples) -> Iterator[str]:
    for article in articles:
        counts.articles += 1
        counts.entities += len(article.mentions)
        yield json.dumps(example_record(article), ensure_ascii=False) + "\n"


def _doc(nlp, text: str, spans: Iterable[tuple[int, int, str]], counts: Examples):
    doc = nlp.make_doc(text)
    ents = []
    for start, end, label in spans:
        if label not in MODEL_LABELS:
            continue
        span = doc.char_span(start, end, label=label)
        if span is None:
            counts.skipped += 1
            continue
        ents.append(span)
    doc.ents = ents
    counts.entities += len(ents)
    counts.articles += 1
    return doc


def docbin_bytes(articles: Iterable[AnnotatedArticle], counts: Examples) -> bytes:
    """The articles as a serialised DocBin (see the module docstring)."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("de")
    docs = [_doc(nlp, a.text, ((m.start, m.end, m.label) for m in a.mentions), counts) for a in articles]
    return DocBin(docs=docs, store_user_data=False).to_bytes()


def read_examples(path: Path, vocab) -> list:
    """The Docs of an exported file: a DocBin (``.spacy``) or JSON lines (anything else)."""
    import spacy
    from spacy.tokens import DocBin

    data = Path(path).read_bytes()
    if Path(path).suffix != ".jsonl" and data[:1] != b"{":
        return list(DocBin().from_bytes(data).get_docs(vocab))
    nlp = spacy.blank("de", vocab=vocab)
    counts = Examples()
    docs = []
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            spans = [(e["start"], e["end"], e["label"]) for e in record["entities"]]
            docs.append(_doc(nlp, record["text"], spans, counts))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a training example: {error}") from None
    return docs
