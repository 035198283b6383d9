"""The shipped gazetteers are well-formed and keep ordinary words out (core/data).

The builder (training/build_gazetteers.py) has a fuller self-test; these checks guard the
committed files against hand edits and against a rebuild that skipped the self-test.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from core.resources import data_dir


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in (data_dir() / name).read_text(encoding="utf-8").splitlines() if line]


ORGS = _records("orgs.jsonl")
PLACES = _records("places.jsonl")
FIRST_NAMES = set((data_dir() / "first_names.txt").read_text(encoding="utf-8").split("\n")) - {""}
ORG_IDS = {record["pattern"]: record["id"] for record in ORGS}
PLACE_IDS = {record["pattern"]: record["id"] for record in PLACES}


@pytest.mark.parametrize(("name", "records"), [("orgs", ORGS), ("places", PLACES)])
def test_every_pattern_has_one_id(name, records):
    ids = defaultdict(set)
    for record in records:
        ids[record["pattern"]].add(record["id"])
    assert [pattern for pattern, owners in ids.items() if len(owners) > 1] == []


def test_org_records_have_a_category():
    assert {record["label"] for record in ORGS} == {"ORG"}
    assert all(record["id"].startswith("org:") and record["type"] for record in ORGS)
    assert len({record["id"] for record in ORGS}) >= 1000


@pytest.mark.parametrize(
    "pattern",
    ["BMW", "Deutschen Börse", "Bosch", "Huawei", "Handelsblatt", "Bundesrechnungshof", "BaFin", "Ifo",
     "IG Metall", "Federal Reserve", "Grünen", "FC Bayern", "Ryanair", "Statistischen Bundesamt"],
)  # fmt: skip
def test_organisations_of_each_category_are_listed(pattern):
    assert pattern in ORG_IDS


@pytest.mark.parametrize(
    "word",
    ["Allianz", "Welt", "Bild", "Spiegel", "Zeit", "Union", "Target", "Visa", "Box", "Bayern", "Dortmund", "Puma"],
)
def test_common_words_and_club_cities_are_not_organisations(word):
    assert word not in ORG_IDS


def test_club_cities_stay_places():
    assert PLACE_IDS["Bayern"] == "place:de-by"
    assert PLACE_IDS["Dortmund"].startswith("place:dortmund")


@pytest.mark.parametrize("town", ["Erlangen", "Gießen", "Konstanz", "Herzogenaurach", "Bad Tölz"])
def test_german_towns_are_places(town):
    assert town in PLACE_IDS


@pytest.mark.parametrize("word", ["Essen", "Halle", "Hof", "Weil", "Mark", "Berg", "Wald", "Lauterbach", "Schmidt"])
def test_ordinary_words_and_surnames_are_not_places(word):
    assert word not in PLACE_IDS


@pytest.mark.parametrize("name", ["Hubertus", "Jens", "Jörg", "Jürgen", "Astrid", "Reinhard", "Hinrich"])
def test_common_german_given_names_are_listed(name):
    assert name in FIRST_NAMES


@pytest.mark.parametrize("word", ["Mark", "Wer", "Sky", "Schmidt", "Meyer", "Graf", "Essen", "Big"])
def test_words_and_surnames_are_not_given_names(word):
    assert word not in FIRST_NAMES
