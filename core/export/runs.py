"""Cut an article's text into runs and nest them: paragraph > quotation > mention.

The text is cut at every paragraph, quotation and mention boundary
(:func:`_cells`); :func:`build_nodes` groups the runs into the
:mod:`core.export.nodes` records the template renders.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from core.export.keys import type_class
from core.export.nodes import MentionNode, ParagraphNode, QuoteNode
from core.models import AnnotatedArticle, Entity, Mention, Quote
from core.view import CUES, Comparison, Mark, ViewState, cue_key

Span = tuple[int, int]


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    paragraph: int | None
    quote: int | None
    mention: int | None


def rendered_mentions(article: AnnotatedArticle, view: ViewState) -> dict[int, Mention]:
    """Mentions that become elements (shown or dimmed), by index; overlapping ones stay plain text."""
    kept: dict[int, Mention] = {}
    end = 0
    for number, mention in sorted(enumerate(article.mentions), key=lambda item: item[1].start):
        if view.visibility(mention) != "hidden" and mention.start >= end and mention.end > mention.start:
            kept[number] = mention
            end = mention.end
    return kept


def _cells(text: str, paragraphs: Sequence[Span], quotes: dict[int, Span], mentions: dict[int, Mention]) -> list[_Cell]:
    """Runs of text with one paragraph, one quotation (the innermost) and one mention each.

    A mention is never split: the runs inside it take the paragraph and
    quotation of its first character (a boundary inside a mention moves to
    the mention's edge; no text is lost).
    """
    length = len(text)
    spans = [(0, length), *paragraphs, *quotes.values(), *((m.start, m.end) for m in mentions.values())]
    cuts = sorted({min(max(p, 0), length) for span in spans for p in span})
    paragraph_starts = [start for start, _ in paragraphs]
    ordered = sorted(mentions.items(), key=lambda item: item[1].start)
    mention_starts = [m.start for _, m in ordered]
    waiting = sorted(quotes.items(), key=lambda item: item[1][0], reverse=True)
    active: dict[int, Span] = {}
    cells: list[_Cell] = []
    for start, end in pairwise(cuts):
        number = bisect_right(paragraph_starts, start) - 1
        paragraph = number if number >= 0 and start < paragraphs[number][1] else None
        while waiting and waiting[-1][1][0] <= start:
            number, span = waiting.pop()
            active[number] = span
        active = {n: span for n, span in active.items() if span[1] > start}
        quote = min(active, key=lambda n: (active[n][1] - active[n][0], n)) if active else None
        number = bisect_right(mention_starts, start) - 1
        mention = ordered[number][0] if number >= 0 and start < ordered[number][1].end else None
        if mention is not None and cells and cells[-1].mention == mention:
            paragraph, quote = cells[-1].paragraph, cells[-1].quote
        cells.append(_Cell(start, end, paragraph, quote, mention))
    return cells


@dataclass
class Context:
    """What the node builder needs besides the article."""

    article: AnnotatedArticle
    view: ViewState
    ids: dict[str, str]
    """Element id of each mention (``m<index>``) and quotation (``q<index>``)."""
    entity_ids: dict[str, str]
    names: dict[str, Entity]
    marks: Comparison | None
    quote_marks: tuple[Mark, ...] | None
    """Compare mode: shared/only mark of each quotation of this article."""


def _mention_node(ctx: Context, number: int, mention: Mention) -> MentionNode:
    key = cue_key(mention.label, mention.kind)
    classes = ["m", f"m-{type_class(key)}", *(f"cue-{cue}" for cue in CUES[key])]
    if ctx.view.visibility(mention) == "dimmed":
        classes.append("dim")
    elif ctx.view.selected is not None and mention.entity == ctx.view.selected:
        classes.append("sel")
    elif ctx.marks is not None and mention.entity and mention.kind != "generic":
        if mention.entity in ctx.marks.shared_entities:
            classes.append("mk-shared")
        elif mention.entity in ctx.marks.only_first | ctx.marks.only_second:
            classes.append("mk-only")
    entity = ctx.names.get(mention.entity or "")
    name = entity.name if entity else mention.text
    href = f"#{ctx.entity_ids[mention.entity]}" if mention.entity in ctx.entity_ids else None
    return MentionNode(
        mention.text, ctx.ids[f"m{number}"], mention.label, " ".join(classes), f"{key} · {name}", mention.entity, href
    )


def speaker_name(quote: Quote, names: dict[str, Entity]) -> str | None:
    """The speaker's entity name, else the speaker as the text names them (``None`` when unknown)."""
    entity = names.get(quote.speaker_entity or "")
    return entity.name if entity else quote.speaker


def quote_mark(ctx: Context, number: int) -> str:
    """``q-shared`` or ``q-only`` in compare mode, else empty."""
    marks = ctx.quote_marks
    return f"q-{marks[number]}" if marks is not None and number < len(marks) else ""


def _quote_node(
    ctx: Context, number: int, children: Iterable[str | MentionNode], first_piece: bool, last_piece: bool
) -> QuoteNode:
    quote = ctx.article.quotes[number]
    classes = ["q"] if quote.speech else ["q", "scare"]
    if quote.speech and (mark := quote_mark(ctx, number)):
        classes.append(mark)
    if quote.speech:
        title = " · ".join(part for part in ("quotation", speaker_name(quote, ctx.names), quote.cue) if part)
    else:
        title = "title or scare quote"
    label = (
        speaker_name(quote, ctx.names)
        if last_piece and quote.speech and quote.kind == "direct" and quote.speaker
        else None
    )
    return QuoteNode(tuple(children), ctx.ids[f"q{number}"] if first_piece else None, " ".join(classes), title, label)


def build_nodes(ctx: Context, mentions: dict[int, Mention]) -> tuple[list[ParagraphNode], set[int]]:
    """The article text as paragraphs (and gaps) > quotation pieces > mentions > text.

    Also returns the quotations whose first piece carries their id (a quotation
    hidden under a shorter one, or empty, has none: links go to the text).
    """
    text = ctx.article.text
    quotes: dict[int, Span] = {}
    if ctx.view.show_quotes:
        quotes = {n: (q.start, q.end) for n, q in enumerate(ctx.article.quotes) if q.end > q.start}
    cells = _cells(text, list(ctx.article.paragraphs), quotes, mentions)
    first_cell = {c.quote: i for i, c in reversed(list(enumerate(cells)))}
    last_cell = {c.quote: i for i, c in enumerate(cells)}
    indexed = list(enumerate(cells))

    def leaves(group: Iterable[tuple[int, _Cell]]) -> Iterator[str | MentionNode]:
        for number, run in groupby(group, key=lambda item: item[1].mention):
            run = list(run)
            piece = text[run[0][1].start : run[-1][1].end]
            yield piece if number is None else _mention_node(ctx, number, mentions[number])

    def quoted(group: Iterable[tuple[int, _Cell]]) -> Iterator[str | MentionNode | QuoteNode]:
        for number, run in groupby(group, key=lambda item: item[1].quote):
            run = list(run)
            if number is None:
                yield from leaves(run)
                continue
            first, last = run[0][0] == first_cell[number], run[-1][0] == last_cell[number]
            yield _quote_node(ctx, number, leaves(run), first, last)

    nodes = [
        ParagraphNode(tuple(quoted(group)), "gap" if number is None else "headline" if number == 0 else "paragraph")
        for number, group in groupby(indexed, key=lambda item: item[1].paragraph)
    ]
    return nodes, {number for number in first_cell if number is not None}
