"""Quotations as German news writes them: reported speech, titles in quotation marks, speakers.

Each mechanism of core/quotes with sentences written for these tests, run through the
whole pipeline (the shipped model), and, for speaker entities, through linking too.
"""

from __future__ import annotations

import pytest

from core.analysis import Options, analyse
from core.pipeline import load_pipeline


def quotes_of(text: str) -> list[dict]:
    return load_pipeline()(text)._.quotes


def speech(text: str) -> list[dict]:
    return [quote for quote in quotes_of(text) if quote["speech"]]


def reported(text: str) -> list[str]:
    return [quote["text"] for quote in speech(text) if quote["kind"] == "indirect"]


# -- reported speech: frames, sources, continuation -----------------------------------------


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # a source makes a sentence reported in any mood
        ("Laut Polizei ist der Mann am Abend festgenommen worden.", "ist der Mann am Abend festgenommen worden"),
        ("Dem Bericht zufolge steigen die Preise im Herbst.", "steigen die Preise im Herbst"),
        ("Nach Angaben der Feuerwehr brannte die Halle vollständig aus.", "brannte die Halle vollständig aus"),
        ("Die Firma hat nach eigenen Angaben 300 Stellen besetzt.", "300 Stellen besetzt"),
        ("Der Umsatz sank, wie das Unternehmen am Montag mitteilte.", "Der Umsatz sank"),
        ("Wie der Sender berichtet, ist das Schloss geschlossen.", "ist das Schloss geschlossen"),
        ("Aus Sicht der Kommission wird der Handel zum Problem.", "wird der Handel zum Problem"),
        # a verb of saying with its clause
        ("Die Ministerin kündigte an, dass die Schulen offen bleiben.", "dass die Schulen offen bleiben"),
        ("Ein Sprecher machte klar, dass der Zeitplan steht.", "dass der Zeitplan steht"),
        ("Die Regeln müssten geändert werden, sagte Hans Becker am Montag.", "Die Regeln müssten geändert werden"),
    ],
)
def test_framed_and_sourced_statements_are_reported(text, clause):
    assert any(clause in found for found in reported(text)), reported(text)


def test_a_dass_clause_keeps_its_dass():
    (clause,) = reported("Der Trainer bestätigte, dass die Mannschaft am Samstag spielt.")
    assert clause == "dass die Mannschaft am Samstag spielt"


def test_konjunktiv_sentences_continue_a_report_each_as_its_own_record():
    text = (
        "Die Stadt teilte am Montag mit, dass die Brücke gesperrt werde. "
        "Die Arbeiten dauerten mindestens drei Wochen. "
        "Umleitungen seien ausgeschildert. "
        "Danach hätten die Autofahrer wieder freie Fahrt."
    )
    found = reported(text)
    assert any("dass die Brücke gesperrt werde" in clause for clause in found)
    assert "Umleitungen seien ausgeschildert" in found
    assert "Danach hätten die Autofahrer wieder freie Fahrt" in found  # Konjunktiv II after a report
    speakers = {quote["text"]: quote["speaker"] for quote in speech(text)}
    assert speakers["Umleitungen seien ausgeschildert"] == "Die Stadt"


@pytest.mark.parametrize(
    "text",
    [
        "Das würde die Kosten deutlich erhöhen.",  # Konjunktiv II alone: a conditional, not a report
        "Die Halle wird im Mai eröffnet, es sei denn, der Bau verzögert sich.",  # a set phrase
        "Der Zug fuhr um acht Uhr ab und kam pünktlich an.",
        "Die Polizei sucht Zeugen, die verdächtige Personen gesehen haben.",  # an adjective, not Konjunktiv I
        "Die Bahn möchte im Herbst mehr Personal einstellen.",
    ],
)
def test_no_report_without_a_frame_or_konjunktiv_i(text):
    assert reported(text) == []


def test_an_apposition_after_the_frame_is_not_reported():
    text = "Die Preise stiegen weiter, sagte Karl Huber, Chefvolkswirt beim Bankhaus Lampe."
    assert reported(text) == ["Die Preise stiegen weiter"]


def test_negated_saying_reports_nothing():
    assert reported("Wann der Termin ist, gab die Behörde zunächst nicht bekannt.") == []


def test_a_wie_source_is_not_the_reported_clause():
    found = reported("Die Lage sei ernst, heißt es in dem Papier, wie die Zeitung berichtet.")
    assert found == ["Die Lage sei ernst"]


# -- titles and names in quotation marks ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Das sagte der Minister der „Süddeutschen Zeitung“.",
        "Die Sendung „Abendschau am Sonntag“ lief gestern.",
        "Das Programm „Green Bond Support Program“ wird ausgeweitet.",
        "Er sprach im Interview mit dem „Spiegel“ über die Pläne.",
    ],
)
def test_names_and_titles_in_quotation_marks_are_not_speech(text):
    assert [quote["text"] for quote in speech(text) if quote["kind"] == "direct"] == []


def test_a_quoted_sentence_stays_speech():
    (quote,) = [
        q for q in speech("„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Schulte.") if q["kind"] == "direct"
    ]
    assert quote["speaker"] == "Anna Schulte"


# -- speakers ---------------------------------------------------------------------------------


def test_a_headline_quotation_goes_to_the_person_the_article_opens_with():
    text = "„Wir geben nicht auf“\nDie Bürgermeisterin Anna Schulte kämpft um das Schwimmbad. Es solle offen bleiben."
    (headline,) = [q for q in speech(text) if q["kind"] == "direct"]
    assert headline["speaker"] == "Anna Schulte"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Das sei nicht geplant, heißt es in einer Stellungnahme.", "Das sei nicht geplant"),
        ("Der Appell an die Bürger sei dringend, erklärte die Stadt.", "Der Appell"),
        ("Am Mittwoch sagte die Sprecherin, der Termin stehe.", "der Termin stehe"),
    ],
)
def test_abstract_nouns_and_dates_are_never_speakers(text, fragment):
    quote = next(q for q in speech(text) if fragment in q["text"] or q["text"] in text)
    assert (quote["speaker"] or "").split()[-1:] not in (["Stellungnahme"], ["Appell"], ["Mittwoch"])


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("speakers")
    text = "\n".join(
        [
            "Neue Zahlen der Notenbank",
            "Bundesbankpräsident Markus Albrecht stellte am Montag den Bericht vor.",
            "„Die Lage bessert sich langsam“, sagte der Präsident der Deutschen Bundesbank.",
            "EU-Kommissarin Petra Lindqvist reiste nach Brüssel.",
            "Die Kommissarin sagte, die Zahl der Fälle sei gestiegen.",
            "Volkswagen meldete am Dienstag einen Rekord. Das sei ein gutes Zeichen, teilte der Konzern mit.",
            "Thomas Krüger sprach in Lüdenscheid. „Wir bleiben hier“, sagte der Lüdenscheider.",
            "Verdi-Chef Frank Werneke reagierte gelassen: Man werde weiter verhandeln, sagte der Gewerkschafter.",
            "Ein Sprecher von Siemens sagte, die Produktion laufe weiter.",
            "Die Gewerkschafterin Maria Köhler erklärte gegenüber Reuters, der Streik gehe weiter.",
            "„Wir warten ab“, erinnerte die stellvertretende Bürgermeisterin Eva Brandt.",
        ]
    )
    (folder / "notenbank.txt").write_text(text, encoding="utf-8")
    store = analyse([folder], Options(use_cache=False))
    names = {entity.id: entity.name for entity in store.entities}
    return {quote.text: names.get(quote.speaker_entity or "") for quote in store.articles[0].quotes if quote.speech}


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("Die Lage bessert sich langsam", "Markus Albrecht"),  # a role with its genitive, named before
        ("die Zahl der Fälle sei gestiegen", "Petra Lindqvist"),  # a role noun
        ("Das sei ein gutes Zeichen", "Volkswagen"),  # an institution noun: the organisation named before
        ("Wir bleiben hier", "Thomas Krüger"),  # a demonym of a place the text names
        ("Man werde weiter verhandeln", "Frank Werneke"),  # colon lead-in, frame after
        ("die Produktion laufe weiter", "Siemens"),  # a spokesperson speaks for the organisation
        ("der Streik gehe weiter", "Maria Köhler"),  # "gegenüber X": the addressee, not the speaker
        ("Wir warten ab", "Eva Brandt"),
    ],
)
def test_speakers_resolve_to_the_named_entity(story, fragment, speaker):
    found = [name for text, name in story.items() if fragment in text]
    assert found == [speaker], story


def _speakers_of(tmp_path, text: str) -> dict[str, str | None]:
    (tmp_path / "artikel.txt").write_text(text, encoding="utf-8")
    store = analyse([tmp_path], Options(use_cache=False))
    names = {entity.id: entity.name for entity in store.entities}
    return {quote.text: names.get(quote.speaker_entity or "") for quote in store.articles[0].quotes if quote.speech}


def test_a_pronoun_after_a_possessive_refers_to_the_possessed_not_the_owner(tmp_path):
    # "Voss' Ehemann, Firmengründer Jonas Weber, …": "er" is the husband; the closing straight mark
    # after a nested quotation ('…' ") does not open a new quotation
    found = _speakers_of(
        tmp_path,
        "Die Schauspielerin Anna Voss lebt in Köln. Voss' Ehemann, Firmengründer Jonas Weber, trat zurück. "
        "\"Ich sage das als Vater, der antworten muss, wenn sie fragt: 'Was hast du getan?' \", schrieb er: "
        '"Rücktritt kann eine Form von Führung sein". Die Familie spricht viel darüber.',
    )
    assert [name for text, name in found.items() if "Vater" in text] == ["Jonas Weber"], found
    assert not any("Die Familie" in text for text in found), found


def test_reported_speech_around_a_framed_quotation_has_its_speaker(tmp_path):
    found = _speakers_of(
        tmp_path,
        'Die Kammer reichte eine Klage ein. Die Politik der Regierung sei "ein fundamentaler Fehler", '
        "stellte der Chef der Handelskammer, John Miller, klar. Danach ging es weiter.",
    )
    assert set(found.values()) == {"John Miller"} and len(found) == 2, found
