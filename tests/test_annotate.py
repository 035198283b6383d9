"""Annotation records: offsets stay right, long articles are annotated in chunks."""

from __future__ import annotations

from itertools import pairwise

import core.annotate as annotate_module
from core.annotate import annotate, chunks
from core.formats import paragraph_spans
from core.models import Article


def article(text: str) -> Article:
    return Article(id="a", title=text.split("\n")[0], path="a.txt", text=text, paragraphs=tuple(paragraph_spans(text)))


def test_chunks_cut_between_paragraphs(monkeypatch):
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 50)
    text = "Titel\n" + "\n".join(f"Absatz {n} mit etwas Text darin." for n in range(10))
    pieces = chunks(article(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in pairwise(pieces))
    assert all(text[start] == "\n" for start, _ in pieces[1:])  # cuts at paragraph ends


def test_one_huge_paragraph_is_cut_at_spaces(monkeypatch):
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 40)
    text = "Titel\n" + "Wort " * 50
    pieces = chunks(article(text.rstrip()))
    assert all(end - start <= 40 for start, end in pieces)
    assert "".join(text.rstrip()[s:e] for s, e in pieces) == text.rstrip()


def test_chunked_annotation_gives_the_same_offsets(monkeypatch):
    text = ("Trump trifft Selenskyj\n" + "Wolodymyr Selenskyj sprach in Kiew mit Donald Trump über Patriot-Raketen.\n"
            "„Wir brauchen Luftabwehr“, sagte Selenskyj.\n") * 3  # fmt: skip
    whole = next(annotate([article(text.rstrip())]))
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 120)
    pieces = next(annotate([article(text.rstrip())]))
    assert len(chunks(article(text.rstrip()))) > 2
    for found in (whole, pieces):
        for span in (*found.mentions, *found.quotes):
            assert found.text[span.start : span.end] == span.text
    # document-level propagation sees less text per piece, so counts may differ; names and quotations may not
    assert {(m.text, m.label) for m in pieces.mentions} == {(m.text, m.label) for m in whole.mentions}
    assert [(q.start, q.speaker) for q in pieces.quotes] == [(q.start, q.speaker) for q in whole.quotes]
