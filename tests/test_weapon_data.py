"""The weapon gazetteer and generic weapon words are well-formed (core/data)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from core.resources import data_dir
from core.weapon_lexicon import fold_alias, weapon_lexicon

CLASSES = {
    "ballistic_missile", "cruise_missile", "hypersonic_missile", "anti_ship_missile", "air_to_air_missile",
    "air_defence", "anti_tank", "manpads", "drone", "loitering_munition", "rocket_artillery", "artillery",
    "mortar", "aircraft", "helicopter", "tank", "armoured_vehicle", "ship", "submarine", "nuclear", "icbm",
    "small_arms", "bomb", "radar_ew",
}  # fmt: skip
RECORDS = [json.loads(line) for line in (data_dir() / "weapons.jsonl").read_text(encoding="utf-8").splitlines()]


def test_at_least_150_systems_with_unique_ids():
    ids = [record["id"] for record in RECORDS]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record["id"])
def test_record_fields(record):
    assert record["class"] in CLASSES
    assert len(record["origin"]) == 2 and record["origin"].isupper()
    assert record["name"] in record["aliases"]
    assert record["en_wiki"]
    assert set(record.get("ambiguous_aliases", ())) <= set(record["aliases"])


def test_no_alias_names_two_systems():
    owners = Counter(fold_alias(alias) for record in RECORDS for alias in set(map(fold_alias, record["aliases"])))
    assert [alias for alias, count in owners.items() if count > 1] == []


def test_every_region_and_kind_of_war_reporting_is_covered():
    origins = Counter(record["origin"] for record in RECORDS)
    assert {"US", "RU", "UA", "IR", "IL", "CN"} <= set(origins)
    classes = {record["class"] for record in RECORDS}
    assert {"air_defence", "drone", "rocket_artillery", "aircraft", "tank", "ship", "nuclear"} <= classes


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("Langstreckenwaffen", "waffe"),
        ("Abfangraketen", "rakete"),
        ("Selbstmorddrohnen", "drohne"),
        ("Präzisions-Marschflugkörper", "flugkörper"),
        ("Munition", "munition"),
        ("Waffenstillstand", None),
        ("Raketenangriffe", None),
        ("Silvesterraketen", None),
        ("Kleinstträgerrakete", None),
        ("Termine", None),
        ("Sowjets", None),
        ("Luftwaffe", None),
    ],
)
def test_generic_weapon_words(word, stem):
    assert weapon_lexicon().generic_stem(word) == stem
