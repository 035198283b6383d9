"""The Parquet store honours every correction table at its linking pass, as the JSON path does."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from core.analysis import Options, analyse
from core.scale.build import BuildOptions, build
from core.scale.engines import InProcess
from core.scale.reader import ParquetStore
from tests.test_corrections_apply import TEXT, write_corrections
from tui.commands.annotate import render

CORRECTIONS = (
    '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n\n[[untag]]\ntext = "Berlin"\n\n[[relabel]]\nentity = "Erlangen"\n'
    'label = "ORG"\n\n[[speaker]]\nquote = "mehr Luftabwehr"\nentity = "Merz"\n\n[[not_quote]]\nquote = "sehr stark"\n'
)


def test_a_store_with_corrections_equals_the_json_and_relinks_when_they_change(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text("Merz in Kiew\nFriedrich Merz sprach in Berlin mit Selenskyj.\n", encoding="utf-8")
    folder = tmp_path / "store"
    write_corrections(CORRECTIONS)
    build([corpus], folder, InProcess(), BuildOptions(partition_files=1))
    expected = "".join(render(analyse([corpus], Options(use_cache=False)), "json"))
    assert '"source":"user"' in expected.replace(" ", "")
    assert "".join(render(ParquetStore(folder), "json")) == expected
    write_corrections(CORRECTIONS.replace('entity = "Merz"', 'entity = ""'))
    report = build([corpus], folder, InProcess(), BuildOptions(partition_files=1))
    assert report.new_articles == 0 and report.linked  # a changed file relinks, annotates nothing
    assert "".join(render(ParquetStore(folder), "json")) == "".join(
        render(analyse([corpus], Options(use_cache=False)), "json")
    )
