"""Plain records that flow from core to the reader, the exporter and scripts.

They implement the JSON contract of DESIGN.md (``newslens annotate --format
json``). spaCy objects never leave core; these records do. Every offset is a
character offset into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core import __version__

#: Version of the JSON document written by ``newslens annotate``.
#: Bump it whenever a field changes meaning or disappears.
SCHEMA_VERSION = 1

Label = Literal["PERSON", "PLACE", "ORG", "WEAPON"]
LABELS: tuple[Label, ...] = ("PERSON", "PLACE", "ORG", "WEAPON")
QuoteKind = Literal["direct", "indirect"]
WeaponKind = Literal["named", "generic"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


class Record(BaseModel):
    """Base of every record: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # pydantic gives every instance its own set of the fields that were passed: about 700
    # bytes, more than the rest of a Mention. Records are frozen and pydantic copies that set
    # before changing it, so instances with the same fields can share one. That saves 40 %
    # of the memory a corpus of 10,000 annotated articles takes.

    def model_post_init(self, context: Any, /) -> None:
        self._share_fields_set()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copied = super().model_copy(update=update, deep=deep)
        copied._share_fields_set()
        return copied

    def __setstate__(self, state: dict[Any, Any]) -> None:  # records from --jobs worker processes
        super().__setstate__(state)
        self._share_fields_set()

    def _share_fields_set(self) -> None:
        key = frozenset(self.__pydantic_fields_set__)
        shared = _FIELD_SETS.get(key)
        if shared is None:  # a copy: the caller's own set (model_construct's _fields_set) stays theirs
            shared = _FIELD_SETS.setdefault(key, set(key))
        object.__setattr__(self, "__pydantic_fields_set__", shared)


class Article(Record):
    """One news article, its text normalised once so offsets stay stable."""

    id: str
    """Stable id: file stem plus a short hash of the normalised text."""
    title: str
    """The title line (also the first paragraph of ``text``)."""
    path: str
    """Where the article came from (a JSON record adds ``#N``, its 1-based index)."""
    text: str
    """The whole article, title line first; every offset refers to this string."""
    paragraphs: tuple[tuple[int, int], ...]
    """``[start, end)`` of each paragraph in ``text``; ``paragraphs[0]`` is the title."""
    encoding: str = "utf-8"
    """The encoding the file was decoded with."""
    warnings: tuple[str, ...] = ()
    """What loading changed or doubted, e.g. removed control characters."""

    @model_validator(mode="after")
    def _paragraphs_inside_text(self) -> Article:
        length = len(self.text)
        previous_end = 0
        for start, end in self.paragraphs:
            if not (previous_end <= start < end <= length):
                raise ValueError(f"paragraph span [{start}, {end}) is out of order or outside text")
            previous_end = end
        return self

    @property
    def word_count(self) -> int:
        """Number of words in the whole article, title included."""
        return len(_WORD.findall(self.text))

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (the last one before it if between)."""
        index = 0
        for number, (start, _end) in enumerate(self.paragraphs):
            if start > offset:
                break
            index = number
        return index


class Mention(Record):
    """A span of article text that names a person, place, organisation or weapon."""

    start: int = Field(ge=0)
    """Offset of the first character."""
    end: int = Field(gt=0)
    """Offset after the last character."""
    text: str
    """``article.text[start:end]``."""
    label: Label
    """Entity type."""
    entity: str | None = None
    """Id of the corpus-level entity this mention refers to."""
    kind: WeaponKind | None = None
    """For weapons: a named system (``named``) or a generic weapon word (``generic``)."""
    source: Literal["model", "rule", "propagated", "linking", "user"] = "model"
    """What found it: the model, a rule, a repeat of a name tagged elsewhere, linking, or the
    user's corrections (``entities.toml``: a ``[[tag]]``, or a ``[[relabel]]`` of its entity)."""
    role: str | None = None
    """A role noun the text puts right before the name (``US-Präsident`` Donald Trump)."""


class Quote(Record):
    """A quotation (direct) or reported statement (indirect) and who made it."""

    start: int = Field(ge=0)
    """Offset of the first character (the opening mark for direct quotes)."""
    end: int = Field(gt=0)
    """Offset after the last character (after the closing mark for direct quotes)."""
    text: str
    """``article.text[start:end]``."""
    speaker: str | None = None
    """The words that name the speaker (``der US-Präsident``, ``ein Beamter``), if any."""
    speaker_entity: str | None = None
    """Entity id of the speaker when the article lets it be resolved to one."""
    cue: str | None = None
    """The speech verb or phrase that attributes the quote (``sagte``, ``laut``)."""
    kind: QuoteKind = "direct"
    """``direct`` (in quotation marks) or ``indirect`` (reported speech)."""
    speech: bool = True
    """False for scare quotes, titles and names in quotation marks: not said by anyone."""
    parts: tuple[tuple[int, int], ...] = ()
    """For a quotation split by its speech frame, the ``[start, end)`` of each part."""
    speaker_start: int | None = None
    """Offset of the speaker words in the text, if they are in this article."""
    speaker_end: int | None = None
    """End offset of the speaker words."""
    speaker_ref: tuple[int, int] | None = None
    """For a pronoun speaker (``er``): the span of the name it refers to."""
    source: Literal["user"] | None = None
    """``user`` when the speaker was set by the user's corrections (a ``[[speaker]]``); else null."""


class AnnotatedArticle(Article):
    """An article with its mentions and quotations."""

    mentions: tuple[Mention, ...] = ()
    """Mentions in text order; they never overlap."""
    quotes: tuple[Quote, ...] = ()
    """Quotations in text order."""

    @model_validator(mode="after")
    def _spans_slice_text(self) -> AnnotatedArticle:
        for span in (*self.mentions, *self.quotes):
            if span.end > len(self.text) or self.text[span.start : span.end] != span.text:
                raise ValueError(f"span [{span.start}, {span.end}) {span.text!r} does not match the article text")
        return self

    def article(self) -> Article:
        """The plain article without annotations."""
        return Article(**{name: getattr(self, name) for name in Article.model_fields})


class Entity(Record):
    """One real-world entity, with every name the corpus uses for it."""

    id: str
    """Stable id, e.g. ``person:selenskyj`` or ``weapon:patriot``."""
    label: Label
    """Entity type, agreed over all its mentions."""
    name: str
    """The name to show: the most complete and most frequent spelling."""
    aliases: tuple[str, ...] = ()
    """Every other spelling found in the corpus (inflected, transliterated, shortened)."""
    mentions: int = 0
    """Number of mentions in the corpus."""
    articles: tuple[str, ...] = ()
    """Ids of the articles that mention it, in corpus order."""
    kind: WeaponKind | None = None
    """For weapons: named system or generic weapon word."""
    roles: tuple[str, ...] = ()
    """Roles the text gives it in appositions (``US-Präsident``, ``Kreml-Sprecher``)."""
    weapon_class: str | None = None
    """For named weapon systems: their class (``air_defence``, ``cruise_missile`` …)."""


class Corpus(Record):
    """The document ``newslens annotate --format json`` writes."""

    version: int = SCHEMA_VERSION
    """Version of this document's layout."""
    generator: str = f"newslens {__version__}"
    """The program that wrote it."""
    pipeline: str | None = None
    """Fingerprint of the NLP pipeline that produced the annotations."""
    articles: tuple[AnnotatedArticle, ...] = ()
    """The annotated articles in corpus order."""
    entities: tuple[Entity, ...] = ()
    """Every entity the articles mention."""
