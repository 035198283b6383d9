"""Names, roles and labels as a person types them: core.matching and the commands that use it."""

from __future__ import annotations

import json

import pytest

from core.errors import NewslensError
from core.matching import find_entities, folded, matches, parse_label, resolve_entity
from tui.cli import main


@pytest.fixture
def seeds_cli(seeds_store, monkeypatch):
    """The commands analyse nothing: they get the session's analysed seeds."""
    import core.analysis

    monkeypatch.setattr(core.analysis, "analyse", lambda paths, options, progress=None: seeds_store)
    return seeds_store


@pytest.mark.parametrize(
    ("typed", "label"),
    [("person", "PERSON"), ("PERSON", "PERSON"), ("People", "PERSON"), ("places", "PLACE"), ("loc", "PLACE"),
     ("Org", "ORG"), ("organization", "ORG"), ("weapons", "WEAPON"), ("Waffe", "WEAPON")],
)  # fmt: skip
def test_labels_as_typed(typed: str, label: str):
    assert parse_label(typed) == label


def test_an_unknown_label_names_the_labels():
    with pytest.raises(NewslensError, match="use one of: person, place, org, weapon"):
        parse_label("animal")


@pytest.mark.parametrize("typed", ["Putin", "putin", "PUTIN", "Putins", "Wladimir Putin", "Vladimir Putin",
                                   "person:wladimir-putin", "wladimir-putin", "russischen Präsidenten"])  # fmt: skip
def test_an_entity_by_any_name_case_spelling_or_role(seeds_store, typed: str):
    assert resolve_entity(typed, seeds_store.entities).id == "person:wladimir-putin"


def test_roles_and_transliterations_match(seeds_store):
    entities = seeds_store.entities
    for typed in ("Kreml-Sprecher", "kremlsprecher", "Kreml Sprecher", "Peskow", "peskov"):
        assert resolve_entity(typed, entities).id == "person:dmitry-peskov"
    assert folded("US-Präsident") == folded("us praesident")
    assert matches("selensky", ["Wolodymyr Selenskyj"])


def test_an_ambiguous_name_lists_the_candidates(seeds_store):
    with pytest.raises(NewslensError, match="matches several entities") as error:
        resolve_entity("Präsident", seeds_store.entities)
    assert "Donald Trump" in str(error.value) and "Wladimir Putin" in str(error.value)
    assert len(find_entities("Präsident", seeds_store.entities)) == 3


def test_entities_label_in_any_case(seeds_cli, capsys):
    assert main(["entities", "--label", "person", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and {entity["label"] for entity in listed} == {"PERSON"}


def test_entities_bad_label_is_a_usage_error(seeds_cli, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["entities", "--label", "animal"])
    assert exit_info.value.code == 2
    assert "unknown label 'animal'" in capsys.readouterr().err


def test_export_entity_by_name(seeds_cli, tmp_path, capsys):
    target = tmp_path / "putin.html"
    assert main(["export", "--entity", "Putin", "--only-entity", "-o", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert "selected: Wladimir Putin (only)" in html
    assert main(["export", "--types", "person", "place", "--hide", "trump", "-o", str(tmp_path / "b.html")]) == 0


def test_quotes_speaker_by_role(seeds_cli, capsys):
    assert main(["quotes", "--speaker", "Kreml-Sprecher", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [q["speaker_name"] for q in found] == ["Dmitry Peskov"]


def test_quotes_speaker_by_role_finds_every_quotation_of_the_person(seeds_cli, capsys):
    assert main(["quotes", "--speaker", "US-Präsident", "--format", "json"]) == 0
    by_role = json.loads(capsys.readouterr().out)
    assert main(["quotes", "--speaker", "Donald Trump", "--format", "json"]) == 0
    by_name = json.loads(capsys.readouterr().out)
    literal = [q for q in by_role if q["speaker"] and "US-Präsident" in q["speaker"]]
    assert len(by_role) == len(by_name) > len(literal)
    assert {q["speaker_name"] for q in by_role} == {"Donald Trump"}
