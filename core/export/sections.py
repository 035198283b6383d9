"""The parts of the page around the texts: article panes, legend, index, quotations, differences."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.export.keys import TYPE_KEYS, split_key, type_class
from core.export.nodes import ParagraphNode
from core.export.runs import Context, quote_mark
from core.models import AnnotatedArticle, Entity, Mention
from core.speaker_tags import speaker_name
from core.view import CUES, Comparison, Mark, ViewState, cue_key

QUOTE_EXCERPT = 160
"""Characters of a quotation shown in the quotations list."""


@dataclass(frozen=True)
class ArticleSection:
    """One article pane."""

    letter: str
    id: str
    text_id: str
    title: str
    name: str
    """File name (and record number) the article came from."""
    nodes: tuple[ParagraphNode, ...]
    shown: int
    show_title: bool
    """Show the title above the text (when the text's first paragraph is not the title)."""


@dataclass
class IndexEntry:
    """One entity in the index, with links to its rendered mentions per article."""

    id: str
    entity: str
    name: str
    key: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    links: list[tuple[str, list[str]]] = field(default_factory=list)
    """``(article letter, [mention element ids])``."""
    count: int = 0
    dim: bool = True
    selected: bool = False


@dataclass(frozen=True)
class QuoteRow:
    """A line of the quotations list."""

    speaker: str
    speaker_href: str | None
    excerpt: str
    full: str
    """The whole quotation (tooltip)."""
    letter: str
    article: str
    href: str
    """Link to the quotation in the text (or to the text when it has no element of its own)."""
    classes: str


def article_letter(number: int) -> str:
    """``A``, ``B`` … for the first 26 articles, then the article's number (``27``)."""
    return chr(ord("A") + number) if number < 26 else str(number + 1)


def _excerpt(text: str, limit: int = QUOTE_EXCERPT) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:–-") + " …"


def entity_index(
    rendered: list[dict[int, Mention]],
    element_ids: list[dict[str, str]],
    entity_ids: dict[str, str],
    names: dict[str, Entity],
    view: ViewState,
) -> dict[str, list[IndexEntry]]:
    """Index entries by type key, most mentioned first, each with links to its mentions."""
    entries: dict[str, IndexEntry] = {}
    for number, mentions in enumerate(rendered):
        for n, mention in sorted(mentions.items(), key=lambda item: item[1].start):
            if mention.entity is None:
                continue
            entry = entries.get(mention.entity)
            if entry is None:
                known = names.get(mention.entity)
                key = cue_key(known.label, known.kind) if known else cue_key(mention.label, mention.kind)
                entry = entries[mention.entity] = IndexEntry(
                    entity_ids[mention.entity],
                    mention.entity,
                    known.name if known else mention.text,
                    key,
                    known.aliases if known else (),
                    known.roles if known else (),
                    selected=mention.entity == view.selected,
                )
            if not entry.links or entry.links[-1][0] != article_letter(number):
                entry.links.append((article_letter(number), []))
            entry.links[-1][1].append(element_ids[number][f"m{n}"])
            entry.count += 1
            entry.dim = entry.dim and view.visibility(mention) != "shown"
    grouped: dict[str, list[IndexEntry]] = {}
    for entry in sorted(entries.values(), key=lambda e: (-e.count, e.name.casefold())):
        grouped.setdefault(entry.key, []).append(entry)
    return grouped


def legend_rows(
    rendered: list[dict[int, Mention]], view: ViewState
) -> list[tuple[str, str, tuple[str, ...], int, str]]:
    """``(type key, css class, cues, shown mentions, shown|dimmed|hidden)`` per type."""
    counts = Counter(
        cue_key(m.label, m.kind) for mentions in rendered for m in mentions.values() if view.visibility(m) == "shown"
    )
    return [(key, type_class(key), CUES[key], counts[key], _type_state(key, view)) for key in TYPE_KEYS]


def _type_state(key: str, view: ViewState) -> str:
    label, kind = split_key(key)
    if label in view.labels and (view.show_generic or kind != "generic"):
        return "shown"
    return "dimmed" if view.dim else "hidden"


def quotation_rows(ctx: Context, letter: str, anchors: dict[int, str]) -> list[QuoteRow]:
    """The speech quotations of one article (titles and scare quotes are left out)."""
    rows = []
    for number, quote in enumerate(ctx.article.quotes):
        if not quote.speech:
            continue
        speaker_id = ctx.entity_ids.get(quote.speaker_entity or "")
        rows.append(
            QuoteRow(
                speaker=speaker_name(quote, ctx.names) or "—",
                speaker_href=f"#{speaker_id}" if speaker_id else None,
                excerpt=_excerpt(quote.text),
                full=quote.text,
                letter=letter,
                article=ctx.article.title,
                href=anchors[number],
                classes=quote_mark(ctx, number),
            )
        )
    return rows


def differences(
    marks: Comparison | None,
    chosen: list[AnnotatedArticle],
    names: dict[str, Entity],
    entity_ids: dict[str, str],
    anchors: list[dict[int, str]] | None,
) -> dict | None:
    """Entities only in A, in both, only in B; quotations only in A or B (compare mode)."""
    if marks is None:
        return None

    def listed(group: frozenset[str]) -> list[tuple[str, str, str | None]]:
        items = []
        for entity_id in group:
            known = names.get(entity_id)
            key = cue_key(known.label, known.kind) if known else "PERSON"
            href = f"#{entity_ids[entity_id]}" if entity_id in entity_ids else None
            items.append((TYPE_KEYS.index(key), known.name if known else entity_id, type_class(key), href))
        return [item[1:] for item in sorted(items, key=lambda item: (item[0], item[1].casefold()))]

    def quotes(number: int, article_marks: tuple[Mark, ...]) -> list[tuple[str, str | None]]:
        return [
            (_excerpt(q.text, 100), anchors[number][n] if anchors else None)
            for n, (q, mark) in enumerate(zip(chosen[number].quotes, article_marks, strict=False))
            if q.speech and mark == "only"
        ]

    return {
        "only_first": listed(marks.only_first),
        "shared": listed(marks.shared_entities),
        "only_second": listed(marks.only_second),
        "quotes_first": quotes(0, marks.first_quotes),
        "quotes_second": quotes(1, marks.second_quotes),
    }
