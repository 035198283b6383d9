"""HTML and displaCy export: structure, links, escaping, themes and the CLI command.

Everything runs on hand-built records (no spaCy, no model). The HTML is parsed
with html5lib, as a browser would parse it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from xml.etree.ElementTree import Element

import html5lib
import pytest
from pydantic import ValidationError

from core.errors import ExportError, ThemeError
from core.export import IdMaker, contrast, palette, readable, render_displacy, render_html, slug
from core.models import LABELS, AnnotatedArticle, Corpus, Entity, Mention, Quote
from core.themes import ThemeSpec, load_theme_file, load_themes
from core.view import CUES, ViewState, cue_key
from tui.cli import main

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</style><script>x</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
HOSTILE = (SCRIPT, BREAKOUT, IMG, JS_URL)
THEMES = sorted(load_themes().themes)


# -- fixtures ----------------------------------------------------------------------


def _at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(text: str, needle: str, label: str, entity: str | None, *, occurrence: int = 0, kind=None) -> Mention:
    start, end = _at(text, needle, occurrence)
    return Mention(start=start, end=end, text=needle, label=label, entity=entity, kind=kind)


def _quote(text: str, needle: str, **fields) -> Quote:
    start, end = _at(text, needle)
    return Quote(start=start, end=end, text=needle, **fields)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))


def make_first() -> AnnotatedArticle:
    """Article A: hostile text, a nested quotation, a mention straddling a quotation edge."""
    title = f"Trump {SCRIPT} trifft Selenskyj"
    text = (
        f"{title}\n\n"
        f"Donald Trump sagte in Berlin: „Die Patriot ist gut {BREAKOUT} & [bold]“. Er nannte das {IMG}.\n"
        f"Laut NATO sei „alles {JS_URL} in Ordnung“ gewesen, sagte Selenskyj über die Raketen.\n"
        "Ein „Titel“ ohne Sprecher. Am Ende nannte Mark Rutte die Lage „ernst“.\r\n"
    )
    straddle_start = text.index("Mark Rutte") + len("Mark ")
    return AnnotatedArticle(
        id='a/one"><script>',
        title=title,
        path="folder/one.txt",
        text=text,
        paragraphs=_paragraphs(text),
        mentions=(
            _mention(text, "Trump", "PERSON", "person:trump"),
            _mention(text, "Selenskyj", "PERSON", "person:selenskyj"),
            _mention(text, "Donald Trump", "PERSON", "person:trump"),
            _mention(text, "Berlin", "PLACE", "place:berlin"),
            _mention(text, "Patriot", "WEAPON", "weapon:patriot", kind="named"),
            _mention(text, "NATO", "ORG", "org:a.b"),
            _mention(text, "Selenskyj", "PERSON", "person:selenskyj", occurrence=1),
            _mention(text, "Raketen", "WEAPON", "weapon:raketen", kind="generic"),
            _mention(text, "Mark Rutte", "PERSON", 'person:rutte"><img src=x>'),
        ),
        quotes=(
            _quote(text, f"„Die Patriot ist gut {BREAKOUT} & [bold]“", speaker=SCRIPT, speaker_entity="person:trump"),
            _quote(
                text,
                f"sei „alles {JS_URL} in Ordnung“ gewesen",
                speaker="Selenskyj",
                kind="indirect",
                speaker_entity="person:selenskyj",
            ),
            _quote(text, f"„alles {JS_URL} in Ordnung“", speaker=IMG, speaker_entity=None),
            _quote(text, "„Titel“", speech=False),
            # Starts inside "Mark Rutte": the mention must stay one element, the text complete.
            Quote(start=straddle_start, end=len(text) - 2, text=text[straddle_start:-2], speaker="Rutte"),
        ),
    )


def make_second() -> AnnotatedArticle:
    """Article B: shares Trump and Berlin with A, adds an organisation and a hostile title."""
    title = f"Treffen in Berlin {IMG}"
    text = f"{title}\n„Wir helfen“, sagte Trump.\nDie NATO und die EU {JS_URL} beraten in Berlin.\n"
    return AnnotatedArticle(
        id="b-two",
        title=title,
        path="two.jsonl#2",
        text=text,
        paragraphs=_paragraphs(text),
        mentions=(
            _mention(text, "Berlin", "PLACE", "place:berlin"),
            _mention(text, "Trump", "PERSON", "person:trump"),
            _mention(text, "NATO", "ORG", "org:a-b"),
            _mention(text, "EU", "ORG", None),
            _mention(text, "Berlin", "PLACE", "place:berlin", occurrence=1),
        ),
        quotes=(_quote(text, "„Wir helfen“", speaker="Trump", speaker_entity="person:trump", cue="sagte"),),
    )


ENTITIES = (
    Entity(id="person:trump", label="PERSON", name=f"Donald {SCRIPT}", aliases=(IMG,), roles=(BREAKOUT,)),
    Entity(id="person:selenskyj", label="PERSON", name="Selenskyj"),
    Entity(id='person:rutte"><img src=x>', label="PERSON", name="Mark Rutte"),
    Entity(id="place:berlin", label="PLACE", name=JS_URL),
    Entity(id="weapon:patriot", label="WEAPON", name="Patriot", kind="named"),
    Entity(id="weapon:raketen", label="WEAPON", name="Raketen", kind="generic"),
    Entity(id="org:a.b", label="ORG", name="NATO"),
    Entity(id="org:a-b", label="ORG", name="NATO (B)"),
)
FIRST, SECOND = make_first(), make_second()
ARTICLES = (FIRST, SECOND)
VIEWS = {
    "default": ViewState(),
    "no-quotes": ViewState(show_quotes=False),
    "compare": ViewState(compare=True, selected="person:trump"),
    "only-selected": ViewState(selected="person:selenskyj", only_selected=True),
    "hidden": ViewState(labels=frozenset({"PERSON", "WEAPON"}), show_generic=False, dim=False),
    "one-article": ViewState(articles=("b-two",)),
    "unticked": ViewState(hidden=frozenset({"person:selenskyj", "place:berlin"}), dim=False),
}


def parse(html: str) -> Element:
    return html5lib.parse(html, namespaceHTMLElements=False)


def text_of(element: Element) -> str:
    return "".join(element.itertext())


def export(view: ViewState = VIEWS["default"], theme: str = "newslens-dark", articles=ARTICLES) -> str:
    return render_html(articles, ENTITIES, view, load_themes().get(theme), title=f"Export {SCRIPT}")


def shown_articles(view: ViewState) -> list[AnnotatedArticle]:
    by_id = {a.id: a for a in ARTICLES}
    return [by_id[i] for i in view.articles] if view.articles else list(ARTICLES)


def text_elements(doc: Element) -> list[Element]:
    return [e for e in doc.iter("div") if "text" in e.get("class", "").split()]


def classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())


# -- structure ----------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", VIEWS)
def test_text_element_holds_exactly_the_article_text(name: str, theme: str):
    view = VIEWS[name]
    holders = text_elements(parse(export(view, theme)))
    assert [text_of(e) for e in holders] == [a.text for a in shown_articles(view)]


@pytest.mark.parametrize("name", VIEWS)
def test_each_rendered_mention_is_one_element_with_its_type(name: str):
    view = VIEWS[name]
    for holder, article in zip(text_elements(parse(export(view))), shown_articles(view), strict=True):
        elements = [e for e in holder.iter() if e.get("data-label")]
        expected = [m for m in article.mentions if view.visibility(m) != "hidden"]
        expected.sort(key=lambda m: m.start)
        assert [(text_of(e), e.get("data-label")) for e in elements] == [(m.text, m.label) for m in expected]
        for element, mention in zip(elements, expected, strict=True):
            key = cue_key(mention.label, mention.kind)
            assert {"m", f"m-{key.lower().replace(' ', '-')}", *(f"cue-{c}" for c in CUES[key])} <= classes(element)
            assert element.get("title", "").startswith(key)
            assert ("dim" in classes(element)) == (view.visibility(mention) == "dimmed")


def test_hidden_mentions_are_plain_text():
    view = VIEWS["hidden"]
    doc = parse(export(view))
    labels = {e.get("data-label") for holder in text_elements(doc) for e in holder.iter() if e.get("data-label")}
    assert labels == {"PERSON", "WEAPON"}
    assert not any("dim" in classes(e) for e in doc.iter())
    generic = [e for e in doc.iter() if "m-weapon-generic" in classes(e)]
    assert generic == []


@pytest.mark.parametrize("name", VIEWS)
def test_ids_are_unique_safe_and_every_link_resolves(name: str):
    doc = parse(export(VIEWS[name]))
    ids = [e.get("id") for e in doc.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    hrefs = [e.get("href") for e in doc.iter() if e.get("href") is not None]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)


def test_mentions_link_to_index_and_index_links_back():
    doc = parse(export())
    by_id = {e.get("id"): e for e in doc.iter() if e.get("id")}
    trump = by_id["e-person-trump"]
    targets = [a.get("href")[1:] for a in trump.iter("a")]
    assert len(targets) == 3  # A: "Trump", "Donald Trump"; B: "Trump"
    for target in targets:
        assert by_id[target].get("href") == f"#{trump.get('id')}"
    # Two entity ids that sanitise alike still get distinct index entries.
    assert {"e-org-a-b", "e-org-a-b-2"} <= set(by_id)
    assert "e-person-rutte-img-src-x" in by_id


def test_quotations_list_links_to_quotes_and_skips_non_speech():
    doc = parse(export())
    section = next(e for e in doc.iter("section") if e.get("id") == "quotations")
    rows = section.findall(".//tbody/tr")
    assert len(rows) == 5  # 4 speech quotations in A, 1 in B; the title quote is left out
    by_id = {e.get("id"): e for e in doc.iter() if e.get("id")}
    for row in rows:
        jump = row.find(".//a[@class='jump']")
        target = by_id[jump.get("href")[1:]]
        assert target.get("id").startswith(("q-", "t-"))
    assert "„Titel“" not in text_of(section)
    speakers = [e.get("data-speaker") for e in doc.iter() if e.get("data-speaker")]
    # the resolved entity name (as in the reader), raw in the attribute and shown by CSS only
    assert f"Donald {SCRIPT}" in speakers and "Rutte" in speakers


def test_selected_entity_emphasised_in_every_article():
    doc = parse(export(VIEWS["compare"]))
    selected = [e for holder in text_elements(doc) for e in holder.iter() if "sel" in classes(e)]
    assert sorted(text_of(e) for e in selected) == ["Donald Trump", "Trump", "Trump"]


def test_compare_marks_entities_quotations_and_lists_differences():
    doc = parse(export(ViewState(compare=True)))
    marks = {text_of(e): c for e in doc.iter() for c in ("mk-shared", "mk-only") if c in classes(e)}
    assert marks["Berlin"] == "mk-shared" and marks["Trump"] == "mk-shared"
    assert marks["Patriot"] == "mk-only" and "Raketen" not in marks  # generic words are not compared
    differences = next(e for e in doc.iter("section") if e.get("id") == "differences")
    columns = [text_of(h) for h in differences.iter("h3")]
    assert columns[:3] == ["Only in A (4)", "In both (2)", "Only in B (1)"]  # B: org:a-b; EU has no entity
    assert any("q-only" in classes(e) for e in doc.iter())


def test_compare_needs_two_articles():
    doc = parse(export(ViewState(compare=True, articles=("b-two",))))
    assert not any(e.get("id") == "differences" for e in doc.iter())


def test_legend_counts_visible_mentions_per_type():
    doc = parse(export(VIEWS["hidden"]))
    legend = next(e for e in doc.iter("ul") if e.get("id") == "legend")
    swatches = [(li, next(e for e in li.iter("span") if "swatch" in classes(e))) for li in legend.findall("li")]
    items = {text_of(swatch): text_of(li) for li, swatch in swatches}
    assert items["PERSON"] == "PERSON6"
    assert items["WEAPON"] == "WEAPON1"
    assert items["PLACE"] == "PLACE0(hidden)"
    assert items["WEAPON generic"] == "WEAPON generic0(hidden)"


def test_unknown_article_in_view_is_an_export_error():
    with pytest.raises(ExportError, match="unknown article id 'nope'"):
        export(ViewState(articles=("nope",)))


# -- escaping -------------------------------------------------------------------------


@pytest.mark.parametrize("name", VIEWS)
def test_hostile_values_stay_text(name: str):
    html = export(VIEWS[name])
    doc = parse(html)
    assert re.search(r"<\s*(script|img)", html, re.I) is None
    assert doc.findall(".//script") == [] and doc.findall(".//img") == []
    assert len(doc.findall(".//style")) == 1 and doc.find(".//head/style") is not None
    style = text_of(doc.find(".//style"))
    assert "<" not in style and "url(" not in style and "@import" not in style  # nothing leaves the file
    assert doc.findall(".//link") == [] and doc.findall(".//iframe") == []
    attributes = [(name.lower(), value) for element in doc.iter() for name, value in element.attrib.items()]
    assert not [name for name, _ in attributes if name.startswith("on") or name in ("src", "action", "formaction")]
    assert all(value.startswith("#") for name, value in attributes if name == "href")  # never javascript:
    assert all(re.fullmatch(r"--columns: \d", value) for name, value in attributes if name == "style")
    assert SCRIPT in text_of(doc.find(".//title"))  # shown literally


def test_page_parses_without_errors():
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    parser.parse(export(ViewState(compare=True, selected="person:trump")))
    # The one tolerated report: a carriage return kept as &#13; so textContent stays exact.
    assert {error[1] for error in parser.errors} == {"illegal-codepoint-for-numeric-entity"}
    parser.parse(export(VIEWS["one-article"]))
    assert parser.errors == []


def test_hostile_colour_is_rejected_by_theme_validation(tmp_path: Path):
    spec = load_themes().get("newslens-dark").model_dump()
    spec["highlights"]["person"] = "red;}</style><script>"
    with pytest.raises(ValidationError):
        ThemeSpec.model_validate(spec)
    path = tmp_path / "evil.toml"
    path.write_text(
        Path(__file__)
        .parents[1]
        .joinpath("themes/newslens-dark.toml")
        .read_text(encoding="utf-8")
        .replace('person = "#7cc7ff"', 'person = "red;}</style><script>"'),
        encoding="utf-8",
    )
    with pytest.raises(ThemeError, match=r"highlights\.person"):
        load_theme_file(path)
    # Even a theme built without validation cannot reach the page.
    good = load_themes().get("newslens-dark")
    forged = good.model_copy(update={"highlights": good.highlights.model_copy(update={"person": "red;}</style>"})})
    with pytest.raises(ExportError, match="not a #rrggbb colour"):
        render_html(ARTICLES, ENTITIES, ViewState(), forged, title="x")


# -- ids and colours --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("person:selenskyj", "person-selenskyj"),
        ("ort:Köln Süd", "ort-Koeln-Sued"),
        ("org:Straße", "org-Strasse"),
        ('"><script>', "script"),
        ("", "x"),
        ("日本", "x"),
    ],
)
def test_slug(raw: str, expected: str):
    assert slug(raw) == expected


def test_id_maker_keeps_ids_unique():
    ids = IdMaker(reserved=("e-a",))
    assert [ids.make("e", "a"), ids.make("e", "a"), ids.make("e", "a!")] == ["e-a-2", "e-a-3", "e-a-4"]


@pytest.mark.parametrize("theme", THEMES)
def test_highlighted_text_is_readable_on_every_background(theme: str):
    spec = load_themes().get(theme)
    backgrounds = {
        "surface": spec.colors.surface,
        "panel": spec.colors.panel,
        **{k: getattr(spec.highlights, k) for k in ("quote", "shared", "only", "selected")},
    }
    for _type, inks in palette(spec).inks:
        for where, ink in inks.items():
            assert contrast(ink, backgrounds[where]) >= 4.5, (theme, _type, where)


def test_readable_falls_back_to_body_colour_then_black_or_white():
    assert readable("#777777", "#ffffff", "#000000") == "#000000"
    assert readable("#0000ff", "#ffffff", "#eeeeee") == "#0000ff"
    assert readable("#777777", "#808080", "#7f7f7f") in ("#000000", "#ffffff")


# -- displaCy JSON ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["default", "hidden", "only-selected", "one-article"])
def test_displacy_json_has_the_manual_format(name: str):
    view = VIEWS[name]
    documents = json.loads(render_displacy(ARTICLES, view))
    assert [d["text"] for d in documents] == [a.text for a in shown_articles(view)]
    for document, article in zip(documents, shown_articles(view), strict=True):
        assert set(document) == {"text", "ents", "title"} and document["title"] == article.title
        expected = sorted((m for m in article.mentions if view.visibility(m) == "shown"), key=lambda m: m.start)
        assert document["ents"] == [{"start": m.start, "end": m.end, "label": m.label} for m in expected]
        assert all(e["label"] in LABELS for e in document["ents"])


# -- the CLI command ----------------------------------------------------------------------


@pytest.fixture
def fake_corpus(monkeypatch: pytest.MonkeyPatch) -> Corpus:
    """The command's analysis step returns the hand-built corpus: no spaCy, no model, no cache."""
    import tui.commands.common

    corpus = Corpus(articles=ARTICLES, entities=ENTITIES)
    monkeypatch.setattr(tui.commands.common, "analyse_or_fail", lambda args: SimpleNamespace(corpus=corpus))
    return corpus


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err.strip()


def test_cli_writes_html_and_refuses_to_overwrite(fake_corpus, tmp_path: Path, capsys):
    target = tmp_path / "out.html"
    assert main(["export", "--compare", "--entity", "person:trump", "-o", str(target)]) == 0
    assert one_error_line(capsys) == f"newslens: exported 2 article(s) to {target}"
    doc = parse(target.read_text(encoding="utf-8"))
    assert [text_of(e) for e in text_elements(doc)] == [FIRST.text, SECOND.text]
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", "-o", str(target)]) == 1
    assert "already exists (use --force to replace it)" in one_error_line(capsys)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main(["export", "--force", "--theme", "newslens-light", "-o", str(target)]) == 0
    assert "newslens-light" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--articles", "nope"], "unknown article 'nope'"),
        (["--articles", "3"], "unknown article '3'"),
        (["--entity", "person:nobody"], "no entity matches 'person:nobody'"),
        (["--hide", "person:trump", "x"], "no entity matches 'x'"),
        (["--theme", "nope"], "unknown theme 'nope' (available: newslens-dark"),
        (["--only-entity"], "--only-entity needs --entity"),
        (["--compare", "--articles", "1"], "--compare needs exactly two articles"),
    ],
)
def test_cli_rejects_bad_options_in_one_line(fake_corpus, tmp_path: Path, capsys, options, message):
    target = tmp_path / "out.html"
    assert main(["export", *options, "-o", str(target)]) == 1
    assert message in one_error_line(capsys)
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing/out.html", "."])
def test_cli_unwritable_path_is_one_line(fake_corpus, tmp_path: Path, capsys, where: str):
    target = tmp_path / where
    assert main(["export", "-o", str(target)]) == 1
    line = one_error_line(capsys)
    assert line.startswith(f"newslens: {target}") and ("does not exist" in line or "is a directory" in line)


def test_cli_json_to_stdout(fake_corpus, capsys):
    options = ["--articles", "b-two", "1", "--types", "PLACE", "ORG", "--hide", "org:a.b", "--format", "json"]
    assert main(["export", *options, "-o", "-"]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert [d["title"] for d in documents] == [SECOND.title, FIRST.title]
    assert [[e["label"] for e in d["ents"]] for d in documents] == [["PLACE", "ORG", "ORG", "PLACE"], ["PLACE"]]


def test_file_names_with_escapes_reach_the_html_as_text(tmp_path):
    from core.analysis import Options, analyse, store_corpus
    from core.export import render_html
    from core.themes import load_themes
    from core.view import ViewState

    folder = tmp_path / "osc\x1b]0;PWNED\x07"
    folder.mkdir()
    (folder / "a\x1b[2J.txt").write_text("Artikel a\nMerz trifft Selenskyj in Berlin.\n", encoding="utf-8")
    corpus = store_corpus(analyse([folder], Options(use_cache=False)))
    theme = load_themes().get("newslens-dark")
    html = render_html(corpus.articles, corpus.entities, ViewState(), theme, title=f"newslens: {folder.name}")
    assert "\x1b" not in html and "\x07" not in html
    assert "a\\x1b[2J.txt" in html and "osc\\x1b]0;PWNED\\x07" in html
