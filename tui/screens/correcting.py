"""CorrectingScreen: the reader's keys for correcting the tagger where one reads (issue 17).

``m`` opens a menu of one-key choices for what the reader is at (see
:mod:`tui.correction_target`): tag the words as a type (everywhere, or in this
article only), untag a mention (this occurrence, or the form everywhere),
change an entity's label, merge it into another entity, split an alias off,
set a quotation's speaker or mark it "not a quotation". Every correction is
appended to ``entities.toml`` through :class:`core.corrections.CorrectionsFile`
and the corpus is opened again through the reader's loader (warm: no spaCy),
so the panes, the index, the quotes and compare mode show it at once while the
panes keep their articles, scroll positions and selection. ``u`` removes the
last correction this reader made; ``M`` lists them all (and removes any).

:class:`~tui.screens.reader.ReaderScreen` derives from this class; the
methods here use only its public parts (``store``, ``active``, ``pane()``,
``request``, ``state``, ``names``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding
from textual.screen import Screen

from core.errors import NewslensError
from core.models import LABELS
from tui.correction_target import Target, extend, quote_words, target_at, word_at
from tui.messages import CacheWarning, CorpusReady, LoadFailed

if TYPE_CHECKING:
    from core.corrections import CorrectionsFile
    from tui.widgets.article_view import ArticleView

TYPE_KEYS = {str(number): label for number, label in enumerate(LABELS, 1)}
"""Menu key -> label: the keys that toggle the types (1 people, 2 places, 3 organisations, 4 weapons)."""
TYPE_WORDS = {"PERSON": "person", "PLACE": "place", "ORG": "organisation", "WEAPON": "weapon"}


class CorrectingScreen(Screen):
    """Bindings and actions that correct the tagger; the reader screen derives from it."""

    BINDINGS = [
        Binding("u", "undo_correction", "Undo the last correction", show=False),
        Binding("M", "corrections", "All corrections", key_display="M", show=False),
        Binding("greater_than_sign", "widen(1)", "Widen the span by a word", key_display=">", show=False),
        Binding("less_than_sign", "widen(-1)", "Narrow the span by a word", key_display="<", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.made: list[Any] = []
        """The corrections this reader added, oldest first (``u`` removes the last)."""

    # -- what the keys act on ---------------------------------------------------

    def _view(self) -> ArticleView:
        """The view of the pane the last move went to (the cursor's), else of the active pane."""
        cursor = self.navigator.cursor  # type: ignore[attr-defined]
        for pane in self.panes:  # type: ignore[attr-defined]
            article = pane.view.article
            if cursor is not None and article is not None and article.id == cursor[0] and pane.view.current:
                return pane.view
        return self.pane(self.active).view  # type: ignore[attr-defined]

    def correction_target(self) -> Target | None:
        """The mouse selection in the active pane, else its current span; the quotes panel's quotation
        when that has the focus."""
        from tui.widgets.quotes_panel import QuotesPanel

        panel = self.query_one(QuotesPanel)
        if panel.display and panel.has_focus_within and (picked := panel.highlighted_quote()) is not None:
            article_id, quote = picked
            article = self.article(article_id)  # type: ignore[attr-defined]
            return Target(article, quote.start, quote.start, quote=quote)  # the quotation, not its words to tag
        views = [self._view(), *(p.view for p in self.panes)]  # type: ignore[attr-defined]
        for view in views:  # a drag selects in the pane it starts in, which need not be the active one
            span = view.selected_span()
            if view.article is not None and span is not None:
                return target_at(view.article, *span)
        view = self._view()
        if view.article is None or view.current is None:
            return None
        start, end = view.current
        quote = next((q for q in view.article.quotes if (q.start, q.end) == (start, end)), None)
        if quote is not None:  # a jump to a quotation (its row in the quotes panel): the quotation is meant
            return Target(view.article, start, start, quote=quote)
        return target_at(view.article, start, end)

    def action_widen(self, words: int) -> None:
        """Grow (``>``) or shrink (``<``) the current span by a word: a keyboard selection."""
        view = self._view()
        if view.article is None:
            return
        text = view.article.text
        if view.current is None:
            found = word_at(text, view.top_offset())
            if found is None:
                return
            view.current = found
        else:
            view.current = extend(text, *view.current, words)
        self.navigator.cursor_at(view.article.id, view.current[0])  # type: ignore[attr-defined]
        pane = next(p for p in self.panes if p.view is view)  # type: ignore[attr-defined]
        pane.note = f"“{_short(text[slice(*view.current)])}”"

    # -- the menu -----------------------------------------------------------------

    def action_correct(self) -> None:
        from tui.screens.choice_menu import ChoiceMenu

        if self.store is None:  # type: ignore[attr-defined]
            self.notify("Wait until the articles are annotated", severity="warning")
            return
        target = self.correction_target()
        if target is None or (target.start >= target.end and target.quote is None):
            self.notify("Put the cursor on a word first: click a name, n / N, search with /, > to pick words, "
                        "or select text with the mouse", severity="warning", timeout=5)  # fmt: skip
            return
        choices = self._choices(target)
        title = self._title(target)

        def chosen(key: str | None) -> None:
            if key is not None:
                self._chosen(target, key)

        self.app.push_screen(ChoiceMenu(title, choices), chosen)

    def _entity_name(self, entity_id: str | None) -> str:
        found = self.store.entity(entity_id) if entity_id else None  # type: ignore[attr-defined]
        return found.name if found is not None else (entity_id or "")

    def _title(self, target: Target) -> str:
        if target.mention is not None:
            m = target.mention
            name = self._entity_name(m.entity)
            return f"“{m.text}”: {TYPE_WORDS[m.label]}" + (f" ({name})" if name and name != m.text else "")
        if target.start < target.end:
            return f"“{_short(target.text)}”: not tagged"
        return f"Quotation “{_short(target.quote.text if target.quote else '')}”"

    def _choices(self, target: Target) -> list[tuple[str, str]]:
        choices: list[tuple[str, str]] = []
        mention = target.mention
        words = target.text
        if target.start < target.end:
            for key, label in TYPE_KEYS.items():
                if mention is None or label != mention.label:
                    choices.append((key, f"tag “{_short(words)}” as {TYPE_WORDS[label]}"))
        if mention is not None:
            name = self._entity_name(mention.entity) or mention.text
            choices.append(("x", f"untag “{_short(mention.text)}” (this occurrence, or everywhere)"))
            if mention.entity:
                choices.append(("r", f"change the label of {_short(name)} (all its names)"))
                choices.append(("j", f"merge {_short(name)} into another entity…"))
                entity = self.store.entity(mention.entity)  # type: ignore[attr-defined]
                if entity is not None and entity.aliases:
                    choices.append(("a", f"split the alias “{_short(mention.text)}” off {_short(name)}"))
        if target.quote is not None:
            speaker = self._entity_name(target.quote.speaker_entity) or target.quote.speaker or "no speaker"
            choices.append(("s", f"set the speaker of the quotation (now: {_short(speaker)})…"))
            choices.append(("n", "not a quotation"))
        return choices

    def _chosen(self, target: Target, key: str) -> None:
        from core import corrections as c
        from tui.screens.choice_menu import ChoiceMenu
        from tui.screens.entity_picker import EntityPicker

        article = target.article.id
        mention = target.mention
        if key in TYPE_KEYS:
            label = TYPE_KEYS[key]
            words = target.text
            scopes = [("e", "everywhere in the corpus"), ("t", "in this article only")]

            def scoped(scope: str | None) -> None:
                if scope == "e":
                    self.add_correction(c.Tag(text=words, label=label))
                elif scope == "t":
                    self.add_correction(c.Tag(text=words, label=label, article=article, scope="article"))

            self.app.push_screen(ChoiceMenu(f"Tag “{_short(words)}” as {TYPE_WORDS[label]}:", scopes), scoped)
        elif key == "x" and mention is not None:
            where = [("o", "this occurrence only"), ("e", f"the form “{_short(mention.text)}” everywhere")]

            def untag(scope: str | None) -> None:
                if scope == "o":
                    self.add_correction(c.Untag(text=mention.text, article=article, label=mention.label,
                                                start=mention.start))  # fmt: skip
                elif scope == "e":
                    self.add_correction(c.Untag(text=mention.text))

            self.app.push_screen(ChoiceMenu(f"Untag “{_short(mention.text)}”:", where), untag)
        elif key == "r" and mention is not None and mention.entity:
            entity = mention.entity
            labels = [(k, TYPE_WORDS[label]) for k, label in TYPE_KEYS.items() if label != mention.label]

            def relabel(choice: str | None) -> None:
                if choice in TYPE_KEYS:
                    self.add_correction(c.Relabel(entity=entity, label=TYPE_KEYS[choice]))

            self.app.push_screen(ChoiceMenu(f"{self._entity_name(entity)} is a:", labels), relabel)
        elif key == "j" and mention is not None and mention.entity:
            entity = mention.entity
            name = self._entity_name(entity)

            def merge(other: str | None) -> None:
                if other:
                    self.add_correction(c.Merge(entities=(other, entity), name=self._entity_name(other)))

            self.app.push_screen(EntityPicker(f"Merge {name} into:", self.store.entities, exclude=entity),  # type: ignore[attr-defined]
                                 merge)  # fmt: skip
        elif key == "a" and mention is not None and mention.entity:
            self.add_correction(c.Split(entity=mention.entity, alias=mention.text))
        elif key == "s" and target.quote is not None:
            words = quote_words(target.quote)

            def speaker(entity: str | None) -> None:
                if entity is not None:
                    self.add_correction(c.Speaker(quote=words, entity=entity, article=article))

            picker = EntityPicker(f"Who said “{_short(words)}”?", self.store.entities, none="no speaker")  # type: ignore[attr-defined]
            self.app.push_screen(picker, speaker)
        elif key == "n" and target.quote is not None:
            self.add_correction(c.NotQuote(quote=quote_words(target.quote), article=article))

    # -- writing and reloading ----------------------------------------------------

    def corrections_file(self) -> CorrectionsFile:
        from core.corrections import CorrectionsFile

        return CorrectionsFile()

    def add_correction(self, correction: Any) -> None:
        """Append ``correction`` to the file and show the corrected corpus."""
        try:
            self.corrections_file().add(correction)
        except NewslensError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.made.append(correction)
        self.notify(f"Corrected: {correction.describe()} (u: undo)", timeout=4, markup=False)
        self.reload_corrected()

    def action_undo_correction(self) -> None:
        if not self.made:
            self.notify("No correction made in this reader to undo", severity="warning", timeout=3)
            return
        correction = self.made[-1]
        try:
            self.corrections_file().remove(correction)
        except NewslensError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.made.pop()
        self.notify(f"Undone: {correction.describe()}", timeout=4, markup=False)
        self.reload_corrected()

    def action_corrections(self) -> None:
        from tui.screens.corrections import CorrectionsScreen

        def removed(correction: Any) -> None:
            if correction in self.made:
                self.made.remove(correction)
            self.reload_corrected()

        self.app.push_screen(CorrectionsScreen(self.corrections_file(), removed))

    @work(thread=True, exclusive=True, group="corrections")
    def reload_corrected(self) -> None:
        """Open the corpus again (warm cache: corrections applied without spaCy); only its end is shown."""
        from tui.loader import load

        load(self.request, _ReadyOnly(self))  # type: ignore[attr-defined]


class _ReadyOnly:
    """Passes on only the loader's last step (and its problems): the panes keep showing the corpus meanwhile."""

    def __init__(self, target: Screen) -> None:
        self._target = target

    def post_message(self, message: Any) -> bool:
        if isinstance(message, LoadFailed):  # the corpus on screen stays: one line says what went wrong
            self._target.app.call_from_thread(self._target.notify, message.message, severity="error", timeout=15,
                                              markup=False)  # fmt: skip
            return True
        if isinstance(message, (CorpusReady, CacheWarning)):
            return self._target.post_message(message)
        return True


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
