"""The command palette (ctrl+p): newslens's commands, "Jump to entity…" and "Open article…".

:func:`reader_commands` are listed before anything is typed (the app puts
them ahead of Textual's own); typing a name or a title also finds entities
and articles directly (:class:`EntityCommands`, :class:`ArticleCommands`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen

MAX_HITS = 50


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but without parsing ``text`` as markup (titles are untrusted)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content


def reader_commands(reader: ReaderScreen) -> Iterator[SystemCommand]:
    """The reader's commands for the palette, with what each does."""
    yield SystemCommand("Jump to entity…", "Pick an entity: select it and show its first mentions",
                        partial(search_entities, reader))  # fmt: skip
    yield SystemCommand("Open article…", "Pick an article for the active pane (o)", reader.action_pick_article)
    yield SystemCommand("Export the view as HTML…", "The two articles as on screen: filters, selection, theme (e)",
                        reader.action_export)  # fmt: skip
    yield SystemCommand("Search the text…", "Find words in both panes; n / N walk the matches (/)",
                        partial(reader.action_search, False))  # fmt: skip
    yield SystemCommand("Compare the two articles", "Mark what they share and list the differences (c)",
                        partial(reader.action_toggle, "compare"))  # fmt: skip
    yield SystemCommand("Speaker tags on or off", "◂name after each quotation's sentence (a)",
                        partial(reader.action_toggle, "show_speakers"))  # fmt: skip
    yield SystemCommand("Correct the tagger here…", "Tag, untag, relabel, merge, split, set a speaker (m)",
                        reader.action_correct)  # fmt: skip
    yield SystemCommand("Corrections…", "Every correction in entities.toml; remove any (M)", reader.action_corrections)
    yield SystemCommand("Undo the last correction", "Remove the last correction this reader made (u)",
                        reader.action_undo_correction)  # fmt: skip
    for name, title, key in (("filters", "Filters", "f"), ("index", "Entity index", "i"),
                             ("quotes", "Who said what", "w")):  # fmt: skip
        yield SystemCommand(f"Show or hide: {title}", f"The {title.lower()} panel ({key})",
                            partial(reader.action_panel, name))  # fmt: skip


def search_entities(reader: ReaderScreen) -> None:
    """A palette of the corpus's entities, most mentioned first; typing narrows it."""
    from textual.command import CommandPalette

    if reader.store is None:
        reader.notify("Wait until the articles are annotated", severity="warning")
        return
    reader.app.push_screen(CommandPalette(providers=[EntityPicker], placeholder="Jump to entity: type a name…"))


def _reader(provider: Provider) -> ReaderScreen | None:
    from tui.screens.reader import ReaderScreen

    return next((screen for screen in provider.app.screen_stack if isinstance(screen, ReaderScreen)), None)


class EntityCommands(Provider):
    """Jump to an entity's first mention."""

    PREFIX = "Jump to entity: "

    async def search(self, query: str) -> Hits:
        reader = _reader(self)
        if reader is None or reader.store is None:
            return
        matcher = self.matcher(query)
        found = 0
        for entity in sorted(reader.store.entities, key=lambda e: -e.mentions):
            text = f"{self.PREFIX}{entity.name} ({entity.label.lower()}, {entity.mentions})"
            names = (f"{self.PREFIX}{entity.name}", *entity.aliases[:5])
            score = max(*(matcher.match(name) for name in names), 0)
            if score > 0:
                help_text = Content(", ".join(entity.aliases[:6]))
                yield Hit(score, plain_highlight(matcher, text), partial(reader.jump_to_entity, entity.id),
                          help=help_text)  # fmt: skip
                found += 1
                if found >= MAX_HITS:
                    return


class EntityPicker(EntityCommands):
    """The entities, listed before anything is typed (the palette of "Jump to entity…")."""

    PREFIX = ""

    async def discover(self) -> Hits:
        reader = _reader(self)
        if reader is None or reader.store is None:
            return
        for entity in sorted(reader.store.entities, key=lambda e: -e.mentions)[: MAX_HITS * 4]:
            text = f"{entity.name} ({entity.label.lower()}, {entity.mentions})"
            yield DiscoveryHit(Content(text), partial(reader.jump_to_entity, entity.id),
                               help=Content(", ".join(entity.aliases[:6])))  # fmt: skip


class ArticleCommands(Provider):
    """Open an article in the active pane."""

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
    def _open(reader: ReaderScreen, position: int) -> None:
        reader.open_in(reader.active, position)
