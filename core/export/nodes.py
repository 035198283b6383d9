"""The records the template renders: paragraphs > quotation pieces > mentions > text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MentionNode:
    """One rendered mention: exactly one element."""

    text: str
    id: str
    label: str
    classes: str
    title: str
    entity: str | None
    href: str | None
    kind: str = "mention"


@dataclass(frozen=True)
class TagNode:
    """A speaker tag: an empty element whose name CSS shows (``::after``), so it is not in the text."""

    speaker: str
    kind: str = "tag"


@dataclass(frozen=True)
class QuoteNode:
    """A piece of a quotation (a quotation split by a paragraph or a nested one has several)."""

    children: tuple[str | MentionNode | TagNode, ...]
    id: str | None
    classes: str
    title: str
    kind: str = "quote"


@dataclass(frozen=True)
class ParagraphNode:
    """One paragraph of the text, or the gap between two (its line breaks fold away in CSS)."""

    children: tuple[str | MentionNode | QuoteNode | TagNode, ...]
    role: str
    """``headline`` (the first paragraph, the title), ``paragraph`` or ``gap``."""
    kind: str = "paragraph"
