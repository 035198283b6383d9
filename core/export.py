"""Export a view to one self-contained HTML file, or to displaCy's manual JSON format.

Records in, string out: :func:`render_html` and :func:`render_displacy` do no
I/O (the CLI writes with :func:`core.atomic.atomic_write`). The HTML shows
exactly what the reader shows for the same :class:`~core.view.ViewState`:
hidden mentions are plain text, dimmed ones carry a ``dim`` class, the selected
entity is emphasised, compare marks shared and unique entities and quotations.

The article text is cut into runs at every paragraph, quotation and mention
boundary (:func:`_cells`), the runs are nested paragraph > quotation > mention
(:func:`_nodes`), and a Jinja2 template with autoescaping turns the nodes into
HTML. Every value reaches the page through the template, escaped; ids are
sanitised to ``[A-Za-z0-9_-]``; theme colours are validated ``#rrggbb``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby, pairwise
from pathlib import Path, PurePath

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from core import __version__
from core.errors import ExportError
from core.models import AnnotatedArticle, Entity, Mention, Quote
from core.themes import ThemeSpec
from core.view import CUES, Comparison, Mark, ViewState, compare, cue_key

TYPE_KEYS: tuple[str, ...] = tuple(CUES)
"""Legend and index groups: the four labels plus generic weapons (``WEAPON generic``)."""
QUOTE_EXCERPT = 160
"""Characters of a quotation shown in the quotations list."""
MIN_CONTRAST = 4.5
"""WCAG AA contrast of highlighted text on its background; below it the text takes the body colour."""
_TEMPLATES = Path(__file__).resolve().parent / "templates"
Span = tuple[int, int]
_HEX = re.compile(r"^#[0-9a-f]{6}$")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


# -- ids -------------------------------------------------------------------


def slug(value: str, limit: int = 48) -> str:
    """``value`` reduced to ``[A-Za-z0-9_-]`` (umlauts transliterated), never empty."""
    ascii_text = unicodedata.normalize("NFKD", value.translate(_GERMAN)).encode("ascii", "ignore").decode()
    return _UNSAFE_ID.sub("-", ascii_text).strip("-")[:limit].strip("-") or "x"


class IdMaker:
    """Hands out unique, sanitised HTML ids (``e-person-selenskyj``, then ``…-2`` on a clash)."""

    def __init__(self, reserved: Sequence[str] = ()) -> None:
        self._taken: set[str] = set(reserved)
        self._clashes: Counter[str] = Counter()

    def make(self, prefix: str, raw: str) -> str:
        """A fresh id ``<prefix>-<slug(raw)>``."""
        base = candidate = f"{prefix}-{slug(raw)}"
        while candidate in self._taken:
            self._clashes[base] += 1
            candidate = f"{base}-{self._clashes[base] + 1}"
        self._taken.add(candidate)
        return candidate


# -- colours ----------------------------------------------------------------


def _checked(colour: str) -> str:
    if not _HEX.match(colour):
        raise ExportError(f"theme colour {colour!r} is not a #rrggbb colour")
    return colour


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    low, high = sorted((_luminance(first), _luminance(second)))
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, background: str, fallback: str) -> str:
    """``colour`` if it reads on ``background``, else ``fallback``, else black or white."""
    for candidate in (colour, fallback):
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return max(("#000000", "#ffffff"), key=lambda c: contrast(c, background))


def _mix(first: str, second: str, share: float) -> str:
    channels = (round(int(first[i : i + 2], 16) * share + int(second[i : i + 2], 16) * (1 - share)) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in channels)


def type_class(key: str) -> str:
    """CSS class suffix of a type key: ``person`` … ``weapon-generic`` (as in the reader)."""
    return key.lower().replace(" ", "-")


@dataclass(frozen=True)
class Palette:
    """The theme as CSS custom properties, plus per-type text colours that stay readable."""

    variables: tuple[tuple[str, str], ...]
    inks: tuple[tuple[str, dict[str, str]], ...]
    """``(type class, {background: text colour})`` for surface, panel, quote, shared, only, selected."""
    bars: frozenset[tuple[str, str]]
    """``(type class, background)`` where the text lost its type colour: a bar in that colour marks it."""


def palette(theme: ThemeSpec) -> Palette:
    """Custom properties named like the reader's theme variables (``--entity-person`` …)."""
    base = {name: _checked(value) for name, value in theme.colors.model_dump().items()}
    lights = {name: _checked(value) for name, value in theme.highlights.model_dump().items()}
    variables = [(name, value) for name, value in base.items()]
    variables += [(f"entity-{name.replace('_', '-')}", value) for name, value in lights.items()]
    variables.append(("dim", _mix(base["foreground"], base["surface"], 0.5)))
    backgrounds = {key: lights[key] for key in ("quote", "shared", "only", "selected")}
    backgrounds |= {"surface": base["surface"], "panel": base["panel"]}
    inks, bars = [], set()
    for key in TYPE_KEYS:
        colour = theme.label_colour(*_split(key))
        ink = {where: readable(colour, bg, base["foreground"]) for where, bg in backgrounds.items()}
        inks.append((type_class(key), ink))
        bars |= {(type_class(key), where) for where, value in ink.items() if value != colour}
    return Palette(tuple(variables), tuple(inks), frozenset(bars))


def _split(key: str) -> tuple[str, str | None]:
    return ("WEAPON", "generic") if key == "WEAPON generic" else (key, None)


# -- nodes the template renders ---------------------------------------------


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
class QuoteNode:
    """A piece of a quotation (a quotation split by a paragraph or a nested one has several)."""

    children: tuple[str | MentionNode, ...]
    id: str | None
    classes: str
    title: str
    speaker: str | None
    """Shown after the last piece (CSS ``::after``), never inside the text."""
    kind: str = "quote"


@dataclass(frozen=True)
class ParagraphNode:
    """One paragraph of the text, or the gap between two (its line breaks fold away in CSS)."""

    children: tuple[str | MentionNode | QuoteNode, ...]
    role: str
    """``headline`` (the first paragraph, the title), ``paragraph`` or ``gap``."""
    kind: str = "paragraph"


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    paragraph: int | None
    quote: int | None
    mention: int | None


def _rendered(article: AnnotatedArticle, view: ViewState) -> dict[int, Mention]:
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
class _Context:
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


def _mention_node(ctx: _Context, number: int, mention: Mention) -> MentionNode:
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


def _speaker_name(quote: Quote, names: dict[str, Entity]) -> str | None:
    entity = names.get(quote.speaker_entity or "")
    return entity.name if entity else quote.speaker


def _quote_mark(ctx: _Context, number: int) -> str:
    """``q-shared`` or ``q-only`` in compare mode, else empty."""
    marks = ctx.quote_marks
    return f"q-{marks[number]}" if marks is not None and number < len(marks) else ""


def _quote_node(
    ctx: _Context, number: int, children: Iterable[str | MentionNode], first_piece: bool, last_piece: bool
) -> QuoteNode:
    quote = ctx.article.quotes[number]
    classes = ["q"] if quote.speech else ["q", "scare"]
    if quote.speech and (mark := _quote_mark(ctx, number)):
        classes.append(mark)
    if quote.speech:
        title = " · ".join(part for part in ("quotation", _speaker_name(quote, ctx.names), quote.cue) if part)
    else:
        title = "title or scare quote"
    label = quote.speaker if last_piece and quote.speech and quote.kind == "direct" and quote.speaker else None
    return QuoteNode(tuple(children), ctx.ids[f"q{number}"] if first_piece else None, " ".join(classes), title, label)


def _nodes(ctx: _Context, mentions: dict[int, Mention]) -> tuple[list[ParagraphNode], set[int]]:
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


# -- page sections -------------------------------------------------------------


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


def _letter(number: int) -> str:
    return chr(ord("A") + number) if number < 26 else str(number + 1)


def _file_name(path: str) -> str:
    """``folder/file.jsonl#3`` -> ``file.jsonl#3``."""
    file, sep, record = path.partition("#")
    return PurePath(file).name + sep + record


def _excerpt(text: str, limit: int = QUOTE_EXCERPT) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:–-") + " …"


def _select(articles: Sequence[AnnotatedArticle], view: ViewState) -> list[AnnotatedArticle]:
    if not view.articles:
        chosen = list(articles)
    else:
        by_id = {article.id: article for article in articles}
        missing = [article_id for article_id in view.articles if article_id not in by_id]
        if missing:
            raise ExportError(f"unknown article id {missing[0]!r} (see 'newslens list')")
        chosen = [by_id[article_id] for article_id in view.articles]
    if not chosen:
        raise ExportError("no articles to export")
    return chosen


def _build_page(articles: Sequence[AnnotatedArticle], entities: Sequence[Entity], view: ViewState) -> dict:
    """Everything the template shows, as plain values."""
    chosen = _select(articles, view)
    names = {entity.id: entity for entity in entities}
    ids = IdMaker(reserved=("top", "legend", "differences", "articles", "quotations", "index"))
    marks = compare(chosen[0], chosen[1]) if view.compare and len(chosen) == 2 else None
    rendered = [_rendered(article, view) for article in chosen]
    entity_ids: dict[str, str] = {}
    for mentions in rendered:
        for mention in mentions.values():
            if mention.entity and mention.entity not in entity_ids:
                entity_ids[mention.entity] = ids.make("e", mention.entity)
    sections, quote_rows, element_ids, anchors = [], [], [], []
    for number, (article, mentions) in enumerate(zip(chosen, rendered, strict=True)):
        letter, base = _letter(number), slug(article.id)
        section_id, text_id = ids.make("a", article.id), ids.make("t", article.id)
        own = {f"m{n}": ids.make("m", f"{base}-{n}") for n in mentions}
        own |= {f"q{n}": ids.make("q", f"{base}-{n}") for n in range(len(article.quotes))}
        quote_marks = None if marks is None else (marks.first_quotes, marks.second_quotes)[number]
        ctx = _Context(article, view, own, entity_ids, names, marks, quote_marks)
        nodes, anchored = _nodes(ctx, mentions)
        element_ids.append(own)
        anchors.append({n: f"#{own[f'q{n}'] if n in anchored else text_id}" for n in range(len(article.quotes))})
        first_line = article.text[slice(*article.paragraphs[0])].strip() if article.paragraphs else ""
        shown = sum(view.visibility(m) == "shown" for m in mentions.values())
        sections.append(
            ArticleSection(
                letter=letter,
                id=section_id,
                text_id=text_id,
                title=article.title,
                name=_file_name(article.path),
                nodes=tuple(nodes),
                shown=shown,
                show_title=first_line != article.title.strip(),
            )
        )
        if view.show_quotes:
            quote_rows += _quote_rows(ctx, letter, anchors[-1])
    index = _index(rendered, element_ids, entity_ids, names, view)
    return {
        "sections": sections,
        "legend": _legend(rendered, view),
        "groups": [(key, type_class(key), entries) for key in TYPE_KEYS if (entries := index.get(key))],
        "quotes": quote_rows,
        "differences": _differences(marks, chosen, names, entity_ids, anchors if view.show_quotes else None),
        "selected": names[view.selected].name if view.selected in names else view.selected,
    }


def _index(
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
            if not entry.links or entry.links[-1][0] != _letter(number):
                entry.links.append((_letter(number), []))
            entry.links[-1][1].append(element_ids[number][f"m{n}"])
            entry.count += 1
            entry.dim = entry.dim and view.visibility(mention) != "shown"
    grouped: dict[str, list[IndexEntry]] = {}
    for entry in sorted(entries.values(), key=lambda e: (-e.count, e.name.casefold())):
        grouped.setdefault(entry.key, []).append(entry)
    return grouped


def _legend(rendered: list[dict[int, Mention]], view: ViewState) -> list[tuple[str, str, tuple[str, ...], int, str]]:
    """``(type key, css class, cues, shown mentions, shown|dimmed|hidden)`` per type."""
    counts = Counter(
        cue_key(m.label, m.kind) for mentions in rendered for m in mentions.values() if view.visibility(m) == "shown"
    )
    return [(key, type_class(key), CUES[key], counts[key], _type_state(key, view)) for key in TYPE_KEYS]


def _type_state(key: str, view: ViewState) -> str:
    label, kind = _split(key)
    if label in view.labels and (view.show_generic or kind != "generic"):
        return "shown"
    return "dimmed" if view.dim else "hidden"


def _quote_rows(ctx: _Context, letter: str, anchors: dict[int, str]) -> list[QuoteRow]:
    """The speech quotations of one article (titles and scare quotes are left out)."""
    rows = []
    for number, quote in enumerate(ctx.article.quotes):
        if not quote.speech:
            continue
        speaker_id = ctx.entity_ids.get(quote.speaker_entity or "")
        rows.append(
            QuoteRow(
                speaker=_speaker_name(quote, ctx.names) or "—",
                speaker_href=f"#{speaker_id}" if speaker_id else None,
                excerpt=_excerpt(quote.text),
                full=quote.text,
                letter=letter,
                article=ctx.article.title,
                href=anchors[number],
                classes=_quote_mark(ctx, number),
            )
        )
    return rows


def _differences(
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


# -- public API -----------------------------------------------------------------


def _keep_text(value: str) -> Markup:
    """Escape article text; a carriage return becomes ``&#13;`` so the parser keeps it."""
    return Markup(str(escape(value)).replace("\r", "&#13;"))


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["keep_text"] = _keep_text
    return env


def render_html(
    articles: Sequence[AnnotatedArticle],
    entities: Sequence[Entity],
    view: ViewState,
    theme: ThemeSpec,
    *,
    title: str,
) -> str:
    """One self-contained HTML page showing ``articles`` as ``view`` shows them.

    Args:
        articles: The corpus articles; ``view.articles`` picks and orders them (all when empty).
        entities: The corpus entities (names, aliases and roles for tooltips and the index).
        view: Filters, selection and compare mode, as in the reader.
        theme: Colours; every value must be ``#rrggbb``.
        title: Title of the page.

    Raises:
        ExportError: An article id of ``view`` is not among ``articles``, or a colour is invalid.
    """
    page = _build_page(articles, entities, view)
    return (
        _environment()
        .get_template("export.html.j2")
        .render(
            title=title,
            theme=theme.name,
            dark=theme.dark,
            palette=palette(theme),
            view=view,
            generator=f"newslens {__version__}",
            **page,
        )
    )


def render_displacy(articles: Sequence[AnnotatedArticle], view: ViewState) -> str:
    """The shown mentions in displaCy's manual format: ``[{"text", "ents", "title"}]``.

    ``spacy.displacy.render(json.loads(data), style="ent", manual=True)`` renders it.
    """
    documents = [
        {
            "text": article.text,
            "ents": [
                {"start": m.start, "end": m.end, "label": m.label}
                for m in sorted(_rendered(article, view).values(), key=lambda m: m.start)
                if view.visibility(m) == "shown"
            ],
            "title": article.title,
        }
        for article in _select(articles, view)
    ]
    return json.dumps(documents, ensure_ascii=False, indent=2)
