"""The corrections a user can make to the tagger, one record per ``[[table]]`` of ``entities.toml``.

Every record is frozen and compares by its fields, so "remove this correction" means "remove the
first record equal to it". References to entities (``Merge.entities``, ``Split.entity``,
``Relabel.entity``, ``Speaker.entity``) are an entity id or any of its names, case-insensitive,
so corrections survive when ids change as the corpus grows. Labels are written as in the JSON
contract (``PERSON``, ``PLACE``, ``ORG``, ``WEAPON``; lower case is accepted); an unknown label is
not an error of the file but a warning when the corpus is opened (see :mod:`core.corrections.check`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


class _Record(BaseModel, ABC):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @abstractmethod
    def describe(self) -> str:
        """One line for the Corrections screen and ``corrections list``."""


class Merge(_Record):
    """Entities that are one real-world entity."""

    entities: tuple[str, ...] = Field(min_length=2)
    """Ids or names of the entities to merge."""
    name: str | None = None
    """Display name of the merged entity (default: the most complete name)."""

    def describe(self) -> str:
        named = f" as {self.name!r}" if self.name else ""
        return f"merge {', '.join(repr(e) for e in self.entities)}{named}"


class Split(_Record):
    """An alias that names a different entity than the one it was linked to."""

    entity: str
    """Id or name of the entity to split."""
    alias: str
    """The spelling whose mentions become an entity of their own."""

    def describe(self) -> str:
        return f"split {self.alias!r} off {self.entity!r}"


class Tag(_Record):
    """A form the tagger missed: tag it wherever it occurs (as a whole word), or in one article."""

    text: str = Field(min_length=1)
    """The exact words to tag (case-sensitive, on word boundaries)."""
    label: str
    """PERSON, PLACE, ORG or WEAPON."""
    article: str | None = None
    """Id of the article it was tagged in (required when ``scope`` is ``article``)."""
    scope: Literal["corpus", "article"] = "corpus"
    """``corpus``: every occurrence in every article; ``article``: only in ``article``."""

    _label = field_validator("label", mode="before")(_upper)

    @model_validator(mode="after")
    def _article_for_scope(self) -> Tag:
        if self.scope == "article" and not self.article:
            raise ValueError("scope = 'article' needs an article id")
        return self

    def describe(self) -> str:
        where = f" in {self.article}" if self.scope == "article" else " everywhere"
        return f"tag {self.text!r} as {self.label}{where}"


class Untag(_Record):
    """A mention that is wrong: remove it everywhere, in one article, with one label, or at one place."""

    text: str = Field(min_length=1)
    """The mention's words (compared case-insensitively)."""
    article: str | None = None
    """Only in this article (id)."""
    label: str | None = None
    """Only mentions with this label."""
    start: int | None = Field(default=None, ge=0)
    """Only the occurrence that starts at this offset of the article's text (needs ``article``)."""

    _label = field_validator("label", mode="before")(_upper)

    @model_validator(mode="after")
    def _article_for_start(self) -> Untag:
        if self.start is not None and not self.article:
            raise ValueError("start needs an article id")
        return self

    def describe(self) -> str:
        label = f" {self.label}" if self.label else ""
        where = f" in {self.article}" if self.article else " everywhere"
        at = f" at {self.start}" if self.start is not None else ""
        return f"untag{label} {self.text!r}{where}{at}"


class Relabel(_Record):
    """An entity of the wrong type: every mention of it gets ``label``."""

    entity: str
    """Id or name of the entity."""
    label: str
    """PERSON, PLACE, ORG or WEAPON."""

    _label = field_validator("label", mode="before")(_upper)

    def describe(self) -> str:
        return f"relabel {self.entity!r} as {self.label}"


class Speaker(_Record):
    """Who made a quotation (or that nobody named did)."""

    quote: str = Field(min_length=1)
    """Words inside the quotation (whitespace and case do not matter)."""
    entity: str
    """Id or name of the speaker; ``""`` for no speaker."""
    article: str | None = None
    """Only quotations of this article (id)."""

    def describe(self) -> str:
        who = repr(self.entity) if self.entity else "no speaker"
        where = f" in {self.article}" if self.article else ""
        return f"speaker of {_short(self.quote)!r}{where}: {who}"


class NotQuote(_Record):
    """Quotation marks or reported speech that is not a quotation."""

    quote: str = Field(min_length=1)
    """Words inside the quotation (whitespace and case do not matter)."""
    article: str | None = None
    """Only quotations of this article (id)."""

    def describe(self) -> str:
        where = f" in {self.article}" if self.article else ""
        return f"not a quotation: {_short(self.quote)!r}{where}"


Correction = Merge | Split | Tag | Untag | Relabel | Speaker | NotQuote
"""Any one correction."""

TABLES: dict[str, type[_Record]] = {
    "merge": Merge,
    "split": Split,
    "tag": Tag,
    "untag": Untag,
    "relabel": Relabel,
    "speaker": Speaker,
    "not_quote": NotQuote,
}
"""TOML table name -> record class, in the order the tables are documented."""


def table_of(correction: Correction) -> str:
    """The ``[[table]]`` a correction is written under."""
    for name, cls in TABLES.items():
        if type(correction) is cls:
            return name
    raise TypeError(f"not a correction: {correction!r}")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Corrections(BaseModel):
    """Every correction of one file, in file order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    records: tuple[Correction, ...] = ()
    """The corrections in the order the file lists them."""

    def items(self) -> list[Correction]:
        """All corrections in file order (each has a one-line ``describe()``)."""
        return list(self.records)

    def of(self, cls: type[_Record]) -> tuple:
        """The corrections of one kind, in file order."""
        return tuple(record for record in self.records if type(record) is cls)

    @property
    def merge(self) -> tuple[Merge, ...]:
        return self.of(Merge)

    @property
    def split(self) -> tuple[Split, ...]:
        return self.of(Split)

    @property
    def tag(self) -> tuple[Tag, ...]:
        return self.of(Tag)

    @property
    def untag(self) -> tuple[Untag, ...]:
        return self.of(Untag)

    @property
    def relabel(self) -> tuple[Relabel, ...]:
        return self.of(Relabel)

    @property
    def speaker(self) -> tuple[Speaker, ...]:
        return self.of(Speaker)

    @property
    def not_quote(self) -> tuple[NotQuote, ...]:
        return self.of(NotQuote)

    def __len__(self) -> int:
        return len(self.records)

    def with_added(self, correction: Correction) -> Corrections:
        return Corrections(records=(*self.records, correction))

    def without(self, correction: Correction) -> Corrections:
        """A copy without the first record equal to ``correction`` (the same if there is none)."""
        records = list(self.records)
        for number, record in enumerate(records):
            if type(record) is type(correction) and record == correction:
                del records[number]
                break
        return Corrections(records=tuple(records))

    def overrides(self):  # -> core.overrides.EntityOverrides (imported here: it imports this module)
        """The corrections that act on linking: merges, splits, relabels; untags and speakers also act there."""
        from core.overrides import EntityOverrides

        return EntityOverrides(merge=self.merge, split=self.split, relabel=self.relabel, untag=self.untag,
                               speaker=self.speaker)  # fmt: skip

    def key(self) -> str:
        """A stable text of every correction, for cache keys."""
        return "\n".join(f"{table_of(r)} {r.model_dump_json()}" for r in self.records)
