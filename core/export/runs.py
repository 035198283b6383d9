"""Nest a painted article into the records the template renders: paragraph > quotation > mention.

What is highlighted, and how, is decided by :func:`core.highlight.paint`, the
model the reader draws too; this module only groups its runs into elements
and turns its highlight classes into the page's CSS classes
(:func:`mention_css`, :func:`quote_css`). Speaker tags become empty elements
at the painting's tag offsets, shown by CSS, so the text's ``textContent``
stays the article text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from core.export.nodes import MentionNode, ParagraphNode, QuoteNode, TagNode
from core.highlight import TYPE_CLASS, Painting, Run
from core.models import AnnotatedArticle, Entity
from core.speaker_tags import speaker_name
from core.view import CUES, Mark, cue_key

_MENTION_MARKS = {"dim": "dim", "selected": "sel", "shared": "mk-shared", "only": "mk-only"}
_QUOTE_MARKS = {"quote-shared": "q-shared", "quote-only": "q-only"}


@dataclass
class Context:
    """What the node builder needs besides the painting."""

    article: AnnotatedArticle
    ids: dict[str, str]
    """Element id of each mention (``m<index>``) and quotation (``q<index>``)."""
    entity_ids: dict[str, str]
    entities: dict[str, Entity]
    names: dict[str, str]
    """Entity id -> name (speakers are shown as the person they resolve to)."""
    quote_marks: tuple[Mark, ...] | None
    """Compare mode: shared/only mark of each quotation of this article."""


def mention_css(classes: tuple[str, ...], key: str) -> str:
    """The CSS classes of a mention element from its highlight classes."""
    css = ["m", f"m-{TYPE_CLASS[key]}", *(f"cue-{cue}" for cue in CUES[key])]
    return " ".join(css + [_MENTION_MARKS[name] for name in classes if name in _MENTION_MARKS])


def quote_css(classes: tuple[str, ...]) -> str:
    """The CSS classes of a quotation element: ``q``, then ``speech`` or ``scare``, then its mark."""
    css = ["q", "speech" if "quote" in classes else "scare"]
    return " ".join(css + [_QUOTE_MARKS[name] for name in classes if name in _QUOTE_MARKS])


def quote_mark(ctx: Context, number: int) -> str:
    """``q-shared`` or ``q-only`` in compare mode, else empty (the quotations list)."""
    marks = ctx.quote_marks
    return f"q-{marks[number]}" if marks is not None and number < len(marks) else ""


def _mention_node(ctx: Context, number: int, run: Run) -> MentionNode:
    mention = ctx.article.mentions[number]
    key = cue_key(mention.label, mention.kind)
    entity = ctx.entities.get(mention.entity or "")
    name = entity.name if entity else mention.text
    href = f"#{ctx.entity_ids[mention.entity]}" if mention.entity in ctx.entity_ids else None
    return MentionNode(
        mention.text, ctx.ids[f"m{number}"], mention.label, mention_css(run.classes, key), f"{key} · {name}",
        mention.entity, href,
    )  # fmt: skip


def _quote_title(ctx: Context, number: int) -> str:
    quote = ctx.article.quotes[number]
    if not quote.speech:
        return "title or scare quote"
    return " · ".join(part for part in ("quotation", speaker_name(quote, ctx.names), quote.cue) if part)


def build_nodes(ctx: Context, painting: Painting) -> tuple[list[ParagraphNode], set[int]]:
    """The article text as paragraphs (and gaps) > quotation pieces > mentions > text, with tags.

    A tag goes after the element that ends at its offset, outside a quotation that ends
    there (as the reader shows it: the tag is not tinted). Also returns the quotations
    whose first piece carries their id (a quotation hidden under a shorter one, or
    empty, has none: links go to the text).
    """
    text = ctx.article.text
    runs = painting.runs
    tags_at: dict[int, list[str]] = {}
    for tag in painting.tags:
        tags_at.setdefault(tag.offset, []).append(tag.text)
    first_run = {run.quote: i for i, run in reversed(list(enumerate(runs)))}

    def tags(offset: int) -> Iterator[TagNode]:
        for name in tags_at.pop(offset, ()):
            yield TagNode(name)

    def leaves(group: list[Run], keep: int | None = None) -> Iterator[str | MentionNode | TagNode]:
        """Mentions and text of ``group``; tags at ``keep`` are left to the caller."""
        for number, pieces in groupby(group, key=lambda run: run.mention):
            pieces = list(pieces)
            if number is None:
                for run in pieces:
                    yield text[run.start : run.end]
                    if run.end != keep:
                        yield from tags(run.end)
                continue
            yield _mention_node(ctx, number, pieces[0])
            if pieces[-1].end != keep:
                yield from tags(pieces[-1].end)

    def quoted(group: list[Run]) -> Iterator[str | MentionNode | QuoteNode | TagNode]:
        for number, pieces in groupby(group, key=lambda run: run.quote):
            pieces = list(pieces)
            if number is None:
                yield from leaves(pieces)
                continue
            anchor = ctx.ids[f"q{number}"] if runs[first_run[number]] is pieces[0] else None
            children = tuple(leaves(pieces, keep=pieces[-1].end))
            yield QuoteNode(children, anchor, quote_css(pieces[0].classes), _quote_title(ctx, number))
            yield from tags(pieces[-1].end)

    roles = {None: "gap", 0: "headline"}
    nodes = [
        ParagraphNode(tuple(quoted(list(group))), roles.get(number, "paragraph"))
        for number, group in groupby(runs, key=lambda run: run.paragraph)
    ]
    return nodes, {number for number in first_run if number is not None}
