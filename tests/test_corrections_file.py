"""entities.toml as the corrections file: every table, file order, safe add/remove, broken files."""

from __future__ import annotations

import multiprocessing
import tomllib

import pytest

from core import corrections as c
from core.errors import ConfigError

EVERY_KIND = [
    c.Merge(entities=('Tricky "name"', "Other\\one"), name="Ünïcode\tname"),
    c.Split(entity="person:donald-trump", alias="Melania Trump"),
    c.Tag(text="Erlangen", label="PLACE"),
    c.Tag(text="Brücken", label="PERSON", article="seed-1-abc", scope="article"),
    c.Untag(text="Brücken"),
    c.Untag(text="Brücken", article="seed-1-abc", label="PLACE", start=17),
    c.Relabel(entity="org:nato", label="ORG"),
    c.Speaker(quote="Man werde", entity="Friedrich Merz"),
    c.Speaker(quote="Wir", entity="", article="a1"),
    c.NotQuote(quote="sehr stark"),
    c.NotQuote(quote="x\x7fy", article="a2"),
]


@pytest.mark.parametrize("correction", EVERY_KIND, ids=lambda r: r.describe())
def test_each_correction_round_trips_through_the_file(tmp_path, correction):
    file = c.CorrectionsFile(tmp_path / "entities.toml")
    assert file.add(correction).items() == [correction]
    assert file.load().items() == [correction]
    tomllib.loads(file.path.read_text(encoding="utf-8"))  # plain TOML a person can edit
    assert correction.describe() and "\n" not in correction.describe()
    assert file.remove(correction).items() == []
    assert file.load().items() == []


def test_items_keep_file_order_across_tables_and_hand_written_comments_survive(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text(
        "# my corrections\n[[untag]]\ntext = 'Brücken'  # a bridge, not a place\n\n"
        "# Merz spoke\n[[speaker]]\nquote = 'Man werde'\nentity = 'Friedrich Merz'\n\n"
        "[[tag]]\ntext = 'Erlangen'\nlabel = 'place'\n",
        encoding="utf-8",
    )
    file = c.CorrectionsFile(path)
    kinds = [type(item).__name__ for item in file.load().items()]
    assert kinds == ["Untag", "Speaker", "Tag"]
    assert file.load().tag[0].label == "PLACE"  # lower case accepted
    file.add(c.Merge(entities=("a", "b")))
    file.remove(c.Speaker(quote="Man werde", entity="Friedrich Merz"))
    text = path.read_text(encoding="utf-8")
    assert "# a bridge, not a place" in text and "# my corrections" in text
    assert "Merz spoke" not in text and "Man werde" not in text
    assert [type(item).__name__ for item in file.load().items()] == ["Untag", "Tag", "Merge"]


def test_remove_of_a_missing_correction_leaves_the_file_alone(tmp_path):
    file = c.CorrectionsFile(tmp_path / "entities.toml")
    file.add(c.Tag(text="Erlangen", label="PLACE"))
    before = file.path.read_bytes()
    assert len(file.remove(c.Tag(text="Erlangen", label="ORG"))) == 1
    assert file.path.read_bytes() == before
    file.add(c.Tag(text="Erlangen", label="PLACE"))  # twice: remove takes the first only
    assert len(file.remove(c.Tag(text="Erlangen", label="PLACE"))) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[merge]]\nentities = ['only one']\n",
            r"entities\.toml:1: \[\[merge\]\] entities: Tuple should have at least 2",
        ),
        (
            "[[tag]]\ntext = 'x'\nlabel = 'PLACE'\n\n[[tag]]\nlabel = 'PLACE'\n",
            r"entities\.toml:5: \[\[tag\]\] text: Field required",
        ),
        (
            "[[tag]]\ntext = 'x'\nlabel = 'PLACE'\nscope = 'article'\n",
            r"entities\.toml:1: \[\[tag\]\] scope = 'article' needs an",
        ),
        ("[[untag]]\ntext = 'x'\nstart = 3\n", r"entities\.toml:1: \[\[untag\]\] start needs an article"),
        ("[[speaker]]\nquote = 'x'\nentity = 'y'\nwho = 'z'\n", r"entities\.toml:1: \[\[speaker\]\] who: Extra inputs"),
        ("\n\n[[tags]]\ntext = 'x'\n", r"entities\.toml:3: unknown table \[\[tags\]\]"),
        ("tag = 'x'\n", r"entities\.toml:1: tag must be written as \[\[tag\]\] tables"),
        ("[[merge]]\nentities = ['a', 'b'\n", r"entities\.toml:2: invalid TOML"),
    ],
)
def test_a_broken_file_names_path_and_line_and_is_never_rewritten(tmp_path, text, message):
    path = tmp_path / "entities.toml"
    path.write_text(text, encoding="utf-8")
    file = c.CorrectionsFile(path)
    with pytest.raises(ConfigError, match=message):
        file.load()
    with pytest.raises(ConfigError, match=message):
        file.add(c.Tag(text="Erlangen", label="PLACE"))
    with pytest.raises(ConfigError, match=message):
        file.remove(c.Tag(text="x", label="PLACE"))
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_two_readers_never_lose_each_others_corrections(tmp_path):
    path = tmp_path / "entities.toml"
    first, second = c.CorrectionsFile(path), c.CorrectionsFile(path)
    first.load(), second.load()  # both opened before either wrote
    first.add(c.Tag(text="Erlangen", label="PLACE"))
    second.add(c.Untag(text="Brücken"))
    first.add(c.NotQuote(quote="sehr stark"))
    second.remove(c.Tag(text="Erlangen", label="PLACE"))
    assert first.load().items() == [c.Untag(text="Brücken"), c.NotQuote(quote="sehr stark")]


def _add_many(path: str, worker: int, count: int) -> None:
    file = c.CorrectionsFile(path)
    for number in range(count):
        file.add(c.Tag(text=f"Name{worker}x{number}", label="PERSON"))


def test_two_processes_writing_at_once_keep_every_correction(tmp_path):
    path = tmp_path / "entities.toml"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(str(path), worker, 25)) for worker in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    texts = {tag.text for tag in c.CorrectionsFile(path).load().tag}
    assert texts == {f"Name{w}x{n}" for w in range(2) for n in range(25)}


def test_the_linking_part_of_the_file_is_the_entity_overrides(tmp_path):
    from core.overrides import EntityOverrides

    file = c.CorrectionsFile(tmp_path / "entities.toml")
    for correction in EVERY_KIND:
        file.add(correction)
    overrides = EntityOverrides.load(file.path)
    assert overrides.merge == (EVERY_KIND[0],) and overrides.split == (EVERY_KIND[1],)
    assert overrides.relabel == (c.Relabel(entity="org:nato", label="ORG"),)
    assert EntityOverrides.load(tmp_path / "missing.toml") == EntityOverrides()
