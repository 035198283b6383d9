"""ArticleView: one article, highlighted, rendered a line at a time.

Built on Textual's Line API (``render_line``), so only visible lines are
drawn and a 1 MB article scrolls smoothly. The article text reaches the
screen only as plain segments with styles attached: never through markup.
Styles are component classes whose colours come from theme variables
(``$entity-person`` …) and whose non-colour cues follow core.view.CUES.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.models import AnnotatedArticle, Mention
from core.view import Mark, ViewState, cue_key, speaker_name
from tui.widgets.article_layout import ArticleLayout, Label

# Later classes win when styles combine.
PRIORITY = ("title", "quote", "scare", "person", "place", "org", "weapon", "weapon-generic", "dim",
            "shared", "only", "selected", "match", "flash")  # fmt: skip
TYPE_CLASS = {
    "PERSON": "person",
    "PLACE": "place",
    "ORG": "org",
    "WEAPON": "weapon",
    "WEAPON generic": "weapon-generic",
}


@dataclass(frozen=True)
class Run:
    """A stretch of article text with one set of highlight classes."""

    start: int
    end: int
    classes: tuple[str, ...]


def style_runs(intervals: Iterable[tuple[int, int, str]]) -> list[Run]:
    """Sweep overlapping ``(start, end, class)`` intervals into non-overlapping runs."""
    events_: list[tuple[int, int, str]] = []
    for start, end, name in intervals:
        if end > start:
            events_.append((start, 1, name))
            events_.append((end, -1, name))
    events_.sort(key=lambda event: (event[0], event[1]))
    runs: list[Run] = []
    active: dict[str, int] = {}
    previous = None
    for position, change, name in events_:
        if previous is not None and position > previous and active:
            classes = tuple(sorted(active, key=PRIORITY.index))
            if runs and runs[-1].end == previous and runs[-1].classes == classes:
                runs[-1] = Run(runs[-1].start, position, classes)
            else:
                runs.append(Run(previous, position, classes))
        active[name] = active.get(name, 0) + change
        if not active[name]:
            del active[name]
        previous = position
    return runs


class ArticleView(ScrollView, can_focus=True):
    """Shows one article with its mentions and quotations highlighted."""

    COMPONENT_CLASSES = {f"article-view--{name}" for name in (*PRIORITY, "speaker")}

    DEFAULT_CSS = """
    ArticleView { background: $surface; color: $foreground; padding: 0 1; }
    ArticleView > .article-view--title { text-style: bold; }
    ArticleView > .article-view--person { color: $entity-person; text-style: bold; }
    ArticleView > .article-view--place { color: $entity-place; text-style: underline; }
    ArticleView > .article-view--org { color: $entity-org; text-style: italic underline; }
    ArticleView > .article-view--weapon { color: $entity-weapon; text-style: bold underline; }
    ArticleView > .article-view--weapon-generic { color: $entity-weapon-generic; text-style: italic; }
    ArticleView > .article-view--dim { color: $foreground 50%; text-style: none; }
    ArticleView > .article-view--quote { background: $entity-quote; }
    ArticleView > .article-view--scare { text-style: italic; }
    ArticleView > .article-view--speaker { color: $entity-speaker; text-style: italic; }
    ArticleView > .article-view--shared { background: $entity-shared; }
    ArticleView > .article-view--only { background: $entity-only; }
    ArticleView > .article-view--selected { background: $entity-selected; text-style: bold; }
    ArticleView > .article-view--match { background: $warning 70%; color: $background; }
    ArticleView > .article-view--flash { background: $accent; color: $background; }
    """

    @dataclass
    class MentionClicked(Message):
        """A mention was clicked."""

        view: ArticleView
        mention: Mention

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: AnnotatedArticle | None = None
        self.state = ViewState()
        self.entity_marks: dict[str, Mark] = {}
        self.quote_marks: tuple[Mark, ...] = ()
        self.search: str | None = None
        self.matches: list[tuple[int, int]] = []
        self._flash: tuple[int, int] | None = None
        self._layout: ArticleLayout | None = None
        self._runs: list[Run] = []
        self._run_starts: list[int] = []
        self._styles: dict[tuple[str, ...], Style] = {}
        self.names: dict[str, str] = {}
        """Entity id -> display name, for speaker labels."""

    # -- state -----------------------------------------------------------

    def show(
        self, article: AnnotatedArticle | None, state: ViewState | None = None, names: dict[str, str] | None = None
    ) -> None:
        """Show ``article`` (or nothing) under ``state``; ``names`` label speakers."""
        self.article = article
        self.names = names if names is not None else self.names
        if state is not None:
            self.state = state
        self.entity_marks, self.quote_marks, self._flash = {}, (), None
        self._find_matches()
        self._relayout()
        self.scroll_to(0, 0, animate=False)

    def set_state(self, state: ViewState, entity_marks: dict[str, Mark] | None = None,
                  quote_marks: tuple[Mark, ...] = ()) -> None:  # fmt: skip
        """New filters, selection or compare marks."""
        labels_changed = state.show_quotes != self.state.show_quotes
        self.state = state
        self.entity_marks = entity_marks or {}
        self.quote_marks = quote_marks
        if labels_changed:
            self._relayout()
        else:
            self._restyle()

    def set_search(self, pattern: str | None) -> None:
        """Highlight every occurrence of ``pattern`` (case-insensitive)."""
        self.search = pattern or None
        self._find_matches()
        self._restyle()

    def _find_matches(self) -> None:
        self.matches = []
        if self.article is None or not self.search:
            return
        haystack, needle = self.article.text.casefold(), self.search.casefold()
        position = haystack.find(needle)
        while position != -1:
            self.matches.append((position, position + len(needle)))
            position = haystack.find(needle, position + max(1, len(needle)))

    # -- layout and styles ----------------------------------------------

    def _labels(self) -> list[Label]:
        if self.article is None or not self.state.show_quotes:
            return []
        return [
            Label(quote.end, f" ◂{speaker_name(quote, self.names)}", "speaker")
            for quote in self.article.quotes
            if quote.speech and quote.speaker and quote.kind == "direct"
        ]

    def _relayout(self) -> None:
        width = max(10, self.scrollable_content_region.width - 1)
        if self.article is None:
            self._layout = None
            self.virtual_size = Size(0, 0)
        else:
            paragraphs = list(self.article.paragraphs)
            self._layout = ArticleLayout(self.article.text, paragraphs, self._labels(), width)
            self.virtual_size = Size(self._layout.max_width, len(self._layout.lines))
        self._restyle()

    def _intervals(self) -> Iterable[tuple[int, int, str]]:
        article, state = self.article, self.state
        if article is None:
            return
        if article.paragraphs:
            yield (*article.paragraphs[0], "title")
        mentions, quotes = article.mentions, article.quotes
        if state.show_quotes:
            for number, quote in enumerate(quotes):
                yield (quote.start, quote.end, "quote" if quote.speech else "scare")
                if state.compare and number < len(self.quote_marks) and quote.speech:
                    yield (quote.start, quote.end, self.quote_marks[number])
        for mention in mentions:
            visibility = state.visibility(mention)
            if visibility == "hidden":
                continue
            if visibility == "dimmed":
                yield (mention.start, mention.end, "dim")
                continue
            yield (mention.start, mention.end, TYPE_CLASS[cue_key(mention.label, mention.kind)])
            if state.selected is not None and mention.entity == state.selected:
                yield (mention.start, mention.end, "selected")
            elif state.compare and mention.entity in self.entity_marks:
                yield (mention.start, mention.end, self.entity_marks[mention.entity])
        for start, end in self.matches:
            yield (start, end, "match")
        if self._flash is not None:
            yield (*self._flash, "flash")

    def _restyle(self) -> None:
        self._runs = style_runs(self._intervals())
        self._run_starts = [run.end for run in self._runs]
        self.refresh()

    def _style(self, classes: tuple[str, ...]) -> Style:
        style = self._styles.get(classes)
        if style is None:
            style = self.rich_style
            for name in classes:
                style += self.get_component_rich_style(f"article-view--{name}", partial=True)
            self._styles[classes] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # -- rendering --------------------------------------------------------

    def _segments(self, start: int, end: int) -> Iterable[Segment]:
        text = self.article.text  # type: ignore[union-attr]
        index = bisect_right(self._run_starts, start)
        position = start
        while position < end:
            run = self._runs[index] if index < len(self._runs) else None
            if run is None or run.start >= end:
                yield Segment(text[position:end], self._style(()))
                return
            if run.start > position:
                yield Segment(text[position : run.start], self._style(()))
                position = run.start
            stop = min(run.end, end)
            yield Segment(text[position:stop], self._style(run.classes))
            position = stop
            index += 1

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        layout = self._layout
        number = scroll_y + y
        if layout is None or number >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        segments: list[Segment] = []
        for piece in layout.lines[number].pieces:
            if isinstance(piece, Label):
                segments.append(Segment(piece.text, self._style((piece.style,))))
            else:
                segments.extend(self._segments(*piece))
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, self.rich_style)

    # -- navigation ---------------------------------------------------------

    def scroll_to_offset(self, offset: int, *, flash: tuple[int, int] | None = None) -> None:
        """Bring article ``offset`` into view (a third down the pane) and flash a span."""
        if self._layout is None:
            return
        line = self._layout.line_of(offset)
        self.scroll_to(y=max(0, line - self.scrollable_content_region.height // 3), animate=False)
        if flash is not None:
            self._flash = flash
            self._restyle()
            self.set_timer(0.8, self._end_flash)

    def _end_flash(self) -> None:
        self._flash = None
        self._restyle()

    def top_offset(self) -> int:
        """Article offset at the top of the pane."""
        if self._layout is None or not self._layout.lines:
            return 0
        line = min(int(self.scroll_offset.y), len(self._layout.lines) - 1)
        return self._layout.lines[line].start

    def top_paragraph(self) -> tuple[int, float]:
        """Paragraph at the top of the pane and how far into it (0..1) the top is."""
        if self._layout is None:
            return 0, 0.0
        top = min(int(self.scroll_offset.y), len(self._layout.lines) - 1)
        lines = self._layout.lines
        index = top
        while index < len(lines) - 1 and lines[index].paragraph == -1:
            index += 1
        paragraph = lines[index].paragraph
        first = self._layout.paragraph_lines(paragraph)
        count = sum(1 for line in lines if line.paragraph == paragraph)
        return paragraph, (top - first) / max(1, count)

    def scroll_to_paragraph(self, paragraph: int, fraction: float = 0.0) -> None:
        """Put ``paragraph`` (and ``fraction`` of it) at the top of the pane."""
        if self._layout is None:
            return
        first = self._layout.paragraph_lines(paragraph)
        count = sum(1 for line in self._layout.lines if line.paragraph == paragraph)
        self.scroll_to(y=first + int(fraction * count), animate=False)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None or self.article is None:
            return
        number = int(self.scroll_offset.y) + offset.y
        if number >= len(self._layout.lines):
            return
        position = self._layout.lines[number].offset_at(int(self.scroll_offset.x) + offset.x, self.article.text)
        if position is None:
            return
        for mention in self.article.mentions:
            if mention.start <= position < mention.end:
                self.post_message(self.MentionClicked(self, mention))
                return
