"""Command palette providers: "Jump to entity…" and "Open article…"."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

MAX_HITS = 50


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but without parsing ``text`` as markup (titles are untrusted)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content


def _reader(provider: Provider):
    from tui.screens.reader import ReaderScreen

    screen = provider.app.screen_stack[0] if provider.app.screen_stack else None
    for candidate in provider.app.screen_stack:
        if isinstance(candidate, ReaderScreen):
            return candidate
    return screen if isinstance(screen, ReaderScreen) else None


class EntityCommands(Provider):
    """Jump to an entity's first mention."""

    async def search(self, query: str) -> Hits:
        reader = _reader(self)
        if reader is None or reader.store is None:
            return
        matcher = self.matcher(query)
        found = 0
        for entity in reader.store.entities:
            text = f"Jump to entity: {entity.name} ({entity.label.lower()}, {entity.mentions})"
            score = max(matcher.match(text), *(matcher.match(alias) * 0.9 for alias in entity.aliases[:5]), 0)
            if score > 0:
                help_text = Content(", ".join(entity.aliases[:6]))
                yield Hit(score, plain_highlight(matcher, text), partial(self._jump, reader, entity.id), help=help_text)
                found += 1
                if found >= MAX_HITS:
                    return

    @staticmethod
    def _jump(reader, entity: str) -> None:
        reader.select(entity)
        reader.navigator.jump_to_entity(entity)


class ArticleCommands(Provider):
    """Open an article in the focused pane."""

    async def search(self, query: str) -> Hits:
        reader = _reader(self)
        if reader is None:
            return
        matcher = self.matcher(query)
        found = 0
        for position, info in enumerate(reader.infos):
            text = f"Open article: {info.title}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, text), partial(self._open, reader, position))
                found += 1
                if found >= MAX_HITS:
                    return

    @staticmethod
    def _open(reader, position: int) -> None:
        reader.open_article(reader.focused_pane().label, position)
        reader.refresh_index()
