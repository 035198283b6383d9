"""Names told by the words around them: organisation cues, German place make-up, surnames
that are also nouns, and the linking of short forms (core.components.org_rules,
place_rules, noun_filter; core.linking). Sentences written for these tests."""

from __future__ import annotations

import pytest

from core.analysis import link_and_index
from core.overrides import EntityOverrides
from tests.test_entity_spans import entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Netzwerkausrüster Kalimbo weist die Vorwürfe zurück.", ("Kalimbo", "ORG")),
        ("Die Finanzaufsicht Tervana prüft den Fall.", ("Tervana", "ORG")),
        ("Der Fleischriese Morvak schließt ein Werk.", ("Morvak", "ORG")),
        ("Die Deutsche Stahl AG verhandelt mit Käufern.", ("Deutsche Stahl AG", "ORG")),
        ("Das Bundesamt für Wirtschaft und Ausfuhrkontrolle zahlt die Förderung.", None),
        ("Die Bezirksregierung Arnsberg hat entschieden.", ("Bezirksregierung Arnsberg", "ORG")),
        ("Der SV Mattersburg verlor am Sonntag.", ("SV Mattersburg", "ORG")),
        ("Das sagte er der „Neuen Ruhrtaler Zeitung“ am Freitag.", ("Neuen Ruhrtaler Zeitung", "ORG")),
    ],
)
def test_organisations_from_their_cues(nlp, text, expected):
    found = entities(nlp, text)
    if expected is None:  # the whole remit is the name
        expected = ("Bundesamt für Wirtschaft und Ausfuhrkontrolle", "ORG")
    assert expected in found


def test_a_bracketed_acronym_names_the_same_organisation(nlp):
    doc = nlp("Die Bundesagentur für Arbeit (BA) hat reagiert. Die BA prüft jeden Antrag.")
    ents = {ent.text: ent for ent in doc.ents}
    assert ents["Bundesagentur für Arbeit"].label_ == "ORG"
    assert ents["BA"].label_ == "ORG" and ents["BA"].id_ == ents["Bundesagentur für Arbeit"].id_


def test_a_person_after_a_descriptor_stays_a_person(nlp):
    assert ("Warren Buffett", "PERSON") in entities(nlp, "Der Investor Warren Buffett kauft Aktien.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Im Landkreis Neumarkt regnete es.", ("Landkreis Neumarkt", "PLACE")),
        ("Der Kreis Fulda meldet neue Zahlen.", ("Kreis Fulda", "PLACE")),
        ("Im Hochtaunuskreis und im Werra-Meißner-Kreis schneite es.", ("Werra-Meißner-Kreis", "PLACE")),
        ("Im Hochtaunuskreis schneite es.", ("Hochtaunuskreis", "PLACE")),
        ("In Südhessen blieb es trocken.", ("Südhessen", "PLACE")),
        ("Für Nord- und Osthessen gilt eine Warnung.", ("Nord- und Osthessen", "PLACE")),
        ("Er wohnt in Bad Schwartau.", ("Bad Schwartau", "PLACE")),
        ("Am Starnberger See war es voll.", ("Starnberger See", "PLACE")),
        ("An der Wall Street fielen die Kurse.", ("Wall Street", "PLACE")),
    ],
)
def test_places_by_their_make_up(nlp, text, expected):
    assert expected in entities(nlp, text)


@pytest.mark.parametrize("text", ["Im Freundeskreis wurde gefeiert.", "Im Wahlkreis gewann sie.",
                                  "Die Autokäufer warten."])  # fmt: skip
def test_common_compounds_are_no_places(nlp, text):
    assert not [ent for ent in nlp(text).ents if ent.label_ == "PLACE"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Bundesbank-Präsident Jens Weidmann warnte. Weidmann sagte, es reiche nicht.", "Jens Weidmann"),
        ("Der Personalvorstand Martin Seiler stellte die Zahlen vor.", "Martin Seiler"),
        ("Der Chef Jörg Fuhrmann widersprach.", "Jörg Fuhrmann"),
    ],
)
def test_surnames_that_are_nouns_stay_with_the_given_name(nlp, text, person):
    assert (person, "PERSON") in entities(nlp, text)


def test_a_lone_surname_after_the_full_name_is_kept(nlp):
    found = entities(nlp, "Bundesbank-Präsident Jens Weidmann warnte. Weidmann sagte, es reiche nicht.")
    assert ("Weidmann", "PERSON") in found


def test_noun_runs_are_still_cut(nlp):
    assert ("Trumps", "PERSON") in entities(nlp, "Trumps Telefonat mit Putin dauerte lange.")


def _linked(text: str, names: list[tuple[str, ...]]):
    """Link an article whose mentions are the given (text, label[, gazetteer id]) in order."""
    from core.models import AnnotatedArticle, Mention

    mentions, taken = [], 0
    for name, label, *entity in names:
        start = text.index(name, taken)
        taken = start + len(name)
        source = "rule" if entity else "model"
        mentions.append(Mention(start=start, end=taken, text=name, label=label, entity=entity[0] if entity else None,
                                source=source))  # fmt: skip
    article = AnnotatedArticle(id="a-1", title=text, path="a.txt", text=text, paragraphs=((0, len(text)),),
                               mentions=tuple(mentions))  # fmt: skip
    corpus, _ = link_and_index([article], pipeline=None, overrides=EntityOverrides())
    return corpus


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Die Freie Wählergemeinschaft tagte. Die FWG stimmte zu.",
         [("Freie Wählergemeinschaft", "ORG"), ("FWG", "ORG")]),
        ("Der Impfstoff von Sinovac Biotech wirkt. Sinovac liefert im Mai.",
         [("Sinovac Biotech", "ORG"), ("Sinovac", "PLACE")]),
        ("Der Burgenländische Fußballverband tagte. Der BFV entschied.",
         [("Burgenländische Fußballverband", "ORG"), ("BFV", "ORG")]),
        ("Das sagte der Europäische Gerichtshof. Die Richter des Europäischen Gerichtshofs.",
         [("Europäische Gerichtshof", "ORG"), ("Europäischen Gerichtshofs", "ORG")]),
    ],
)  # fmt: skip
def test_short_forms_join_the_full_name(text, names):
    corpus = _linked(text, names)
    ids = {m.entity for m in corpus.articles[0].mentions}
    assert len(ids) == 1
    assert {m.label for m in corpus.articles[0].mentions} == {"ORG"}


def test_an_acronym_of_other_letters_stays_apart():
    corpus = _linked("Die Freie Wählergemeinschaft tagte. Die SPD stimmte zu.",
                     [("Freie Wählergemeinschaft", "ORG"), ("SPD", "ORG")])  # fmt: skip
    assert len({m.entity for m in corpus.articles[0].mentions}) == 2


def test_display_name_is_the_nominative():
    corpus = _linked("Die Vereinigten Staaten und der Europäischen Gerichtshof.",
                     [("Vereinigten Staaten", "PLACE", "place:us"), ("Europäischen Gerichtshof", "ORG")])  # fmt: skip
    names = {entity.name for entity in corpus.entities}
    assert "Vereinigte Staaten" in names  # the gazetteer's nominative, though only the dative was seen


def test_a_listed_entity_is_named_by_one_of_its_own_forms():
    corpus = _linked("Volkswagen prüft. Die Kernmarke VW Pkw wächst.",
                     [("Volkswagen", "ORG", "org:volkswagen"), ("VW Pkw", "ORG", "org:volkswagen")])  # fmt: skip
    assert [entity.name for entity in corpus.entities] == ["Volkswagen"]  # not the longer "VW Pkw"


def test_a_role_inside_a_model_run_divides_owner_and_person(nlp):
    found = entities(nlp, "Die Huaweis Finanzchefin Meng Wanzhou wurde festgenommen.")
    assert ("Meng Wanzhou", "PERSON") in found
    assert ("Huaweis", "ORG") in found


def test_a_closed_compound_of_a_role_is_a_role():
    from core.components.person_rules import role_of_text

    assert role_of_text("Finanzchefin") == "Chefin"
    assert role_of_text("Weidmann") is None


def test_a_gazetteer_name_run_into_a_common_noun_is_cut(nlp):
    assert ("Bundestag", "ORG") in entities(nlp, "Der Bundestag Steuerberater hört zu.")


@pytest.mark.parametrize(
    "text", ["Der Gründer der Digitalagentur Morlox spricht.", "Der Landrat überreichte den Landkreispreis."]
)
def test_an_article_after_a_role_starts_no_name(nlp, text):
    assert not [ent for ent in nlp(text).ents if ent.label_ == "PERSON" and ent.text.split()[0] in ("der", "den")]


def test_an_organisation_with_a_country_is_no_person(nlp):
    doc = nlp("Die Tochter Kalimbo Österreich meldete Verluste.")
    assert all(ent.label_ != "PERSON" for ent in doc.ents)
