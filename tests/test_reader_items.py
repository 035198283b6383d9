"""Issue 16, item by item: the reader driven with the real keys on the analysed seeds."""

from __future__ import annotations

import re

import pytest
from textual.strip import Strip

from core.highlight import paint
from tui.app import NewslensApp
from tui.loader import LoadRequest
from tui.screens.reader import ReaderScreen
from tui.widgets.article_layout import TAG_MARK
from tui.widgets.article_pane import ArticlePane
from tui.widgets.entity_index import EntityIndex

SIZE = (160, 45)


def app_for(store) -> NewslensApp:
    return NewslensApp(LoadRequest([]), store=store)


def reader(app: NewslensApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def on_screen(app: NewslensApp, pane: ArticlePane) -> list[str]:
    """The characters the compositor put in a pane's text area, line by line (what the terminal shows)."""
    strips: list[Strip] = app.screen._compositor.render_strips()
    region = pane.view.scrollable_content_region
    lines = []
    for y in range(region.y, region.y + region.height):
        text = "".join(segment.text for segment in strips[y])
        lines.append(text[region.x : region.x + region.width])
    return lines


def expected_text(store, pane: ArticlePane) -> str:
    """The article text with its speaker tags, whitespace folded."""
    article = pane.view.article
    painting = paint(article, pane.view.state, {e.id: e.name for e in store.entities})
    text, pieces, position = article.text, [], 0
    for tag in painting.tags:
        pieces += [text[position : tag.offset], f" {TAG_MARK}{tag.text} "]
        position = tag.offset
    pieces.append(text[position:])
    return " ".join("".join(pieces).split())


async def read_pane(pilot, app, pane: ArticlePane) -> str:
    """Scroll a pane from top to bottom a page at a time and return what was on screen, whitespace folded."""
    view = pane.view
    seen: list[str] = []
    next_line, total = 0, len(view._layout.lines)
    while next_line < total:
        view.scroll_to(y=next_line, animate=False)
        await pilot.pause()
        top = int(view.scroll_offset.y)
        lines = on_screen(app, pane)
        seen += [line for number, line in enumerate(lines, top) if next_line <= number < total]
        next_line = top + len(lines)
    return " ".join(" ".join(seen).split())


# -- 1: every character of the article on screen, at every width -----------------------------------


def drawn(pane: ArticlePane) -> str:
    """Every line the view hands the compositor (each cropped to the pane), whitespace folded."""
    view = pane.view
    assert view.scroll_offset.y == 0
    lines = ["".join(segment.text for segment in view.render_line(y)) for y in range(len(view._layout.lines))]
    assert all(len(line) == view.scrollable_content_region.width for line in lines)
    return " ".join(" ".join(lines).split())


async def test_every_character_is_drawn_at_every_width_from_40_to_200(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=(40, 40)) as pilot:
        await pilot.pause()
        for width in range(40, 201):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            for pane in reader(app).panes:
                assert drawn(pane) == expected_text(seeds_store, pane), f"width {width}, pane {pane.label}"


@pytest.mark.parametrize("width", [40, 89, 90, 130, 160, 200])
async def test_every_character_is_on_the_terminal(seeds_store, width):
    app = app_for(seeds_store)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        for pane in reader(app).panes:
            assert await read_pane(pilot, app, pane) == expected_text(seeds_store, pane)


# -- 2: the active pane is marked, whatever has the focus --------------------------------------


async def test_the_active_pane_is_marked_after_a_click_and_keeps_its_mark(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        a, b = screen.pane("A"), screen.pane("B")
        assert a.has_class("-active") and not b.has_class("-active")
        await pilot.click(b.view, offset=(5, 5))
        await pilot.press("right_square_bracket")
        assert b.has_class("-active") and not a.has_class("-active")
        assert b.view.article.id == seeds_store.articles[0].id  # ] stepped pane B
        screen.query_one("#index").focus()  # the index, the quotes, a checkbox: B stays the active pane
        await pilot.pause()
        assert b.has_class("-active") and screen.active == "B"
        await pilot.press("tab")


# -- 3: d dims or hides filtered mentions, visibly ---------------------------------------------


async def test_d_switches_filtered_mentions_between_dimmed_and_plain(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).pane("A").view
        title_end = view.article.paragraphs[0][1]
        trump = next(m for m in view.article.mentions if m.entity == "person:donald-trump" and m.start > title_end)
        plain = view._style(view.painting.run_at(trump.start - 1).classes)
        await pilot.press("1")  # people off: dimmed
        await pilot.pause()
        dimmed = view._style(view.painting.run_at(trump.start).classes)
        assert dimmed.color != plain.color and not dimmed.bold
        await pilot.press("d")  # hidden: plain text
        await pilot.pause()
        assert view.painting.run_at(trump.start).mention is None
        assert view._style(view.painting.run_at(trump.start).classes) == plain


# -- 4: hiding the side panels gives the room to the articles ---------------------------------


async def test_hiding_index_and_quotes_gives_the_panes_the_width(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        before = screen.pane("A").view.wrap_width
        assert before >= 60 and screen.pane("B").view.wrap_width >= 60  # room to read at 160 columns
        await pilot.press("i", "w")
        await pilot.pause()
        assert not screen.query_one("#sidebar").display
        assert screen.pane("B").region.right == 160
        assert screen.pane("A").view.wrap_width > before + 10
        await pilot.press("i")
        await pilot.pause()
        assert screen.query_one("#sidebar").display and screen.query_one("#index").display


# -- 5: the quotes panel filters by the words of the quotation too ----------------------------


async def test_quotes_filter_finds_the_words_and_the_roles(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = reader(app).query_one("#quotes")
        field = panel.query_one("#speaker-filter")
        field.focus()
        await pilot.press(*"Moskau")
        await pilot.pause()
        assert len(panel.shown) >= 3 and all("Moskau" in panel.rows[n][2].text for n in panel.shown)
        field.value = ""
        await pilot.press(*"Kreml-Sprecher")
        await pilot.pause()
        assert [panel.rows[n][2].speaker_entity for n in panel.shown] == ["person:dmitry-peskov"]


# -- 6: after Esc, a click on the same index row selects again ---------------------------------


async def test_clicking_the_same_index_row_after_escape_selects_again(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        index = screen.query_one(EntityIndex)
        node = next(n for n in index.root.children[0].children if n.data == "person:donald-trump")
        row = node.line
        await pilot.click(index, offset=(6, row))
        await pilot.pause()
        assert screen.state.selected == "person:donald-trump"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.state.selected is None
        await pilot.click(index, offset=(6, row))
        await pilot.pause()
        assert screen.state.selected == "person:donald-trump"


# -- 7: search and entity walks cross the panes alike, and ? searches backward -----------------------


async def test_search_n_crosses_into_the_other_pane_like_entities_do(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        a, b = screen.pane("A").view, screen.pane("B").view
        await pilot.press("slash", *"Moskau", "enter")
        await pilot.pause()
        visited = [screen.navigator.cursor]
        for _ in range(len(a.matches) + len(b.matches) - 1):
            await pilot.press("n")
            await pilot.pause()
            visited.append(screen.navigator.cursor)
        assert {article for article, _ in visited} == {a.article.id, b.article.id}
        assert len(set(visited)) == len(a.matches) + len(b.matches)
        assert screen.pane(screen.active).note.startswith("match ")
        await pilot.press("n")  # wraps around
        await pilot.pause()
        assert screen.navigator.cursor == visited[0]
        await pilot.press("escape", "question_mark", *"Moskau", "enter")  # backward: from the top, the last one
        await pilot.pause()
        assert screen.navigator.backward and screen.navigator.cursor == visited[-1]


async def test_current_mention_is_marked_apart_and_the_count_is_in_the_title_bar(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        screen.select("person:donald-trump")
        await pilot.press("n")
        await pilot.pause()
        pane = screen.pane(screen.active)
        start, end = pane.view.current
        assert pane.view.article.text[start:end] in ("Trump", "Donald Trump", "Trumps")
        assert re.fullmatch(r"Donald Trump \d+/25", pane.note)
        assert not app._notifications  # the count is not a toast over the text
        pieces = list(pane.view.painting.pieces(start, end, pane.view._overlays))
        assert all("current" in classes and "selected" in classes for _, _, classes in pieces)


async def test_g_and_shift_g_go_to_the_top_and_the_end(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = reader(app).pane("B").view
        view.focus()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_offset.y == 0


# -- 8: the command palette lists newslens's commands before anything is typed ------------------


async def test_command_palette_lists_newslens_commands_first(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        listing = app.screen.query_one("CommandList")
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        for wanted in ("Jump to entity…", "Open article…", "Export the view as HTML…", "Theme: newslens-light"):
            assert any(wanted in line for line in shown), wanted
        ours = max(next(i for i, line in enumerate(shown) if wanted in line) for wanted in ("Jump to entity…",
                   "Open article…", "Export the view as HTML…"))  # fmt: skip
        assert ours < next(i for i, line in enumerate(shown) if line.startswith("Quit"))  # before Textual's own
        await pilot.press(*"Jump to entity…")
        found = await _options_once(pilot, app, lambda line: line.startswith("Jump to entity…"))
        # the palette answers asynchronously and ranks entity names matching the words beside the command
        wanted = next(i for i, line in enumerate(found) if line.startswith("Jump to entity…"))
        app.screen.query_one("CommandList").highlighted = wanted
        await pilot.press("enter")  # a palette of the entities
        await pilot.pause(0.5)
        await pilot.press(*"Medwedew")
        found = await _options_once(pilot, app, lambda line: "Medwedew" in line)
        app.screen.query_one("CommandList").highlighted = next(i for i, line in enumerate(found) if "Medwedew" in line)
        await pilot.press("enter")
        for _ in range(50):
            if reader(app).state.selected == "person:dmitri-medwedew":
                break
            await pilot.pause(0.1)
        assert reader(app).state.selected == "person:dmitri-medwedew"


async def _options_once(pilot, app, wanted) -> list[str]:
    """The palette's options once one of them is ``wanted`` (its providers answer asynchronously)."""
    for _ in range(50):
        await pilot.pause(0.1)
        listing = app.screen.query_one("CommandList")
        found = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        if any(wanted(line) for line in found):
            return found
    return found


# -- 9: the export dialog asks before replacing a file ------------------------------------------


async def test_export_dialog_offers_to_replace_an_existing_file(seeds_store, tmp_path):
    target = tmp_path / "view.html"
    target.write_text("old", encoding="utf-8")
    app = app_for(seeds_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists. Replace it?" in str(dialog.query_one("#message").render())
        assert "--force" not in str(dialog.query_one("#message").render())
        assert target.read_text(encoding="utf-8") == "old"
        description = dialog.query_one("#description")
        assert description.size.height >= 2  # wrapped, not cut off
        await pilot.press("enter")  # Replace
        await pilot.pause()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- 11: unticked checkboxes are empty; generic words are not listed as entities ---------------------


async def test_a_hidden_filter_panel_lists_the_entities_on_screen_when_opened(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:  # 160 columns: the filters are an overlay, closed
        await pilot.pause()
        screen = reader(app)
        await pilot.press("]")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        listing = screen.query_one("#entity-list")
        listed = {listing.get_option_at_index(i).value for i in range(listing.option_count)} - {""}
        shown = {m.entity for pane in screen.panes for m in pane.view.article.mentions if m.entity}
        assert listed and listed <= shown
        assert {e.id for e in screen.store.entities if e.id in shown and e.kind != "generic"} <= listed


async def test_unticked_checkbox_shows_no_mark_and_generic_words_are_apart(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = reader(app)
        box = screen.query_one("#type-PERSON")
        await pilot.press("1")
        await pilot.pause()
        button = box.get_visual_style("toggle--button")
        assert button.foreground == button.background  # no X to see
        listing = screen.query_one("#entity-list")
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        heading = prompts.index("generic weapon words")
        assert all(not p.startswith(("Waffe ", "Drohne ", "Rakete ")) for p in prompts[:heading])
        assert any(p.startswith("Waffe ") for p in prompts[heading:])
        await pilot.press("6")  # generic words off: not listed at all
        await pilot.pause()
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert "generic weapon words" not in prompts and not any(p.startswith("Waffe ") for p in prompts)
        index = screen.query_one(EntityIndex)
        branches = [str(node.label) for node in index.root.children]
        assert branches[-1].startswith("Generic weapon words") and not index.root.children[-1].is_expanded


# -- room to read -----------------------------------------------------------------------------


async def test_speaker_tags_can_be_hidden_with_a(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = reader(app).pane("B").view
        assert view.painting.tags
        await pilot.press("a")
        await pilot.pause()
        assert not view.painting.tags and TAG_MARK not in " ".join(on_screen(app, reader(app).pane("B")))


async def test_narrow_terminals_open_the_panels_over_the_text(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = reader(app)
        assert not screen.query_one("#sidebar").display and screen.pane("A").view.wrap_width >= 70
        await pilot.press("w")
        await pilot.pause()
        assert screen.query_one("#sidebar").display and screen.focused in screen.query_one("#quotes").walk_children()
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one("#sidebar").display


async def test_a_highlighted_quotation_is_shown_whole(seeds_store):
    app = app_for(seeds_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = reader(app).query_one("#quotes")
        listing = panel.query_one("OptionList")
        long = next(i for i, n in enumerate(panel.shown) if len(panel.rows[n][2].text) > 120)
        listing.focus()
        listing.highlighted = long
        await pilot.pause()
        text = " ".join(panel.rows[panel.shown[long]][2].text.split())
        assert text in " ".join(str(listing.get_option_at_index(long).prompt).split())


async def test_help_lists_every_key_under_a_task_and_f1_is_in_the_footer_at_80_columns(seeds_store):
    from tui.screens.help import HelpScreen, group_of
    from tui.widgets.article_view import ArticleView

    for binding in [*ReaderScreen.BINDINGS, *ArticleView.BINDINGS, *NewslensApp.BINDINGS]:
        assert group_of(binding) != "Other", binding
    app = app_for(seeds_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = "".join(s.text for s in app.screen._compositor.render_strips()[23])
        assert footer.lstrip().startswith("F1 Help")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
