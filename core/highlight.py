"""One highlight model for the reader and the HTML export.

:func:`paint` decides, once, what an article looks like under a
:class:`~core.view.ViewState`: which mentions are painted (hidden ones are
plain text; of overlapping ones the longer, then the earlier, wins), with
which classes (type, dimmed, selected, compare marks), which quotations are
tinted, and where the speaker tags go. The result, a :class:`Painting`, is
the article text cut into :class:`Run` s — each with its highlight classes,
its paragraph, its innermost quotation and its mention — plus the tags.

The reader styles the runs with component classes of the same names
(``article-view--person`` …); the export nests them into elements and maps
the names to its CSS classes. Neither decides anything of its own, so the
export shows exactly what the reader shows. The reader adds two overlays of
its own, never exported: search matches and the current mention
(:meth:`Painting.pieces`).

To paint the user's corrections, correct the article first, then paint it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from core.models import AnnotatedArticle, Mention
from core.speaker_tags import Tag, speaker_tags
from core.view import CUES, Marks, ViewState, cue_key

CLASSES: tuple[str, ...] = (
    "title", "quote", "scare", "quote-shared", "quote-only",
    "person", "place", "org", "weapon", "weapon-generic",
    "dim", "shared", "only", "selected", "match", "current",
)  # fmt: skip
"""Every highlight class, weakest first: where styles combine, a later class wins."""
OVERLAYS: tuple[str, ...] = ("match", "current")
"""The reader's own classes: search matches and the current mention (not part of a view)."""
TYPE_CLASS: dict[str, str] = {key: key.lower().replace(" ", "-") for key in CUES}
"""Class of each type key: ``PERSON`` -> ``person``, ``WEAPON generic`` -> ``weapon-generic``."""
_RANK = {name: rank for rank, name in enumerate(CLASSES)}

Overlay = tuple[int, int, str]
"""``(start, end, class)`` of a reader overlay."""


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of article text with one set of highlight classes."""

    start: int
    end: int
    classes: tuple[str, ...]
    """Highlight classes in :data:`CLASSES` order (empty for plain text)."""
    paragraph: int | None
    """Index of the paragraph, ``None`` between paragraphs."""
    quote: int | None
    """Index of the innermost shown quotation holding it."""
    mention: int | None
    """Index (in ``article.mentions``) of the painted mention it belongs to."""


def ordered(classes: Iterable[str]) -> tuple[str, ...]:
    """``classes`` without repeats, weakest first."""
    return tuple(sorted(set(classes), key=_RANK.__getitem__))


def painted_mentions(article: AnnotatedArticle, view: ViewState) -> dict[int, Mention]:
    """The mentions painted (shown or dimmed), by index; of overlapping ones the longer, then the earlier."""
    kept: dict[int, Mention] = {}
    end = 0
    for number, mention in sorted(enumerate(article.mentions), key=lambda item: (item[1].start, -item[1].end)):
        if mention.end > mention.start and mention.start >= end and view.visibility(mention) != "hidden":
            kept[number] = mention
            end = mention.end
    return kept


def mention_classes(mention: Mention, view: ViewState, marks: Marks | None) -> tuple[str, ...]:
    """Type class, then ``dim``, ``selected`` or a compare mark (``shared``/``only``)."""
    classes = [TYPE_CLASS[cue_key(mention.label, mention.kind)]]
    if view.visibility(mention) == "dimmed":
        classes.append("dim")
    elif view.selected is not None and mention.entity == view.selected:
        classes.append("selected")
    elif marks is not None and mention.kind != "generic" and (mark := marks.entities.get(mention.entity or "")):
        classes.append(mark)
    return tuple(classes)


def quote_classes(article: AnnotatedArticle, number: int, marks: Marks | None) -> tuple[str, ...]:
    """``quote`` (speech) or ``scare`` (titles, scare quotes), and its compare mark."""
    quote = article.quotes[number]
    if not quote.speech:
        return ("scare",)
    if marks is not None and number < len(marks.quotes):
        return ("quote", f"quote-{marks.quotes[number]}")
    return ("quote",)


class Painting:
    """An article cut into runs with their classes, and its speaker tags."""

    def __init__(self, article: AnnotatedArticle, runs: list[Run], tags: list[Tag], mentions: dict[int, Mention]):
        self.article = article
        self.runs = runs
        self.tags = tags
        self.mentions = mentions
        """The painted mentions by index in ``article.mentions``."""
        self._starts = [run.start for run in runs]

    def run_at(self, offset: int) -> Run | None:
        """The run holding article ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        return self.runs[index] if index >= 0 and offset < self.runs[index].end else None

    def mention_at(self, offset: int) -> Mention | None:
        """The painted mention at ``offset`` (what a click there selects)."""
        run = self.run_at(offset)
        return self.mentions[run.mention] if run is not None and run.mention is not None else None

    def pieces(self, start: int, end: int, overlays: Sequence[Overlay] = ()) -> Iterator[tuple[int, int, tuple]]:
        """``(start, end, classes)`` of ``text[start:end]``, with the reader's ``overlays`` added.

        ``overlays`` must be sorted by start; only those touching the range are looked at.
        """
        index = max(0, bisect_right(self._starts, start) - 1)
        touching = [o for o in overlays[: bisect_left(overlays, (end,))] if o[1] > start]
        while index < len(self.runs) and self.runs[index].start < end:
            run = self.runs[index]
            low, high = max(run.start, start), min(run.end, end)
            if low < high:
                if not touching:
                    yield low, high, run.classes
                else:
                    cuts = sorted({low, high, *(p for o in touching for p in o[:2] if low < p < high)})
                    for a, b in pairwise(cuts):
                        extra = [name for s, e, name in touching if s <= a and e >= b]
                        yield a, b, ordered((*run.classes, *extra)) if extra else run.classes
            index += 1


def paint(
    article: AnnotatedArticle,
    view: ViewState,
    names: Mapping[str, str] | None = None,
    marks: Marks | None = None,
) -> Painting:
    """What ``article`` looks like under ``view``.

    Args:
        article: The article (with the user's corrections applied, if any).
        view: Filters, selection, compare mode, quotations and speaker tags on or off.
        names: Entity id -> name, for speaker tags (a speaker is shown as the person it resolves to).
        marks: Compare marks of this article; used only when ``view.compare`` is on.
    """
    marks = marks if view.compare else None
    length = len(article.text)
    mentions = painted_mentions(article, view)
    quotes = {n: (q.start, q.end) for n, q in enumerate(article.quotes) if q.end > q.start} if view.show_quotes else {}
    tags = speaker_tags(article, names or {}) if view.show_quotes and view.show_speakers else []
    ordered_mentions = sorted(mentions.items(), key=lambda item: item[1].start)
    mention_starts = [m.start for _, m in ordered_mentions]
    tags = [_outside_mentions(tag, ordered_mentions, mention_starts) for tag in tags]
    paragraphs = list(article.paragraphs)
    paragraph_starts = [start for start, _ in paragraphs]
    spans = [(0, length), *paragraphs, *quotes.values(), *((m.start, m.end) for m in mentions.values())]
    cuts = sorted({min(max(p, 0), length) for span in spans for p in span} | {t.offset for t in tags})
    waiting = sorted(quotes.items(), key=lambda item: item[1][0], reverse=True)
    active: dict[int, tuple[int, int]] = {}
    runs: list[Run] = []
    quote_cache: dict[tuple[int, ...], tuple[str, ...]] = {}
    for start, end in pairwise(cuts):
        number = bisect_right(paragraph_starts, start) - 1
        paragraph = number if number >= 0 and start < paragraphs[number][1] else None
        while waiting and waiting[-1][1][0] <= start:
            opened, span = waiting.pop()
            active[opened] = span
        active = {n: span for n, span in active.items() if span[1] > start}
        number = bisect_right(mention_starts, start) - 1
        mention = ordered_mentions[number][0] if number >= 0 and start < ordered_mentions[number][1].end else None
        previous = runs[-1] if runs else None
        if mention is not None and previous is not None and previous.mention == mention:
            runs.append(Run(start, end, previous.classes, previous.paragraph, previous.quote, mention))
            continue  # a mention is never split: it keeps the paragraph and quotation of its first character
        quote = min(active, key=lambda n: (active[n][1] - active[n][0], n)) if active else None
        key = tuple(sorted(active))
        if key not in quote_cache:
            quote_cache[key] = tuple(name for n in key for name in quote_classes(article, n, marks))
        classes = list(quote_cache[key])
        if paragraph == 0:
            classes.append("title")
        if mention is not None:
            classes.extend(mention_classes(mentions[mention], view, marks))
        runs.append(Run(start, end, ordered(classes), paragraph, quote, mention))
    return Painting(article, runs, tags, mentions)


def _outside_mentions(tag: Tag, mentions: list[tuple[int, Mention]], starts: list[int]) -> Tag:
    """A tag never goes inside a mention: one that would is moved to the mention's end."""
    index = bisect_right(starts, tag.offset) - 1
    if index >= 0 and mentions[index][1].start < tag.offset < mentions[index][1].end:
        return Tag(mentions[index][1].end, tag.text, tag.quotes)
    return tag
