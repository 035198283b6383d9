"""Hand-written correction tables change what annotate, entities, quotes and export show."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.cli import main

TEXT = (
    "Selenskyj trifft Merz in Berlin\n"
    "\n"
    "Der ukrainische Präsident Wolodymyr Selenskyj ist am Montag in Berlin eingetroffen. "
    "Später reiste er nach Erlangen.\n"
    "„Wir brauchen mehr Luftabwehr“, sagte Selenskyj. Merz nannte das „sehr stark“.\n"
)


def write_corrections(text: str) -> Path:
    config = Path(os.environ["NEWSLENS_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "entities.toml").write_text(text, encoding="utf-8")
    return config / "entities.toml"


def annotate(folder: Path, capsys) -> dict:
    assert main(["annotate", str(folder / "a.txt"), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)
    document["stderr"] = err
    return document


def mentions(document: dict) -> list[tuple[str, str, str]]:
    return [(m["text"], m["label"], m["source"]) for m in document["articles"][0]["mentions"]]


def speakers(document: dict) -> list[tuple]:
    quotes = document["articles"][0]["quotes"]
    return [(q["speaker"], q["speaker_entity"], q["source"]) for q in quotes if "Luftabwehr" in q["text"]]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def berlin_in_body() -> int:
    return TEXT.index("Berlin", TEXT.index("Montag"))


CASES = {
    "tag everywhere": (
        '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n',
        lambda doc: (
            mentions(doc).count(("Merz", "PERSON", "user")) == 2
            and any(e["name"] == "Merz" and e["label"] == "PERSON" for e in doc["entities"])
        ),
    ),
    "tag in another article only": (
        '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\narticle = "other-1234"\nscope = "article"\n',
        lambda doc: ("Merz", "PERSON", "user") not in mentions(doc),
    ),
    "untag everywhere, any case": (
        '[[untag]]\ntext = "berlin"\n',
        lambda doc: (
            not any(text == "Berlin" for text, _, _ in mentions(doc))
            and "place:berlin" not in {e["id"] for e in doc["entities"]}
        ),
    ),
    "untag one occurrence": (
        '[[untag]]\ntext = "Berlin"\narticle = "{id}"\nstart = {berlin}\n',
        lambda doc: (
            [m["start"] for m in doc["articles"][0]["mentions"] if m["text"] == "Berlin"] == [TEXT.index("Berlin")]
        ),
    ),
    "untag with another label keeps it": (
        '[[untag]]\ntext = "Berlin"\nlabel = "ORG"\n',
        lambda doc: [text for text, _, _ in mentions(doc)].count("Berlin") == 2,
    ),
    "relabel": (
        '[[relabel]]\nentity = "Erlangen"\nlabel = "ORG"\n',
        lambda doc: (
            ("Erlangen", "ORG", "user") in mentions(doc)
            and {e["name"]: e["label"] for e in doc["entities"]}["Erlangen"] == "ORG"
        ),
    ),
    "no speaker": (
        '[[speaker]]\nquote = "MEHR  Luftabwehr"\nentity = ""\n',
        lambda doc: speakers(doc) == [(None, None, "user")],
    ),
    "speaker by name, after a tag": (
        '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n\n[[speaker]]\nquote = "mehr Luftabwehr"\nentity = "merz"\n',
        lambda doc: speakers(doc) == [("Merz", "person:merz", "user")],
    ),
    "not a quotation": (
        '[[not_quote]]\nquote = "sehr stark"\n',
        lambda doc: [q["text"] for q in doc["articles"][0]["quotes"]] == ["„Wir brauchen mehr Luftabwehr“"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_hand_written_table_changes_annotate_output(article, capsys, case):
    before = annotate(article, capsys)
    assert all(source != "user" for _, _, source in mentions(before))
    assert all(q["source"] is None for q in before["articles"][0]["quotes"])
    toml, expected = CASES[case]
    write_corrections(toml.replace("{id}", before["articles"][0]["id"]).replace("{berlin}", str(berlin_in_body())))
    after = annotate(article, capsys)
    assert expected(after), json.dumps(after["articles"][0], ensure_ascii=False)[:2000]
    assert after["version"] == before["version"]


def test_a_changed_file_relinks_without_spacy_and_a_warm_start_stays_warm(article, monkeypatch):
    from core import analysis
    from core.analysis import Options, Ready, open_corpus

    def steps():
        return [type(step).__name__ for step in open_corpus([article / "a.txt"], Options())]

    assert steps()[-1] == "Ready"  # annotated once: the per-article cache is warm
    real = analysis._annotate
    monkeypatch.setattr(analysis, "_annotate", lambda items, *a: real(items, *a) if not items else pytest.fail("NLP"))
    write_corrections('[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n')
    assert "Annotated" in steps()  # relinked from the cached annotations
    assert steps() == ["Ready"]  # and the next start is warm
    final = next(s for s in open_corpus([article / "a.txt"], Options()) if isinstance(s, Ready)).store
    assert ("Merz", "user") in {(m.text, m.source) for m in final.article(final.infos[0].id).mentions}


def test_entities_quotes_and_export_show_the_corrections(article, capsys):
    write_corrections(
        '[[tag]]\ntext = "Merz"\nlabel = "PERSON"\n\n[[untag]]\ntext = "Erlangen"\n\n'
        '[[speaker]]\nquote = "mehr Luftabwehr"\nentity = "Merz"\n\n[[not_quote]]\nquote = "sehr stark"\n'
    )
    assert main(["entities", str(article / "a.txt"), "--format", "json"]) == 0
    names = {e["name"] for e in json.loads(capsys.readouterr().out)}
    assert "Merz" in names and "Erlangen" not in names
    assert main(["quotes", str(article / "a.txt"), "--format", "json", "--all"]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert [(q["speaker_name"], q["source"]) for q in quotes] == [("Merz", "user")]
    out = article / "out.html"
    assert main(["export", str(article / "a.txt"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "sehr stark" in page  # the text is all there
    assert page.count('data-entity="person:merz"') or "person:merz" in page


def test_bad_labels_and_speakers_that_name_nothing_are_warnings(article, capsys):
    before = annotate(article, capsys)
    article_id = before["articles"][0]["id"]
    write_corrections(
        '[[tag]]\ntext = "Erlangen"\nlabel = "PERSN"\n\n'
        f'[[speaker]]\nquote = "mehr Luftabwehr"\nentity = "Olaf Scholz"\narticle = "{article_id}"\n'
    )
    after = annotate(article, capsys)
    err = after["stderr"]
    assert mentions(after) == mentions(before)  # the bad tag is skipped
    assert "entities.toml: tag 1: unknown label 'PERSN'" in err
    assert "entities.toml: speaker 1: no entity 'Olaf Scholz' in this corpus" in err


def test_a_broken_file_is_one_error_line_and_left_alone(article, capsys):
    path = write_corrections('[[tag]]\ntext = "Erlangen"\n')
    assert main(["annotate", str(article / "a.txt"), "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:1: [[tag]] label: Field required" in err
    assert path.read_text(encoding="utf-8") == '[[tag]]\ntext = "Erlangen"\n'


def test_words_of_a_quotation_inside_reported_speech_mean_the_inner_one():
    from core.corrections.apply import quotes_meant
    from core.models import Quote

    text = 'Die Politik sei "ein fundamentaler Fehler", sagte er. "Ein Fehler", sagte sie.'
    outer = Quote(start=0, end=43, text=text[:43], kind="indirect")
    inner = Quote(start=16, end=43, text=text[16:43])
    other = Quote(start=55, end=66, text=text[55:66])
    quotes = [outer, inner, other]
    assert quotes_meant("ein fundamentaler Fehler", quotes) == [1]  # not the reported sentence around it
    assert quotes_meant("Die Politik sei", quotes) == [0]
    assert quotes_meant("ein  FEHLER", quotes) == [2]  # case and spaces ignored
    assert quotes_meant("Fehler", quotes) == [1, 2]  # separate quotations both
