"""``newslens corrections list|export``: the corrections, and corrected articles as training data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_corrections_apply import TEXT, write_corrections
from tui.cli import main

CORRECTIONS = '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n\n[[untag]]\ntext = "Erlangen"\n'


def test_list_shows_every_correction_in_file_order(capsys):
    write_corrections(CORRECTIONS + '\n[[not_quote]]\nquote = "sehr stark"\n')
    assert main(["corrections", "list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["table"], r["description"]) for r in records] == [
        ("tag", "tag 'Merz' as PERSON everywhere"),
        ("untag", "untag 'Erlangen' everywhere"),
        ("not_quote", "not a quotation: 'sehr stark'"),
    ]
    assert main(["corrections", "list"]) == 0
    assert "untag 'Erlangen' everywhere" in capsys.readouterr().out


def test_export_docbin_and_jsonl_round_trip_the_corrected_mentions(tmp_path: Path, capsys):
    import spacy

    from core.corrections.examples import read_examples

    (tmp_path / "exports").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Scholz in Paris\nOlaf Scholz traf Emmanuel Macron in Paris.\n", encoding="utf-8")
    write_corrections(CORRECTIONS)
    assert main(["annotate", str(tmp_path / "a.txt"), "--format", "json"]) == 0
    article = json.loads(capsys.readouterr().out)["articles"][0]
    expected = [(m["start"], m["end"], m["label"]) for m in article["mentions"] if m["label"] != "WEAPON"]
    assert (TEXT.index("Merz"), TEXT.index("Merz") + 4, "PERSON") in expected
    assert not any(TEXT[s:e] == "Erlangen" for s, e, _ in expected)
    vocab = spacy.blank("de").vocab
    for name in ("out.spacy", "out.jsonl"):
        out = tmp_path / "exports" / name
        assert main(["corrections", "export", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out),
                     "--corrected-only"]) == 0  # fmt: skip
        assert f"1 articles, {len(expected)} entities" in capsys.readouterr().err
        docs = read_examples(out, vocab)
        assert [doc.text for doc in docs] == [article["text"]]
        assert [(e.start_char, e.end_char, e.label_) for e in docs[0].ents] == expected
        assert main(["corrections", "export", str(tmp_path / "a.txt"), "-o", str(out)]) == 1  # no --force
        assert "already exists (use --force" in capsys.readouterr().err
        both = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
        assert main(["corrections", "export", *both, "-o", str(out), "--force"]) == 0
        assert len(read_examples(out, vocab)) == 2
    record = json.loads((tmp_path / "exports" / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "text", "entities", "quotes"} <= set(record)


def test_a_broken_examples_file_names_its_line(tmp_path: Path):
    import spacy

    from core.corrections.examples import read_examples

    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a", "entities": []}\n{"text": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.jsonl:2: not a training example"):
        read_examples(path, spacy.blank("de").vocab)
