"""Who said it: pronouns, appositions and frames of German news, end to end with the shipped model."""

from __future__ import annotations

import pytest

from core.analysis import Options, analyse

STORY = "\n".join(
    [
        "Streit um die Wehrpflicht",
        "Linken-Fraktionschefin Heidi Reichinnek sagte, junge Menschen dürften nicht verheizt werden.",
        "Der Vorsitzende des Bundeswehrverbands, André Wüstner, begrüßte den Entwurf grundsätzlich. "
        "„Es ist ein Anfang, mehr nicht“, sagte er.",
        "Verteidigungsminister Boris Pistorius verteidigte den Plan. „Wir brauchen mehr Soldaten“, sagte Pistorius.",
        "Bundeskanzler Friedrich Merz zeigte sich zufrieden. Deutschland werde das Ziel deutlich vor 2035 erreichen.",
        "Der Präsident des Instituts für Weltwirtschaft in Kiel, Moritz Schularick, "
        "sagte, der Kurswechsel sei überfällig gewesen.",
        "Die Lage sei ernst, hieß es aus Diplomatenkreisen. „Wir wissen genau, was wir brauchen“, sagte Wüstner.",
        "Wladimir Putin sprach von einer Verständigung. "
        "Zum Abschluss lud er Pistorius zu einem Treffen ein: „Next time in Moscow.“",
    ]
)


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story")
    (folder / "wehrpflicht.txt").write_text(STORY, encoding="utf-8")
    store = analyse([folder], Options(use_cache=False))
    article = store.articles[0]
    names = {entity.id: entity.name for entity in store.entities}
    return {quote.text: (quote.speaker, names.get(quote.speaker_entity or "")) for quote in article.quotes}


def speaker_of(story: dict, fragment: str) -> tuple[str | None, str | None]:
    matches = [value for text, value in story.items() if fragment in text]
    assert matches, f"no quotation containing {fragment!r} in {list(story)}"
    return matches[0]


def test_pronoun_refers_to_the_person_the_sentence_before_opens_with(story):
    # the last speaker was Reichinnek; the sentence before introduces Wüstner
    assert speaker_of(story, "Es ist ein Anfang") == ("er", "André Wüstner")


def test_konjunktiv_continues_the_new_subject_not_the_last_speaker(story):
    assert speaker_of(story, "Deutschland werde das Ziel")[1] == "Friedrich Merz"


def test_apposition_names_the_speaker_not_the_organisation(story):
    assert speaker_of(story, "Kurswechsel sei überfällig")[1] == "Moritz Schularick"


def test_subject_and_apposition_are_not_reported_speech(story):
    assert not any(text.startswith("Der Vorsitzende des Bundeswehrverbands") for text in story)


def test_unnamed_source_after_hiess_es(story):
    assert speaker_of(story, "Die Lage sei ernst") == ("Diplomatenkreisen", None)


def test_pronoun_after_the_verb_of_a_colon_introduction(story):
    assert speaker_of(story, "Next time in Moscow")[1] == "Wladimir Putin"


@pytest.mark.parametrize(
    "text",
    [
        "Er betont, dass es nicht um den Nachweis ging.",  # a pronoun speaker in the first sentence
        "„Ja“, sagte sie.",
        "Sie sagte: „Nein.“ Er sagte: „Doch.“",
    ],
)
def test_pronoun_with_nothing_before_it(text):
    from core.pipeline import load_pipeline

    doc = load_pipeline()(text)
    assert all(quote["speaker_ref"] is None for quote in doc._.quotes if quote["speaker"] in ("Er", "sie", "Sie"))


def test_random_speech_like_text_never_crashes():
    """Quotation marks, pronouns, cues and sentence ends in random order (fixed seed)."""
    import random

    from core.pipeline import load_pipeline

    nlp = load_pipeline()
    pieces = ["„", "“", "»", "«", '"', "'", "‚", "‘", ":", ",", ".", "\n", "er", "Er", "sie", "es", "sagte",
              "so", "laut", "zufolge", "Merz", "der Minister", "hieß es aus", "sei", "habe", "dass", "Trump", "ihn",
              "zitierte", "Der Chef des SBU, Wassyl Maljuk,", "nach Angaben von", "Kreml", "Wir"]  # fmt: skip
    generator = random.Random(20261129)
    texts = [" ".join(generator.choices(pieces, k=generator.randint(1, 40))) for _ in range(300)]
    for doc in nlp.pipe(texts):
        for quote in doc._.quotes:
            assert 0 <= quote["start"] < quote["end"] <= len(doc.text)
