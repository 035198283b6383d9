"""The reader, driven with the real keys (Textual Pilot) on the analysed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.state import load_state
from tui.app import NewslensApp
from tui.loader import LoadRequest
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_index import EntityIndex
from tui.widgets.filter_panel import FilterPanel
from tui.widgets.quotes_panel import QuotesPanel

SIZE = (160, 45)


def app_for(store) -> NewslensApp:
    return NewslensApp(LoadRequest([]), store=store)


def reader(app: NewslensApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def line_text(view: ArticleView, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


def screen_text(view: ArticleView) -> str:
    return "\n".join(line_text(view, y) for y in range(view.scrollable_content_region.height))


async def test_opens_two_seeds_side_by_side(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        left, right = screen.pane("A"), screen.pane("B")
        assert left.view.article.id != right.view.article.id
        assert "Kannst du Moskau treffen" in screen_text(left.view)
        assert "Trump fragte Selenskyj" in screen_text(right.view)
        assert left.region.x < right.region.x and left.region.y == right.region.y  # side by side
        assert "2 articles" in screen.sub_title


async def test_narrow_terminal_stacks_the_panes(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left, right = reader(app).pane("A"), reader(app).pane("B")
        assert left.region.x == right.region.x and left.region.y < right.region.y


async def test_the_width_class_is_set_before_the_widgets_are_styled(seeds_store, monkeypatch):
    # Textual sets it at the first resize, after mounting: restyling every widget once more
    classes_at_mount = []
    mount = ReaderScreen.on_mount

    def on_mount(self: ReaderScreen) -> None:
        classes_at_mount.append(set(self.classes))
        mount(self)

    monkeypatch.setattr(ReaderScreen, "on_mount", on_mount)
    for size, expected in (((80, 24), "-narrow"), ((100, 30), "-medium"), (SIZE, "-wide"), ((200, 50), "-roomy")):
        async with app_for(seeds_store).run_test(size=size) as pilot:
            await pilot.pause()
        assert expected in classes_at_mount.pop()


async def test_resizing_switches_between_the_layouts(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        left, right = screen.pane("A"), screen.pane("B")
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        assert left.region.x == right.region.x and left.region.y < right.region.y
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert screen.has_class("-wide") and left.region.y == right.region.y


async def test_brackets_step_the_focused_pane(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        first = screen.pane("A").view.article.id
        await pilot.press("right_square_bracket")
        assert screen.pane("A").view.article.id != first
        await pilot.press("left_square_bracket")
        assert screen.pane("A").view.article.id == first


async def test_type_toggles_and_live_counts(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        person_box = screen.query_one("#type-PERSON")
        await pilot.press("f")  # the filter panel opens over the left article (hidden, it is not kept up to date)
        assert "People (" in str(person_box.label)
        count_before = int(str(person_box.label).split("(")[1].rstrip(")"))
        assert count_before > 0
        await pilot.press("1")
        assert str(person_box.label).endswith("(0)") and not person_box.value  # live while open
        assert "PERSON" not in screen.state.labels
        await pilot.press("x")  # only selected: nothing selected, nothing changes
        await pilot.press("x")
        await pilot.press("d")  # hide instead of dim
        assert not screen.state.dim
        await pilot.press("6")
        assert not screen.state.show_generic
        await pilot.press("5")
        assert not screen.state.show_quotes
        await pilot.press("1", "6", "5", "d")
        assert "PERSON" in screen.state.labels and screen.state.show_generic and screen.state.dim
        assert int(str(person_box.label).split("(")[1].rstrip(")")) == count_before


async def test_a_hidden_filter_panel_is_up_to_date_when_it_opens(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        person_box = screen.query_one("#type-PERSON")
        assert not screen.query_one("#filters").display
        await pilot.press("1", "right_square_bracket")  # people off, another article: the panel is hidden
        await pilot.press("f")
        assert str(person_box.label).endswith("(0)") and not person_box.value
        shown = [screen.pane(label).view.article for label in "AB"]
        assert shown[0].id == shown[1].id  # both panes show the second seed now
        ids = {m.entity for m in shown[0].mentions if m.entity}
        wanted = {i for i in ids if seeds_store.entity(i).kind != "generic"}
        assert {e.id for e in screen.query_one(FilterPanel).entities} == wanted


async def test_clicking_a_checkbox_filters(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")  # at 160 columns the filters open over the left article
        await pilot.pause()
        await pilot.click("#type-WEAPON")
        await pilot.pause()
        assert "WEAPON" not in reader(app).state.labels


async def test_index_jump_and_n_walks_all_mentions_of_selenskyj(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        selenskyj = next(e for e in seeds_store.entities if e.name == "Wolodymyr Selenskyj")
        index = screen.query_one(EntityIndex)
        node = next(n for n in index.root.children[0].children if n.data == selenskyj.id)
        index.focus()
        index.move_cursor(node)
        await pilot.pause()
        assert screen.state.selected == selenskyj.id
        await pilot.press("enter")
        await pilot.pause()
        for pane in screen.panes:  # both panes at his first mention in their article
            first = seeds_store.index.first(selenskyj.id, pane.view.article.id)
            line = pane.view._layout.line_of(first.start)
            assert pane.view.scroll_offset.y <= line < pane.view.scroll_offset.y + pane.view.size.height
        seen = set()
        for _ in range(selenskyj.mentions):
            await pilot.press("n")
            seen.add(screen.navigator.cursor)
        assert len(seen) == selenskyj.mentions  # every mention, in both articles
        assert {article for article, _ in seen} == set(selenskyj.articles)
        await pilot.press("N")
        assert screen.navigator.cursor in seen


async def test_clicking_a_mention_selects_its_entity(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        view = screen.pane("A").view
        layout = view._layout
        target = next(m for m in view.article.mentions if m.text == "Trump")
        line = layout.line_of(target.start)
        column = 0
        for piece in layout.lines[line].pieces:
            if isinstance(piece, tuple) and piece[0] <= target.start < piece[1]:
                column += target.start - piece[0]
                break
            column += piece.width if not isinstance(piece, tuple) else piece[1] - piece[0]
        await pilot.click(view, offset=(column + 1 + 1, line))  # +1 padding
        await pilot.pause()
        assert screen.state.selected == target.entity


async def test_compare_mode_marks_and_lists_differences(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        await pilot.press("c")
        await pilot.pause()
        assert screen.state.compare
        panel = screen.query_one("#compare")
        assert panel.display
        text = str(panel.query_one("#differences").render())
        assert "Only in A" in text and "Only in B" in text and "In both" in text
        assert screen.pane("A").view.marks is not None and screen.pane("A").view.marks.entities


def listed(panel: QuotesPanel) -> list[str]:
    listing = panel.query_one("OptionList")
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_quotes_panel_lists_seed_quotations_and_jumps(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = reader(app).query_one(QuotesPanel)
        speakers = {quote.speaker for _, _, quote in panel.rows}
        assert {"Trump", "Selenskyj", "Medwedew", "Ein Beamter"} <= speakers
        shown = listed(panel)
        assert any("Donald Trump" in row for row in shown)
        assert not any(row.splitlines()[0].endswith("der US-Präsident") for row in shown)  # resolved to the person
        panel.query_one("#speaker-filter").value = "Medwedew"
        await pilot.pause()
        assert len(listed(panel)) == 1
        panel.query_one("#speaker-filter").value = "us-präsident"  # the words of the text find it too
        await pilot.pause()
        assert len(listed(panel)) >= 1
        panel.query_one("#speaker-filter").value = "Medwedew"
        await pilot.pause()
        panel.query_one("OptionList").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).navigator.cursor is not None


async def test_search_and_n_like_less(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        await pilot.press("slash")
        await pilot.press(*"Moskau", "enter")
        await pilot.pause()
        view = screen.pane(screen.active).view
        assert view.matches and screen.navigator.cursor[1] == view.matches[0][0]
        await pilot.press("n")
        assert screen.navigator.cursor[1] == view.matches[1][0]
        await pilot.press("escape")  # ends the search: n/N walk mentions again
        assert not screen.navigator.searching


async def test_sync_scroll_follows_by_paragraph(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        await pilot.press("s")
        assert screen.sync
        screen.pane("A").view.scroll_to(y=20, animate=False)
        await pilot.pause()
        assert screen.pane("B").view.scroll_offset.y > 0


async def test_article_picker_opens_by_fuzzy_title(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        screen.pane("A").view.focus()
        await pilot.press("o")
        await pilot.press(*"fragte Selensk", "enter")
        await pilot.pause()
        assert screen.pane("A").view.article.title.startswith("Trump fragte Selenskyj")


async def test_help_lists_every_reader_key(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        described = {binding.description for binding in app.screen.bindings}
        assert {"Compare", "Sync scroll", "Search", "Next", "Export", "Theme", "Open article"} <= described
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_theme_cycles_and_is_remembered(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.theme
        await pilot.press("t")
        assert app.theme != first and app.theme.startswith("newslens-")
        chosen = app.theme
    state, warning = load_state()
    assert warning is None and state.theme == chosen


async def test_position_and_filters_are_remembered(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "6")
    state, _ = load_state()
    assert not state.view.show_generic
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        assert not screen.state.show_generic
        assert screen.pane("A").view.article.id == next(iter(state.positions.values())).left


async def test_command_palette_jumps_to_entity(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Jump to entity: Medwedew")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        medwedew = next(e for e in seeds_store.entities if e.name == "Dmitri Medwedew")
        assert reader(app).state.selected == medwedew.id


async def test_export_key_writes_the_current_view(seeds_store, tmp_path):
    app = app_for(seeds_store)
    target = tmp_path / "view.html"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "e")
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    html = target.read_text(encoding="utf-8")
    assert "Differences" in html and "<script" not in html


async def test_broken_user_theme_is_a_notification_not_a_crash(seeds_store, tmp_path, monkeypatch):
    themes = Path(__import__("os").environ["NEWSLENS_CONFIG_DIR"]) / "themes"
    themes.mkdir(parents=True)
    (themes / "broken.toml").write_text('name = "broken"\ndark = true\n[colors]\nprimary = "nope"\n', encoding="utf-8")
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("broken.toml" in m and "colors" in m for m in messages)
        await pilot.press("t")  # still running, themes still cycle
        assert isinstance(app.screen, ReaderScreen)


HOSTILE = (
    "Titel [bold red]Markup[/] und <script>alert('x')</script>\n"
    "Absatz mit [link=https://evil.example]Link[/link], $variable, {{ jinja }} & <b>HTML</b> und „Zitat“, sagte er.\n"
)


@pytest.fixture
def hostile_store(tmp_path):
    from core.analysis import Options, analyse

    path = tmp_path / "hostile.txt"
    path.write_bytes((HOSTILE + "Ende \x1b[31mrot\x1b[0m und \u202eumgedreht\u202c.\n").encode("utf-8"))
    return analyse([path], Options(use_cache=False))


async def test_hostile_text_is_shown_literally(hostile_store):
    app = app_for(hostile_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).pane("A").view
        shown = screen_text(view)
        assert "[bold red]Markup[/]" in shown and "<script>alert('x')</script>" in shown
        assert "[link=https://evil.example]Link[/link]" in shown and "{{ jinja }}" in shown
        assert "\x1b" not in shown and "\u202e" not in shown and "rot" in shown
        title = str(reader(app).pane("A").bar.render())
        assert "[bold red]Markup[/]" in title


def big_store():
    """A 1 MB article with 14,000 mentions, built by hand (this is about rendering, not tagging)."""
    from core.analysis import link_and_index
    from core.formats import paragraph_spans
    from core.models import AnnotatedArticle, Mention
    from core.overrides import EntityOverrides
    from core.store import MemoryStore

    sentence = "Selenskyj sprach in Kiew über Patriot-Raketen und die Lage an der Front. "
    text = "Großer Artikel\n" + "\n".join(sentence * 20 for _ in range(700))
    mentions, position = [], 0
    while (position := text.find("Selenskyj", position)) != -1:
        mentions.append(Mention(start=position, end=position + 9, text="Selenskyj", label="PERSON"))
        position += 9
    article = AnnotatedArticle(id="big", title="Großer Artikel", path="big.txt", text=text,
                               paragraphs=tuple(paragraph_spans(text)), mentions=tuple(mentions))  # fmt: skip
    corpus, index = link_and_index([article], pipeline=None, overrides=EntityOverrides())
    return MemoryStore("big", list(corpus.articles), list(corpus.entities), index)


async def test_large_article_renders_only_visible_lines():
    store = big_store()
    assert len(store.articles[0].text) > 1_000_000
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        view = screen.pane("A").view
        assert view.virtual_size.height > 10_000
        view.scroll_to(y=view.virtual_size.height - 10, animate=False)
        await pilot.pause()
        assert "Selenskyj" in screen_text(view)
        screen.select(store.entities[0].id)
        await pilot.press("N")  # the last mention: a jump to the far end
        await pilot.pause()
        assert screen.navigator.cursor[1] > 1_000_000


async def test_reader_on_a_warm_cache_loads_articles_from_another_thread(tmp_path):
    """The cache is opened in the loader thread and read from the UI thread (regression)."""
    from core.analysis import Options, analyse

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"Artikel {name}\nMerz trifft Selenskyj in Berlin.\n", encoding="utf-8")
    analyse([corpus], Options())  # fills the cache
    app = NewslensApp(LoadRequest([corpus]))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            if reader(app).store is not None:
                break
        screen = reader(app)
        assert "(from cache)" in screen.sub_title
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert "Merz trifft Selenskyj" in screen_text(screen.pane("A").view)


async def test_reader_annotates_in_the_background(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Artikel a\nFriedrich Merz trifft Selenskyj in Berlin.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Artikel b\n„Wir helfen“, sagte Merz.\n", encoding="utf-8")
    from textual.widgets import ProgressBar

    updates, update = [], ProgressBar.update
    monkeypatch.setattr(ProgressBar, "update", lambda bar, **values: (updates.append(values), update(bar, **values))[1])
    app = NewslensApp(LoadRequest([corpus], use_cache=False))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            if reader(app).store is not None:
                break
        screen = reader(app)
        assert screen.store is not None and "2 articles" in screen.sub_title
        assert any("Merz" in m.text and m.label == "PERSON" for m in screen.pane("A").view.article.mentions)
        assert {"total": 2, "progress": 0} in updates and {"progress": 2} in updates  # a progress bar while annotating
        assert not screen.query_one("#progress").display


@pytest.mark.parametrize(
    "damage",
    ["UPDATE corpus_articles SET data = '{x'", "UPDATE corpus_articles SET counts = 'nope'",
     """UPDATE corpora SET entities = '[{"x": 1}]'"""],
    ids=["article", "counts", "entities"],
)  # fmt: skip
async def test_reader_survives_damaged_cache_rows(tmp_path, damage):
    import sqlite3

    from core.analysis import Options, analyse
    from core.cache import default_cache

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"Artikel {name}\nMerz trifft Selenskyj in Berlin.\n", encoding="utf-8")
    analyse([corpus], Options())
    with sqlite3.connect(default_cache().path) as connection:
        connection.execute(damage)
    app = NewslensApp(LoadRequest([corpus]))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            if reader(app).store is not None and reader(app).pane("A").view.article is not None:
                break
        screen = reader(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Artikel b" in screen_text(screen.pane("A").view)
        messages = [n.message for n in app._notifications]
        assert sum("does not validate" in m for m in messages) == 1, messages
    assert app.return_code in (None, 0)


async def test_file_names_with_escapes_reach_the_screen_as_text(tmp_path):
    import re

    folder = tmp_path / "osc\x1b]0;PWNED\x07"
    folder.mkdir()
    (folder / "a\x1b[2J.txt").write_text("Artikel a\nMerz trifft Selenskyj in Berlin.\n", encoding="utf-8")
    missing = tmp_path / "weg\x1b[2J.txt"
    app = NewslensApp(LoadRequest([folder, missing], use_cache=False))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            if reader(app).store is not None:
                break
        screen = reader(app)
        shown = [screen.sub_title, *(n.message for n in app._notifications), *(n.title for n in app._notifications)]
        assert any("weg\\x1b[2J.txt" in text for text in shown), shown
        assert "osc\\x1b]0;PWNED\\x07" in screen.sub_title
        assert not any(re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text) for text in shown)


async def test_stepping_back_reuses_the_line_layout_and_shows_the_same_lines(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).pane("A").view
        layout, shown = view._layout, screen_text(view)
        await pilot.press("]")
        await pilot.pause()
        assert view._layout is not layout
        await pilot.press("[")
        await pilot.pause()
        assert view._layout is layout  # not wrapped again
        assert screen_text(view) == shown


async def test_an_article_step_draws_the_article_before_the_side_panels(seeds_store):
    """] shows the next article in the first frame; the quotations and index follow a frame later."""
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        view, quotes = screen.pane("A").view, screen.query_one(QuotesPanel)
        drawn: list[tuple[str, set[tuple[str, str]]]] = []
        draw = view.render_lines

        def spy(crop):
            drawn.append((view.article.id, {(pane, article) for pane, article, _ in quotes.rows}))
            return draw(crop)

        view.render_lines = spy
        await pilot.press("right_square_bracket")
        await pilot.pause()
        now = view.article.id
        first = next(listed for shown, listed in drawn if shown == now)
        assert ("A", now) not in first  # the quotations still those of the article before
        assert ("A", now) in {(pane, article) for pane, article, _ in quotes.rows}
