"""Linking across articles: one entity per real-world thing; user merges and splits."""

from __future__ import annotations

import pytest

from core.linking import link
from core.models import AnnotatedArticle, Mention, Quote
from core.overrides import EntityOverrides


def article(article_id: str, text: str, names: list[tuple[str, str]], **extra) -> AnnotatedArticle:
    """An article whose mentions are the first occurrence of each (text, label)."""
    mentions, position = [], 0
    for name, label in names:
        start = text.index(name, position)
        entity = extra.pop(f"id:{name}", None)
        kind = "named" if label == "WEAPON" else None
        mentions.append(Mention(start=start, end=start + len(name), text=name, label=label, entity=entity, kind=kind))
        position = start + len(name)
    return AnnotatedArticle(id=article_id, title=text.split("\n")[0], path=article_id, text=text,
                            paragraphs=((0, len(text)),), mentions=tuple(mentions), **extra)  # fmt: skip


A = article("a", "Wolodymyr Selenskyj trifft Trump. Selenskyj dankt.", [("Wolodymyr Selenskyj", "PERSON"),
            ("Trump", "PERSON"), ("Selenskyj", "PERSON")])  # fmt: skip
B = article("b", "Zelensky und Donald Trump reden. Trumps Plan. Zelensky warnt.", [("Zelensky", "PLACE"),
            ("Donald Trump", "PERSON"), ("Trumps", "PERSON"), ("Zelensky", "PERSON")])  # fmt: skip


def entities_by_name(linked):
    return {entity.name: entity for entity in linked.entities}


def test_one_entity_per_person_across_articles_and_spellings():
    linked = link([A, B], EntityOverrides())
    people = entities_by_name(linked)
    assert set(people) == {"Wolodymyr Selenskyj", "Donald Trump"}
    selenskyj = people["Wolodymyr Selenskyj"]
    assert selenskyj.label == "PERSON"  # voted: PLACE once, PERSON otherwise
    assert set(selenskyj.aliases) == {"Selenskyj", "Zelensky"}
    assert selenskyj.articles == ("a", "b")
    assert set(people["Donald Trump"].aliases) == {"Trump", "Trumps"}


def test_every_mention_gets_the_entity_id_and_voted_label():
    linked = link([A, B], EntityOverrides())
    for linked_article in linked.articles:
        assert all(m.entity for m in linked_article.mentions)
    zelensky = linked.articles[1].mentions[0]
    assert zelensky.label == "PERSON"


def test_unlabelled_repeats_are_tagged():
    text = "Selenskyj kommt. Später sprach Selenskyj erneut."
    lone = article("c", text, [("Selenskyj", "PERSON")])
    linked = link([A, lone], EntityOverrides())
    texts = [m.text for m in linked.articles[1].mentions]
    assert texts == ["Selenskyj", "Selenskyj"]
    assert linked.articles[1].mentions[1].source == "linking"


def test_names_inside_compounds_become_parts():
    text = "Kreml warnt. Die Kreml-Sprecher schweigen."
    linked = link([article("k", text, [("Kreml", "ORG")], **{"id:Kreml": "org:kremlin"})], EntityOverrides())
    parts = [(m.text, text[m.end]) for m in linked.articles[0].mentions]
    assert parts == [("Kreml", " "), ("Kreml", "-")]


def test_rule_ids_are_kept_and_weapons_stay_apart():
    text = "Patriot-Raketen und Patriot sowie ein Patriot namens Hans."
    weapons = article("w", text, [("Patriot-Raketen", "WEAPON")], **{"id:Patriot-Raketen": "weapon:patriot"})
    linked = link([weapons], EntityOverrides())
    (entity,) = linked.entities
    assert (entity.id, entity.name, entity.label, entity.weapon_class) == ("weapon:patriot", "Patriot", "WEAPON",
                                                                           "air_defence")  # fmt: skip


def test_roles_are_recorded_and_resolve_speakers():
    text = "US-Präsident Donald Trump sprach. „Das ist gut“, sagte der US-Präsident."
    start = text.index("„")
    quote = Quote(start=start, end=text.index("“") + 1, text=text[start : text.index("“") + 1],
                  speaker="der US-Präsident", speaker_start=text.rindex("der"), speaker_end=len(text) - 1,
                  cue="sagte")  # fmt: skip
    source = article("r", text, [("Donald Trump", "PERSON")], quotes=(quote,))
    mention = source.mentions[0].model_copy(update={"role": "US-Präsident"})
    source = source.model_copy(update={"mentions": (mention,)})
    linked = link([source], EntityOverrides())
    assert linked.entities[0].roles == ("US-Präsident",)
    assert linked.articles[0].quotes[0].speaker_entity == "person:donald-trump"


def test_user_merge_and_split():
    first = article("m", "Merz und Scholz.", [("Merz", "PERSON"), ("Scholz", "PERSON")])
    merged = link([first], EntityOverrides().with_merge(["person:merz", "Scholz"], name="Kanzler"))
    assert [(e.name, e.mentions) for e in merged.entities] == [("Kanzler", 2)]
    both = article("t", "Donald Trump und Melania Trump.", [("Donald Trump", "PERSON"), ("Melania Trump", "PERSON")])
    together = link([both], EntityOverrides().with_merge(["Donald Trump", "Melania Trump"]))
    assert len(together.entities) == 1
    split = link([both], EntityOverrides().with_merge(["Donald Trump", "Melania Trump"]).with_split(
        "Donald Trump", "Melania Trump"))  # fmt: skip
    assert sorted(e.name for e in split.entities) == ["Donald Trump", "Melania Trump"]


def test_overrides_file_round_trip_and_errors(tmp_path):
    from core.corrections import CorrectionsFile
    from core.errors import ConfigError

    path = tmp_path / "entities.toml"
    overrides = EntityOverrides().with_merge(['Tricky "name"', "Other\\one"]).with_split("x", "y")
    for record in (*overrides.merge, *overrides.split):
        CorrectionsFile(path).add(record)
    assert EntityOverrides.load(path) == overrides
    path.write_text("[[merge]]\nentities = ['only one']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"entities\.toml:1: \[\[merge\]\] entities"):
        EntityOverrides.load(path)
    path.write_text("[[merge\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        EntityOverrides.load(path)


def test_place_adjectives_only_when_asked():
    text = "Die russischen Truppen und Russland. Ein US-amerikanischer Beamter."
    source = article("p", text, [("Russland", "PLACE")], **{"id:Russland": "place:russia"})
    plain = link([source], EntityOverrides())
    assert [m.text for m in plain.articles[0].mentions] == ["Russland"]
    with_adjectives = link([source], EntityOverrides(), place_adjectives=True)
    found = {(m.text, m.entity) for m in with_adjectives.articles[0].mentions}
    assert ("russischen", "place:russia") in found and ("US-amerikanischer", "place:us") in found
    entities = {e.id: e for e in with_adjectives.entities}
    from core.lexicon import place_names

    assert entities["place:us"].name == place_names()["place:us"]  # known only by its adjective
    assert "russischen" in entities["place:russia"].aliases


def test_the_merge_name_is_honoured_when_both_references_already_name_one_entity():
    # the README's own example: the linker has already joined Selenskyj and Zelensky
    overrides = EntityOverrides().with_merge(["Wolodymyr Selenskyj", "Zelensky"], name="W. Selenskyj")
    people = entities_by_name(link([A, B], overrides))
    assert "W. Selenskyj" in people and "Wolodymyr Selenskyj" not in people


def test_references_to_unknown_entities_are_reported():
    linked = link([A, B], EntityOverrides())
    overrides = (EntityOverrides().with_merge(["Wolodymyr Selenskyj", "Selenskij"])  # a typo
                 .with_merge(["Angela Merkel", "Olaf Scholz"])  # not in this corpus: not this corpus's business
                 .with_split("Donald Trump", "Melania Trump"))  # fmt: skip
    notes = overrides.check(linked.entities)
    assert notes == [
        "entities.toml: merge 1: no entity 'Selenskij' in this corpus",
        "entities.toml: split 1: 'Donald Trump' has no spelling 'Melania Trump' in this corpus",
    ]
    assert EntityOverrides().check(linked.entities) == []


def test_map_and_reduce_over_parts_equal_one_pass():
    """Evidence and tallies of parts, merged in any order, link exactly as link() does."""
    import pickle
    import random

    from core.linking import NameContext, resolve
    from core.linking_parts import EntityTally, Evidence
    from core.models import Corpus

    text = "Die russischen Truppen. Selenskyj kommt. Später sprach Selenskyj erneut. Trumps Plan."
    extra = article("c", text, [("Selenskyj", "PERSON"), ("Trumps", "PERSON")])
    weapons = article("w", "Patriot und Patriot-Raketen.", [("Patriot-Raketen", "WEAPON")],
                      **{"id:Patriot-Raketen": "weapon:patriot"})  # fmt: skip
    articles = [A, B, extra, weapons, A.model_copy(update={"id": "a2"}), B.model_copy(update={"id": "b2"})]
    whole = link(articles, EntityOverrides(), place_adjectives=True)
    rng = random.Random(7)
    for _ in range(5):
        positions = list(range(len(articles)))
        rng.shuffle(positions)
        parts = [positions[:2], positions[2:3], positions[3:]]
        evidence = Evidence()
        for part in parts:  # each part's evidence travels (pickled) as it would from a worker
            evidence.merge(pickle.loads(pickle.dumps(Evidence.of([articles[p] for p in part], part))))
        context = pickle.loads(pickle.dumps(NameContext.of(evidence)))
        keyed = Evidence()
        for part in parts:
            chosen = [articles[p] for p in part]
            keyed.merge(Evidence.of(chosen, part, [context.cluster_keys(a) for a in chosen]))
        resolution = pickle.loads(pickle.dumps(resolve(keyed, context, EntityOverrides())))
        linked, tally = [None] * len(articles), EntityTally()
        for part in reversed(parts):
            part_tally = EntityTally()
            for position in part:
                linked[position], places = resolution.apply(articles[position], place_adjectives=True)
                part_tally.add(linked[position], position, places)
            tally.merge(pickle.loads(pickle.dumps(part_tally)))
        entities = resolution.entities(tally, [a.id for a in articles].__getitem__)
        assert Corpus(articles=tuple(linked), entities=tuple(entities)) == Corpus(
            articles=tuple(whole.articles), entities=tuple(whole.entities)
        )
