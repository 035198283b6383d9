"""ArticleView: one article, painted by core.highlight, rendered a line at a time.

Built on Textual's Line API (``render_line``), so only visible lines are
drawn and a 1 MB article scrolls smoothly. What is highlighted comes from
:func:`core.highlight.paint` (the same model the HTML export renders); this
widget only wraps the text into lines and styles each run with the component
classes of its highlight classes (``article-view--person`` …), whose colours
are theme variables. The article text reaches the screen only as plain
segments with styles attached: never through markup.

The view state lives in reactive attributes (``article``, ``state``,
``marks``, ``search``, ``current``); changing any of them repaints once, at
the end of the handler that changed them, and only if what it changed is
drawn here (their watchers repaint, not Textual: a pane whose article keeps
its highlights is not drawn again when the other pane's article changes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from core.highlight import CLASSES, Overlay, Painting, paint
from core.models import AnnotatedArticle, Mention
from core.search import find_all
from core.view import Marks, ViewState
from tui.widgets.article_layout import ArticleLayout, TagPiece

LAYOUTS_KEPT = 4
"""Line layouts kept per pane (article, width and speaker tags), so that stepping back is not a re-wrap."""


class ArticleView(ScrollView, can_focus=True):
    """Shows one article with its mentions and quotations highlighted."""

    COMPONENT_CLASSES = {f"article-view--{name}" for name in (*CLASSES, "speaker")}
    BINDINGS = [
        Binding("g", "scroll_home", "Top of the article", show=False),
        Binding("G", "scroll_end", "End of the article", show=False, key_display="G"),
    ]

    DEFAULT_CSS = """
    ArticleView {
        background: $surface; color: $foreground; padding: 0 0 0 1;
        overflow-x: hidden; scrollbar-gutter: stable; scrollbar-size-vertical: 1;
    }
    ArticleView > .article-view--title { text-style: bold; }
    ArticleView > .article-view--quote { background: $entity-quote; }
    ArticleView > .article-view--scare { text-style: italic; }
    ArticleView > .article-view--quote-shared { background: $entity-shared; }
    ArticleView > .article-view--quote-only { background: $entity-only; }
    ArticleView > .article-view--person { color: $entity-person; text-style: bold; }
    ArticleView > .article-view--place { color: $entity-place; text-style: underline; }
    ArticleView > .article-view--org { color: $entity-org; text-style: italic underline; }
    ArticleView > .article-view--weapon { color: $entity-weapon; text-style: bold underline; }
    ArticleView > .article-view--weapon-generic { color: $entity-weapon-generic; text-style: italic; }
    ArticleView > .article-view--dim { color: $foreground 45%; text-style: not bold not italic not underline; }
    ArticleView > .article-view--shared { background: $entity-shared; }
    ArticleView > .article-view--only { background: $entity-only; }
    ArticleView > .article-view--selected { background: $entity-selected; text-style: bold; }
    ArticleView > .article-view--match { background: $warning 70%; color: $background; }
    ArticleView > .article-view--current { background: $accent; color: $background; text-style: bold underline; }
    ArticleView > .article-view--speaker { color: $entity-speaker; text-style: italic; }
    """

    article: reactive[AnnotatedArticle | None] = reactive(None, init=False, always_update=True, repaint=False)
    """The article shown (a new record of the same article keeps the scroll position)."""
    state: reactive[ViewState] = reactive(ViewState, init=False, repaint=False)
    """Filters, selection, compare mode, quotations and speaker tags."""
    marks: reactive[Marks | None] = reactive(None, init=False, repaint=False)
    """Compare marks of this pane's article (compare mode)."""
    search: reactive[str | None] = reactive(None, init=False, repaint=False)
    """Search pattern whose matches are highlighted."""
    current: reactive[tuple[int, int] | None] = reactive(None, init=False, repaint=False)
    """The span the reader is at (the last jump, match or click), marked apart from the rest."""

    @dataclass
    class MentionClicked(Message):
        """A mention was clicked."""

        view: ArticleView
        mention: Mention

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: dict[str, str] = {}
        """Entity id -> display name, for speaker tags."""
        self.matches: list[tuple[int, int]] = []
        self.painting: Painting | None = None
        self._layout: ArticleLayout | None = None
        self._layouts: dict[tuple, ArticleLayout] = {}
        self._tags: list[tuple[int, str]] = []
        self._overlays: list[Overlay] = []
        self._styles: dict[tuple[str, ...], Style] = {}
        self._pending = False
        self._relayout_pending = False
        self._when_drawn: list[Callable[[], object]] = []
        self.painted = self.drawn = 0
        """Paints so far, and the paint the last frame drew: a paint is on screen once they are equal."""
        self._frame: tuple[int, int, int, tuple[int, int] | None] | None = None
        """What every line of the frame being drawn shares (``_frame_now``); None outside a frame."""

    # -- reactive state --------------------------------------------------

    def watch_article(self, old: AnnotatedArticle | None, new: AnnotatedArticle | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.current = None
            self.scroll_to(0, 0, animate=False)
        self._find_matches()
        self._repaint(relayout=True)

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        if not old.paints_like(new):  # another article in the other pane repaints nothing here
            self._repaint()

    def watch_marks(self) -> None:
        self._repaint()

    def watch_search(self) -> None:
        self._find_matches()
        self._set_overlays()

    def watch_current(self) -> None:
        self._set_overlays()

    def set_names(self, names: dict[str, str]) -> None:
        """Entity names changed (the corpus is linked): speaker tags show them."""
        self.names = names
        self._repaint()

    def _repaint(self, relayout: bool = False) -> None:
        """Paint once after the handler that changed the state (several changes, one paint)."""
        self._relayout_pending |= relayout
        if not self._pending:
            self._pending = True
            self.call_next(self.paint_now)

    def _paint(self) -> None:
        self._pending = False
        self.painted += 1
        article = self.article
        self.painting = None if article is None else paint(article, self.state, self.names, self.marks)
        tags = [(tag.offset, tag.text) for tag in self.painting.tags] if self.painting else []
        if self._relayout_pending or tags != self._tags or self._layout is None:
            self._tags = tags
            self._relayout()
        self._relayout_pending = False
        self.refresh()

    def paint_now(self) -> None:
        """Paint at once if a paint is due (before reading ``painting`` or the layout in the same handler)."""
        if self._pending:
            self._paint()

    def _find_matches(self) -> None:
        article = self.article
        self.matches = find_all(article.text, self.search) if article is not None and self.search else []
        self._set_overlays()

    def _set_overlays(self) -> None:
        overlays = [(start, end, "match") for start, end in self.matches]
        if self.current is not None:
            overlays.append((*self.current, "current"))
        self._overlays = sorted(overlays)
        self.refresh()

    # -- layout and styles ----------------------------------------------

    @property
    def wrap_width(self) -> int:
        """Cells per line: the content width (the scrollbar's column is always kept free)."""
        return self.scrollable_content_region.width

    def _relayout(self) -> None:
        width = self.wrap_width
        if self.article is None or width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            return
        article = self.article
        key = (article.id, len(article.text), width, tuple(self._tags))
        layout = self._layouts.pop(key, None) or ArticleLayout(article.text, article.paragraphs, self._tags, width)
        self._layouts[key] = layout  # the last few, newest last: [ and ] go back and forth
        if len(self._layouts) > LAYOUTS_KEPT:
            del self._layouts[next(iter(self._layouts))]
        self._layout = layout
        self.virtual_size = Size(width, len(layout.lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.wrap_width:
            top = self.top_offset()
            self._relayout()
            if self._layout is not None and top:
                self.scroll_to(y=self._layout.line_of(top), animate=False)

    def _style(self, classes: tuple[str, ...]) -> Style:
        """The Rich style of a set of highlight classes (colours with alpha blended, as CSS would)."""
        style = self._styles.get(classes)
        if style is None:
            names = tuple(f"article-view--{name}" for name in classes)
            style = self._styles[classes] = self.get_visual_style(*names).rich_style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    # -- rendering --------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lines for the screen: drawn without the offsets of mouse selection (a style per
        character run, half the cost of a line). The compositor asks ``render_line`` itself,
        outside this, for the line under the mouse, and gets them there."""
        self._frame = self._frame_now()
        self.drawn = self.painted
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            callbacks, self._when_drawn = self._when_drawn, []
            for callback in callbacks:
                self.call_later(callback)  # after the frame in which this is drawn is out

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the paint that is due has been drawn (soon, if none is due)."""
        if self.painted == self.drawn and not self._pending:
            self.call_later(callback)
        else:
            self._when_drawn.append(callback)

    def _frame_now(self) -> tuple[int, int, int, tuple[int, int] | None]:
        """Scroll offsets, width and mouse selection: the same for every line of a frame."""
        scroll_x, scroll_y = self.scroll_offset
        selected = self.selected_span() if self.text_selection is not None else None
        return scroll_x, scroll_y, self.scrollable_content_region.width, selected

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y, width, selected = self._frame or self._frame_now()
        layout, painting = self._layout, self.painting
        number = scroll_y + y
        if layout is None or painting is None or number >= len(layout.lines):
            return Strip.blank(width, self._style(()))
        text = painting.article.text
        segments: list[Segment] = []
        for piece in layout.lines[number].pieces:
            if isinstance(piece, TagPiece):
                segments.append(Segment(piece.shown, self._style(("speaker",))))
                continue
            for start, end, classes in painting.pieces(*piece, self._overlays):
                if selected is not None and start < selected[1] and end > selected[0]:
                    segments += self._selected_segments(text, start, end, classes, selected)
                else:
                    segments.append(Segment(text[start:end], self._style(classes)))
        length = sum(segment.cell_length for segment in segments)
        if scroll_x or length > width:  # only spaces run past the edge (lines are wrapped to the width)
            strip = Strip(segments).crop(scroll_x, scroll_x + width).extend_cell_length(width, self._style(()))
        else:
            if length < width:
                segments.append(Segment(" " * (width - length), self._style(())))
            strip = Strip(segments, width)
        return strip if self._frame else strip.apply_offsets(scroll_x, number)  # offsets: mouse selection

    def _selected_segments(self, text: str, start: int, end: int, classes: tuple[str, ...],
                           selected: tuple[int, int]) -> list[Segment]:  # fmt: skip
        """``text[start:end]`` cut where the mouse selection begins and ends, the selected part marked."""
        low, high = max(start, selected[0]), min(end, selected[1])
        style = self._style(classes)
        marked = style + self.screen.get_component_rich_style("screen--selection")
        parts = [(start, low, style), (low, high, marked), (high, end, style)]
        return [Segment(text[a:b], part_style) for a, b, part_style in parts if a < b]

    # -- mouse selection ------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """Article ``[start, end)`` of the text selected with the mouse, if any."""
        selection = self.text_selection
        if selection is None or self._layout is None or self.painting is None:
            return None
        text_length = len(self.painting.article.text)
        start = 0 if selection.start is None else self._offset_at(selection.start.x, selection.start.y)
        end = text_length if selection.end is None else self._offset_at(selection.end.x, selection.end.y)
        return (start, end) if start < end else None

    def _offset_at(self, x: int, y: int) -> int:
        """Article offset of character ``x`` of display line ``y`` (as Textual's selection counts them)."""
        lines = self._layout.lines  # type: ignore[union-attr]
        if y >= len(lines):
            return lines[-1].end if lines else 0
        line = lines[max(0, y)]
        column = 0
        for piece in line.pieces:
            if isinstance(piece, TagPiece):
                column += len(piece.shown)
                continue
            start, end = piece
            if x < column + (end - start):
                return start + max(0, x - column)
            column += end - start
        return line.end

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected article text (copied with ctrl+c, read by ``Screen.get_selected_text``)."""
        span = self.selected_span()
        if span is None or self.painting is None:
            return None
        return self.painting.article.text[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    # -- positions ------------------------------------------------------------

    def scroll_to_offset(self, offset: int) -> None:
        """Bring article ``offset`` into view, a third down the pane."""
        self.paint_now()
        if self._layout is None:
            return
        line = self._layout.line_of(offset)
        self.scroll_to(y=max(0, line - self.scrollable_content_region.height // 3), animate=False)

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
        lines = self._layout.lines
        top = min(int(self.scroll_offset.y), len(lines) - 1)
        index = top
        while index < len(lines) - 1 and lines[index].paragraph == -1:
            index += 1
        first, count = self._layout.paragraph_lines(lines[index].paragraph)
        return lines[index].paragraph, max(0, top - first) / max(1, count)

    def scroll_to_paragraph(self, paragraph: int, fraction: float = 0.0) -> None:
        """Put ``paragraph`` (and ``fraction`` of it) at the top of the pane."""
        if self._layout is None:
            return
        first, count = self._layout.paragraph_lines(paragraph)
        self.scroll_to(y=first + int(fraction * count), animate=False)

    def visible_lines(self) -> range:
        """Indices of the display lines on screen."""
        top = int(self.scroll_offset.y)
        return range(top, top + self.scrollable_content_region.height)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None or self.painting is None:
            return
        number = int(self.scroll_offset.y) + offset.y
        if number >= len(self._layout.lines):
            return
        line = self._layout.lines[number]
        position = line.offset_at(int(self.scroll_offset.x) + offset.x, self.painting.article.text)
        mention = self.painting.mention_at(position) if position is not None else None
        if mention is not None:
            self.post_message(self.MentionClicked(self, mention))
