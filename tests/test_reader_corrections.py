"""Correcting the tagger in the reader (issue 17), with the real keys, on the bundled seeds.

Each test presses the keys of a correction, then checks the screen, the
``entities.toml`` written and what ``newslens annotate`` prints afterwards.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection

from core.models import AnnotatedArticle, Mention
from core.paths import overrides_file
from tui.app import NewslensApp
from tui.cli import main
from tui.loader import LoadRequest
from tui.screens.choice_menu import ChoiceMenu
from tui.screens.corrections import CorrectionsScreen
from tui.screens.entity_picker import EntityPicker
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.quotes_panel import QuotesPanel

SIZE = (160, 45)


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One annotation cache for the module: the seeds are annotated once, every reload after is warm."""
    return tmp_path_factory.mktemp("corrections-cache")


@pytest.fixture(autouse=True)
def shared_cache(warm_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(warm_cache))


def app_for(store) -> NewslensApp:
    return NewslensApp(LoadRequest([]), store=store)  # the seeds: a reload opens them through the loader


@asynccontextmanager
async def opened(store) -> AsyncIterator[tuple[NewslensApp, Pilot, ReaderScreen]]:
    """The reader on ``store`` at :data:`SIZE`, after its first frame."""
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield app, pilot, reader(app)


def reader(app: NewslensApp) -> ReaderScreen:
    return next(screen for screen in app.screen_stack if isinstance(screen, ReaderScreen))


def written() -> dict:
    return tomllib.loads(overrides_file().read_text(encoding="utf-8"))


def annotate_json(tmp_path: Path) -> dict:
    """What ``newslens annotate --format json`` writes now (the seeds, with the corrections file)."""
    output = tmp_path / "annotated.json"
    output.unlink(missing_ok=True)
    assert main(["annotate", "--format", "json", "-o", str(output)]) == 0
    return json.loads(output.read_text(encoding="utf-8"))


def article_of(document: dict, article_id: str) -> dict:
    return next(a for a in document["articles"] if a["id"] == article_id)


async def settle(app: NewslensApp, pilot) -> None:
    """Wait until the reload after a correction has shown the corrected corpus."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def click_mention(pilot, view: ArticleView, mention: Mention) -> None:
    """Click the first character of a mention where it is on screen."""
    view.scroll_to_offset(mention.start)
    await pilot.pause()
    layout = view._layout
    assert layout is not None
    number = layout.line_of(mention.start)
    line = layout.lines[number]
    x = next(column for column in range(view.wrap_width) if line.offset_at(column, view.article.text) == mention.start)
    await pilot.click(view, offset=(x + 1, number - int(view.scroll_offset.y)))  # 1: the view's left padding
    await pilot.pause()


def mention_named(article: AnnotatedArticle, text: str, label: str | None = None, nth: int = 0) -> Mention:
    found = [m for m in article.mentions if m.text == text and (label is None or m.label == label)]
    return found[nth]


async def search(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter")
    await pilot.pause()


async def test_untag_one_occurrence_of_a_weapon_word_then_undo(seeds_store, tmp_path):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        waffen = [m for m in view.article.mentions if m.text == "Waffen"]
        target, kept = waffen[1], waffen[2]
        await click_mention(pilot, view, target)
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceMenu) and "“Waffen”: weapon" in app.screen.title_text
        await pilot.press("x")
        await pilot.press("o")
        await settle(app, pilot)
        article = screen.article(view.article.id)
        assert view.article is article
        assert all(m.start != target.start for m in article.mentions)
        assert any(m.start == kept.start for m in article.mentions)  # the other occurrences stay tagged
        (untag,) = written()["untag"]
        assert untag == {"text": "Waffen", "article": article.id, "label": "WEAPON", "start": target.start}
        pieces = list(view.painting.pieces(target.start, target.end))
        assert all("weapon-generic" not in classes for _, _, classes in pieces)
        annotated = article_of(annotate_json(tmp_path), article.id)
        assert target.start not in {m["start"] for m in annotated["mentions"]}
        assert kept.start in {m["start"] for m in annotated["mentions"]}

        await pilot.press("u")
        await settle(app, pilot)
        assert any(m.start == target.start for m in screen.article(view.article.id).mentions)
        assert not written().get("untag")
        annotated = article_of(annotate_json(tmp_path), article.id)
        assert target.start in {m["start"] for m in annotated["mentions"]}


async def test_tag_a_missed_organisation_everywhere(seeds_store, tmp_path):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        assert not any(m.text == "Kongress" for m in view.article.mentions)  # missed by the tagger
        await search(pilot, "Kongress")
        assert view.current is not None
        await pilot.press("m")
        assert "“Kongress”: not tagged" in app.screen.title_text
        await pilot.press("3")
        assert isinstance(app.screen, ChoiceMenu)
        await pilot.press("e")
        await settle(app, pilot)
        article = screen.article(view.article.id)
        found = [m for m in article.mentions if m.text == "Kongress"]
        assert found and found[0].label == "ORG" and found[0].source == "user"
        assert written()["tag"] == [{"text": "Kongress", "label": "ORG"}]
        assert any(e.label == "ORG" and e.name == "Kongress" for e in screen.store.entities)  # the index has it
        annotated = article_of(annotate_json(tmp_path), article.id)
        assert any(m["text"] == "Kongress" and m["label"] == "ORG" for m in annotated["mentions"])


async def test_set_the_speaker_of_a_quotation(seeds_store, tmp_path):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        await search(pilot, "Moskauern getragen")
        quote = next(q for q in view.article.quotes if "Moskauern" in q.text and q.kind == "direct")
        assert quote.speaker_entity is None
        await pilot.press("m")
        await pilot.press("s")
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*"Selenskyj")
        await pilot.press("enter")
        await settle(app, pilot)
        article = screen.article(view.article.id)
        corrected = next(q for q in article.quotes if q.start == quote.start)
        assert corrected.speaker_entity == "person:wolodymyr-selenskyj"
        (speaker,) = written()["speaker"]
        assert speaker["entity"] == "person:wolodymyr-selenskyj" and speaker["quote"] in quote.text
        panel = screen.query_one(QuotesPanel)
        rows = [(q.start, q.speaker_entity) for _pane, _article, q in panel.rows]
        assert (quote.start, "person:wolodymyr-selenskyj") in rows
        annotated = article_of(annotate_json(tmp_path), article.id)
        row = next(q for q in annotated["quotes"] if q["start"] == quote.start)
        assert row["speaker_entity"] == "person:wolodymyr-selenskyj"


async def test_m_in_the_quotes_panel_corrects_the_quotation_only(seeds_store):
    async with opened(seeds_store) as (app, pilot, screen):
        panel = screen.query_one(QuotesPanel)
        panel.query_one("#quote-list").focus()
        await pilot.pause()
        _pane, _article, quote = panel.rows[panel.shown[0]]
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceMenu)
        assert app.screen.title_text.startswith("Quotation “")
        assert [key for key, _text in app.screen.choices] == ["s", "n"]  # its words are not offered for tagging
        assert quote.speech
        await pilot.press("escape")
        await pilot.press("enter")  # jump to the quotation: the focus goes to its pane
        await pilot.pause()
        assert screen.focused is not None and not panel.has_focus_within
        await pilot.press("m")
        assert [key for key, _text in app.screen.choices] == ["s", "n"]  # still the quotation


async def test_not_a_quotation_and_the_corrections_screen_removes_it(seeds_store, tmp_path):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        await search(pilot, "Moskauern getragen")
        quote = next(q for q in view.article.quotes if "Moskauern" in q.text and q.kind == "direct")
        await pilot.press("m", "n")
        await settle(app, pilot)
        panel = screen.query_one(QuotesPanel)
        assert quote.start not in {q.start for _pane, _article, q in panel.rows}
        assert written()["not_quote"][0]["article"] == view.article.id
        annotated = article_of(annotate_json(tmp_path), view.article.id)
        assert all(not (q["start"] == quote.start and q.get("speech", True)) for q in annotated["quotes"])

        await pilot.press("M")
        assert isinstance(app.screen, CorrectionsScreen)
        assert len(app.screen.items) == 1
        await pilot.press("x")
        await settle(app, pilot)
        assert app.screen.items == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert quote.start in {q.start for _pane, _article, q in screen.query_one(QuotesPanel).rows}
        assert not written().get("not_quote")


async def test_relabel_merge_and_split_an_entity(seeds_store, tmp_path):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        await click_mention(pilot, view, mention_named(view.article, "Medwedew"))
        await pilot.press("m", "j")
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*"Putin", "enter")
        await settle(app, pilot)
        assert written()["merge"] == [{"entities": ["person:wladimir-putin", "person:dmitri-medwedew"],
                                       "name": "Wladimir Putin"}]  # fmt: skip
        assert screen.store.entity("person:dmitri-medwedew") is None
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.store.entity("person:dmitri-medwedew") is not None

        await click_mention(pilot, view, mention_named(screen.article(view.article.id), "Kreml"))
        await pilot.press("m", "r", "2")
        await settle(app, pilot)
        assert written()["relabel"] == [{"entity": "org:kremlin", "label": "PLACE"}]
        kreml = [m for m in screen.article(view.article.id).mentions if m.text == "Kreml"]
        assert kreml and all(m.label == "PLACE" for m in kreml)
        annotated = article_of(annotate_json(tmp_path), view.article.id)
        assert {m["label"] for m in annotated["mentions"] if m["text"] == "Kreml"} == {"PLACE"}

        await click_mention(pilot, view, mention_named(screen.article(view.article.id), "Wladimir"))
        await pilot.press("m", "a")
        await settle(app, pilot)
        assert written()["split"] == [{"entity": "person:wladimir-putin", "alias": "Wladimir"}]
        wladimir = mention_named(screen.article(view.article.id), "Wladimir")
        assert wladimir.entity != "person:wladimir-putin"


async def test_a_mouse_selection_is_what_m_corrects(seeds_store):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("A").view
        text = view.article.text
        start = text.index("Kreml")
        line = view._layout.line_of(start)
        column = start - view._layout.lines[line].start  # no speaker tag before it on its line
        screen.selections = {view: Selection(Offset(column, line), Offset(column + 5, line))}
        await pilot.pause()
        assert view.selected_span() == (start, start + 5)
        assert screen.get_selected_text() == text[start : start + 5]
        await pilot.press("m")
        assert isinstance(app.screen, ChoiceMenu)
        assert f"“{text[start : start + 5]}”" in app.screen.title_text


async def test_dragging_the_mouse_over_words_selects_them(seeds_store):
    """The mouse selection as a person makes it: press, drag, release (the panes are drawn
    without selection offsets; the line under the mouse carries them)."""
    async with opened(seeds_store) as (_app, pilot, screen):
        view = screen.pane("A").view
        text = view.article.text
        start = text.index("Kreml")
        view.scroll_to_offset(start)
        await pilot.pause()
        number = view._layout.line_of(start)
        line = number - int(view.scroll_offset.y)
        column = start - view._layout.lines[number].start + 1  # + 1: the view's left padding
        await pilot.mouse_down(view, offset=(column, line))
        await pilot.hover(view, offset=(column + 4, line))  # onto the "l": the cell under the mouse is in
        await pilot.mouse_up(view, offset=(column + 4, line))
        await pilot.pause()
        assert screen.get_selected_text() == text[start : start + 5]


async def test_widen_and_narrow_the_span_word_by_word(seeds_store):
    async with opened(seeds_store) as (app, pilot, screen):
        view = screen.pane("B").view
        await search(pilot, "Financial")
        start = view.current[0]
        await pilot.press("greater_than_sign")
        assert view.article.text[slice(*view.current)] == "Financial Times"
        await pilot.press("greater_than_sign", "less_than_sign")
        assert view.current == (start, start + len("Financial Times"))
        await pilot.press("m")
        assert "“Financial Times”: organisation" in app.screen.title_text


async def test_a_broken_entities_file_is_one_line_naming_it(seeds_store):
    overrides_file().parent.mkdir(parents=True, exist_ok=True)
    overrides_file().write_text("[[tag]\ntext = ", encoding="utf-8")
    async with opened(seeds_store) as (app, pilot, screen):
        await search(pilot, "Kongress")
        await pilot.press("m", "3", "e")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any(str(overrides_file()) in message and "\n" not in message for message in messages)
        assert overrides_file().read_text(encoding="utf-8") == "[[tag]\ntext = "  # never rewritten
        assert screen.is_attached and screen.made == []
        await pilot.press("M")
        assert isinstance(app.screen, CorrectionsScreen) and app.screen.items == []


async def test_the_help_screen_lists_the_correction_keys(seeds_store):
    async with opened(seeds_store) as (app, pilot, _screen):
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("Static").content  # the rich Table the help screen shows
        help_text = "\n".join(str(cell) for column in table.columns for cell in column._cells)
        for words in ("Correct the tagger", "Undo the last correction", "All corrections", "m then x"):
            assert words in help_text
