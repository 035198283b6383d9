"""The records of the JSON contract: validation and JSON round trips."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.models import SCHEMA_VERSION, AnnotatedArticle, Corpus, Entity, Mention, Quote

TEXT = "Trump trifft Selenskyj\n„Wir brauchen Patriot-Raketen“, sagte Selenskyj in Kiew."


def span(text: str) -> dict:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def article(**changes) -> AnnotatedArticle:
    fields = dict(
        id="a-1234abcd",
        title="Trump trifft Selenskyj",
        path="a.txt",
        text=TEXT,
        paragraphs=((0, 22), (23, len(TEXT))),
        mentions=(
            Mention(**span("Trump"), label="PERSON", entity="person:trump"),
            Mention(**span("Patriot-Raketen"), label="WEAPON", entity="weapon:patriot", kind="named"),
        ),
        quotes=(
            Quote(**span("„Wir brauchen Patriot-Raketen“"), speaker="Selenskyj",
                  speaker_entity="person:selenskyj", cue="sagte"),
        ),
    )  # fmt: skip
    fields.update(changes)
    return AnnotatedArticle(**fields)


def test_json_round_trip():
    corpus = Corpus(
        articles=(article(),),
        entities=(Entity(id="person:trump", label="PERSON", name="Trump", mentions=1, articles=("a-1234abcd",)),),
    )
    data = corpus.model_dump_json()
    again = Corpus.model_validate_json(data)
    assert again == corpus
    assert again.version == SCHEMA_VERSION
    document = corpus.model_dump(mode="json")
    article_keys = {"id", "title", "path", "text", "paragraphs", "mentions", "quotes"}
    assert article_keys <= set(document["articles"][0])
    assert {"start", "end", "text", "label", "entity"} <= set(document["articles"][0]["mentions"][0])
    assert {"start", "end", "text", "speaker", "speaker_entity", "cue", "kind"} <= set(
        document["articles"][0]["quotes"][0]
    )
    assert {"id", "label", "name", "aliases", "mentions", "articles"} <= set(document["entities"][0])


def test_records_are_frozen_and_strict():
    mention = Mention(start=0, end=5, text="Trump", label="PERSON")
    with pytest.raises(ValidationError):
        mention.start = 3
    with pytest.raises(ValidationError):
        Mention(start=0, end=5, text="Trump", label="PERSON", colour="red")
    with pytest.raises(ValidationError):
        Mention(start=0, end=5, text="Trump", label="PER")


@pytest.mark.parametrize(
    "bad_mention",
    [
        Mention(start=0, end=4, text="Trump", label="PERSON"),
        Mention(start=200, end=205, text="Trump", label="PERSON"),
    ],
)
def test_span_must_slice_the_text(bad_mention: Mention):
    with pytest.raises(ValidationError, match="does not match"):
        article(mentions=(bad_mention,))


def test_paragraphs_must_be_ordered_and_inside():
    with pytest.raises(ValidationError):
        article(paragraphs=((0, 22), (10, 30)))
    with pytest.raises(ValidationError):
        article(paragraphs=((0, 500),))


def test_paragraph_at():
    a = article()
    assert a.paragraph_at(0) == 0
    assert a.paragraph_at(30) == 1
    assert a.article().model_dump().keys() == {
        "id",
        "title",
        "path",
        "text",
        "paragraphs",
        "encoding",
        "warnings",
    }


def test_records_with_the_same_fields_share_one_fields_set():
    import pickle

    first = Mention(start=0, end=5, text="Trump", label="PERSON")
    second = Mention(start=6, end=11, text="Putin", label="PERSON")
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__  # one set, not 700 bytes each
    linked = first.model_copy(update={"entity": "person:trump"})
    assert linked.entity == "person:trump" and first.entity is None
    assert linked.model_fields_set == {"start", "end", "text", "label", "entity"}
    assert first.model_fields_set == {"start", "end", "text", "label"}  # the shared set was not changed
    assert linked.__pydantic_fields_set__ is Mention(**linked.model_dump(exclude_unset=True)).__pydantic_fields_set__
    again = pickle.loads(pickle.dumps(second))  # how --jobs workers send records back
    assert again == second and again.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert again.model_dump(exclude_unset=True) == {"start": 6, "end": 11, "text": "Putin", "label": "PERSON"}
