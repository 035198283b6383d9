"""What a view shows: filters, selection, compare marks. Shared by reader and export.

The reader renders a :class:`ViewState`; ``e`` in the reader and
``newslens export`` hand the same state to the exporter, so an export shows
exactly what the reader showed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core.models import LABELS, AnnotatedArticle, Label, Mention, Quote
from core.themes import DEFAULT_THEME

Visibility = Literal["shown", "dimmed", "hidden"]
Mark = Literal["shared", "only"]
QUOTE_SIMILARITY = 50
"""rapidfuzz token-set ratio above which two quotations of one speaker count as the same statement."""

#: Non-colour cue of each highlight, so a view reads without colour (reader and export).
CUES: dict[str, tuple[str, ...]] = {
    "PERSON": ("bold",),
    "PLACE": ("underline",),
    "ORG": ("italic", "underline"),
    "WEAPON": ("bold", "underline"),
    "WEAPON generic": ("italic",),
}


def cue_key(label: str, kind: str | None) -> str:
    """``WEAPON generic`` for generic weapons, else the label."""
    return "WEAPON generic" if label == "WEAPON" and kind == "generic" else label


class ViewState(BaseModel):
    """Everything that decides how articles are highlighted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    articles: tuple[str, ...] = ()
    """Ids of the articles shown (the reader's two panes)."""
    labels: frozenset[Label] = Field(default_factory=lambda: frozenset(LABELS))
    """Entity types highlighted."""
    show_generic: bool = True
    """Highlight generic weapon words (Raketen, Drohnen)."""
    show_quotes: bool = True
    """Tint quotations (and show their speakers, if ``show_speakers``)."""
    show_speakers: bool = True
    """Show a speaker tag (``◂Donald Trump``) at the end of each direct quotation's sentence."""
    hidden: frozenset[str] = frozenset()
    """Entities unticked in the entity checklist."""
    selected: str | None = None
    """Id of the selected entity, emphasised everywhere."""
    only_selected: bool = False
    """Highlight only the selected entity."""
    dim: bool = True
    """Filtered-out mentions are dimmed (True) or shown as plain text (False)."""
    compare: bool = False
    """Mark entities and quotations as shared by both articles or only in one."""
    theme: str = DEFAULT_THEME
    """Theme name."""

    def visibility(self, mention: Mention) -> Visibility:
        """How a mention is shown under the current filters."""
        wanted = mention.label in self.labels and (self.show_generic or mention.kind != "generic")
        wanted = wanted and mention.entity not in self.hidden
        if self.only_selected and self.selected is not None:
            wanted = wanted and mention.entity == self.selected
        if wanted:
            return "shown"
        return "dimmed" if self.dim else "hidden"

    def paints_like(self, other: ViewState) -> bool:
        """Whether an article is highlighted alike under both states (which may show other
        articles in the panes, or another theme: neither changes an article's highlights)."""
        return all(getattr(self, name) == getattr(other, name) for name in PAINTED_FIELDS)


PAINTED_FIELDS = tuple(name for name in ViewState.model_fields if name not in ("articles", "theme"))
"""The fields of a :class:`ViewState` that decide how one article is highlighted."""


@dataclass(frozen=True)
class Comparison:
    """What two articles share, and what only one of them has."""

    shared_entities: frozenset[str]
    only_first: frozenset[str]
    only_second: frozenset[str]
    first_quotes: tuple[Mark, ...]
    """Mark of each quotation of the first article (speech only; non-speech are ``only``)."""
    second_quotes: tuple[Mark, ...]

    def entity_mark(self, entity: str | None) -> Mark | None:
        if entity is None:
            return None
        return "shared" if entity in self.shared_entities else "only"

    def marks(self, side: int) -> Marks:
        """The marks of the first (``side`` 0) or the second article."""
        own = self.only_first if side == 0 else self.only_second
        entities: dict[str, Mark] = dict.fromkeys(self.shared_entities, "shared")
        entities.update(dict.fromkeys(own, "only"))
        return Marks(entities, self.first_quotes if side == 0 else self.second_quotes)


@dataclass(frozen=True)
class Marks:
    """Compare mode: how one article's entities and quotations relate to the other article's."""

    entities: Mapping[str, Mark] = field(default_factory=dict)
    """Entity id -> ``shared`` (both articles mention it) or ``only`` (this one does)."""
    quotes: tuple[Mark, ...] = ()
    """Mark of each quotation of the article, by index."""


def _entities(article: AnnotatedArticle) -> frozenset[str]:
    return frozenset(m.entity for m in article.mentions if m.entity and m.kind != "generic")


def _same_statement(quote: Quote, others: Sequence[Quote]) -> bool:
    from rapidfuzz import fuzz

    return any(
        other.speech
        and quote.speaker_entity is not None
        and other.speaker_entity == quote.speaker_entity
        and fuzz.token_set_ratio(quote.text, other.text) >= QUOTE_SIMILARITY
        for other in others
    )


def compare(first: AnnotatedArticle, second: AnnotatedArticle) -> Comparison:
    """Shared and unique entities and quotations of two articles."""
    a, b = _entities(first), _entities(second)
    marks_a = tuple("shared" if q.speech and _same_statement(q, second.quotes) else "only" for q in first.quotes)
    marks_b = tuple("shared" if q.speech and _same_statement(q, first.quotes) else "only" for q in second.quotes)
    return Comparison(a & b, a - b, b - a, marks_a, marks_b)
