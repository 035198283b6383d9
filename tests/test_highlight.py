"""The one highlight model (core.highlight) and the export that renders it.

The reader draws :func:`core.highlight.paint`'s runs; these tests check that
the runs are sound and that the HTML export shows exactly them: the same
mentions with the same classes, the same quotation pieces, the speaker tags
at the same offsets.
"""

from __future__ import annotations

import ast
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from test_export import ARTICLES, ENTITIES, VIEWS, _at

from core.export import render_html
from core.export.runs import mention_css, quote_css
from core.highlight import CLASSES, TYPE_CLASS, paint, painted_mentions
from core.models import AnnotatedArticle, Mention, Quote
from core.speaker_tags import speaker_tags
from core.themes import load_themes
from core.view import ViewState, compare, cue_key

ROOT = Path(__file__).resolve().parent.parent
NAMES = {entity.id: entity.name for entity in ENTITIES}


def html_marks(html: str) -> list[dict[str, list]]:
    """Per article text element: mention and quotation elements and tags, as text offsets and CSS classes."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for holder in (e for e in doc.iter("div") if "text" in e.get("class", "").split()):
        marks: dict[str, list] = {"mentions": [], "quotes": [], "tags": []}

        def walk(element: Element, offset: int, marks: dict[str, list] = marks) -> int:
            classes = element.get("class", "").split()
            if "tag" in classes:
                marks["tags"].append((offset, element.get("data-speaker")))
            start = offset
            offset += len(element.text or "")
            for child in element:
                offset = walk(child, offset)
                offset += len(child.tail or "")
            if "m" in classes:
                marks["mentions"].append((start, offset, element.get("class")))
            if "q" in classes:
                marks["quotes"].append((start, offset, element.get("class")))
            return offset

        walk(holder, 0)
        found.append(marks)
    return found


def painted_marks(article: AnnotatedArticle, view: ViewState, marks=None) -> dict[str, list]:
    """The same, from the painting."""
    painting = paint(article, view, NAMES, marks)
    mentions, quotes = [], []
    for number, mention in sorted(painting.mentions.items(), key=lambda item: item[1].start):
        run = next(run for run in painting.runs if run.mention == number)
        mentions.append((mention.start, mention.end, mention_css(run.classes, cue_key(mention.label, mention.kind))))
    for run in painting.runs:
        if run.quote is None:
            continue
        if quotes and quotes[-1][3] == run.quote and quotes[-1][1] == run.start and quotes[-1][4] == run.paragraph:
            quotes[-1] = (quotes[-1][0], run.end, *quotes[-1][2:])
        else:
            quotes.append((run.start, run.end, quote_css(run.classes), run.quote, run.paragraph))
    return {
        "mentions": mentions,
        "quotes": [quote[:3] for quote in quotes],
        "tags": [(tag.offset, tag.text) for tag in painting.tags],
    }


@pytest.mark.parametrize("name", VIEWS)
def test_the_export_shows_exactly_the_painting(name: str):
    view = VIEWS[name]
    chosen = [a for a in ARTICLES if not view.articles or a.id in view.articles]
    html = render_html(ARTICLES, ENTITIES, view, load_themes().get("newslens-dark"), title="t")
    comparison = compare(*chosen) if view.compare and len(chosen) == 2 else None
    expected = [painted_marks(a, view, comparison.marks(n) if comparison else None) for n, a in enumerate(chosen)]
    got = html_marks(html)
    for article_marks, wanted in zip(got, expected, strict=True):
        assert sorted(article_marks["mentions"]) == sorted(wanted["mentions"])
        assert sorted(article_marks["quotes"]) == sorted(wanted["quotes"])
        assert article_marks["tags"] == wanted["tags"]


def test_the_export_of_the_seeds_shows_exactly_the_painting(seeds_store):
    entities = seeds_store.entities
    names = {entity.id: entity.name for entity in entities}
    theme = load_themes().get("newslens-dark")
    for view in (ViewState(), ViewState(selected="person:donald-trump", compare=True), ViewState(dim=False,
                 labels=frozenset({"PLACE"})), ViewState(show_speakers=False)):  # fmt: skip
        html = render_html(seeds_store.articles, entities, view, theme, title="seeds")
        comparison = compare(*seeds_store.articles) if view.compare else None
        for number, (article, marks) in enumerate(zip(seeds_store.articles, html_marks(html), strict=True)):
            painting = paint(article, view, names, comparison.marks(number) if comparison else None)
            assert [(t.offset, t.text) for t in painting.tags] == marks["tags"]
            assert len(marks["mentions"]) == len(painting.mentions)


def test_runs_cover_the_text_and_never_split_a_mention(seeds_store):
    names = {entity.id: entity.name for entity in seeds_store.entities}
    for article in [*seeds_store.articles, *ARTICLES]:
        for view in VIEWS.values():
            painting = paint(article, view, names)
            assert painting.runs[0].start == 0 and painting.runs[-1].end == len(article.text)
            assert all(a.end == b.start for a, b in zip(painting.runs, painting.runs[1:], strict=False))
            assert all(run.classes == tuple(sorted(run.classes, key=CLASSES.index)) for run in painting.runs)
            for number in painting.mentions:
                pieces = [run for run in painting.runs if run.mention == number]
                assert len({(run.classes, run.paragraph, run.quote) for run in pieces}) == 1


def _article(text: str, mentions=(), quotes=()) -> AnnotatedArticle:
    paragraphs = []
    start = 0
    for line in text.split("\n"):
        if line:
            paragraphs.append((start, start + len(line)))
        start += len(line) + 1
    return AnnotatedArticle(id="x", title=text.split("\n")[0], path="x.txt", text=text,
                            paragraphs=tuple(paragraphs), mentions=tuple(mentions), quotes=tuple(quotes))  # fmt: skip


def test_overlapping_mentions_the_longer_one_is_painted_in_reader_and_export():
    text = "Titel\nDie Patriot-Raketen kamen.\n"
    long = Mention(start=10, end=25, text="Patriot-Raketen", label="WEAPON", entity="weapon:patriot", kind="named")
    short = Mention(start=18, end=25, text="Raketen", label="WEAPON", entity="weapon:rakete", kind="generic")
    article = _article(text, [short, long])
    assert list(painted_mentions(article, ViewState()).values()) == [long]
    html = render_html([article], [], ViewState(), load_themes().get("newslens-dark"), title="t")
    assert [(s, e) for s, e, _ in html_marks(html)[0]["mentions"]] == [(10, 25)]


def test_classes_of_dimmed_selected_and_compared_mentions(seeds_store):
    article = seeds_store.articles[0]
    trump = next(m for m in article.mentions if m.entity == "person:donald-trump")
    place = next(m for m in article.mentions if m.label == "PLACE")

    def classes_of(mention: Mention, view: ViewState, marks=None) -> tuple[str, ...]:
        painting = paint(article, view, {}, marks)
        return painting.run_at(mention.start).classes

    assert "person" in classes_of(trump, ViewState())
    assert classes_of(trump, ViewState(labels=frozenset({"PLACE"})))[-2:] == ("person", "dim")
    assert paint(article, ViewState(labels=frozenset({"PLACE"}), dim=False)).mention_at(trump.start) is None
    assert "selected" in classes_of(trump, ViewState(selected="person:donald-trump"))
    marks = compare(*seeds_store.articles).marks(0)
    assert classes_of(place, ViewState(compare=True), marks)[-1] in ("shared", "only")
    assert "shared" not in classes_of(place, ViewState(compare=False), marks)  # marks count only in compare mode
    assert set(TYPE_CLASS.values()) <= set(CLASSES)


# -- speaker tags ---------------------------------------------------------------------


def _quoted(text: str, needle: str, speaker: str = "Trump", **fields) -> Quote:
    start, end = _at(text, needle)
    return Quote(start=start, end=end, text=needle, speaker=speaker, **fields)


@pytest.mark.parametrize(
    ("text", "quoted", "after"),
    [
        ("T\nDas sei „schlecht“ gewesen, sagte er am 4. Juli in St. Petersburg. Dann ging er.\n", "„schlecht“",
         "St. Petersburg."),
        ("T\n„Absolut. Wir schaffen es.“ Trump unterstützte die Idee.\n", "„Absolut. Wir schaffen es.“",
         "Wir schaffen es.“"),
        ("T\n„Können Sie Moskau erreichen?“, fragte Trump laut diesen Personen.\n",
         "„Können Sie Moskau erreichen?“", "Personen."),
        ('"Kannst du Moskau treffen?" Trump bat Zelensky, Putin "den Schmerz fühlen zu lassen"\n',
         '"Kannst du Moskau treffen?"', 'zu lassen"'),
        ("T\nEr sagte, es sei „gut“ und ging (so z. B. Reuters)\n", "„gut“", "Reuters)"),
    ],
)  # fmt: skip
def test_a_speaker_tag_goes_at_the_end_of_the_sentence(text: str, quoted: str, after: str):
    article = _article(text, quotes=[_quoted(text, quoted)])
    (tag,) = speaker_tags(article, {})
    assert text[: tag.offset].endswith(after) and tag.text == "Trump"


def test_tags_of_one_speaker_in_one_sentence_are_shown_once_and_indirect_speech_has_none():
    text = 'Titel\n"Kannst du?" Trump bat ihn, "es zu tun". Er sagte, es sei gut.\n'
    quotes = [_quoted(text, '"Kannst du?"'), _quoted(text, '"es zu tun"'),
              _quoted(text, "es sei gut", kind="indirect")]  # fmt: skip
    tags = speaker_tags(_article(text, quotes=quotes), {})
    assert [(text[: t.offset][-7:], t.quotes) for t in tags] == [('u tun".', (0, 1))]


def test_a_tag_names_the_person_the_speaker_resolves_to():
    text = "Titel\n„Gut“, sagte der US-Präsident.\n"
    quote = _quoted(text, "„Gut“", speaker="der US-Präsident", speaker_entity="person:trump")
    assert speaker_tags(_article(text, quotes=[quote]), {"person:trump": "Donald Trump"})[0].text == "Donald Trump"


def test_speaker_tags_can_be_hidden():
    text = "Titel\n„Gut“, sagte Trump.\n"
    article = _article(text, quotes=[_quoted(text, "„Gut“")])
    assert paint(article, ViewState()).tags and not paint(article, ViewState(show_speakers=False)).tags
    assert not paint(article, ViewState(show_quotes=False)).tags


def test_one_speaker_label_source():
    """Reader, quotes panel, compare panel, CLI and export all name speakers through one function."""
    definitions = []
    for path in [*ROOT.glob("core/**/*.py"), *ROOT.glob("tui/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        definitions += [path.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                        and "speaker" in node.name and "name" in node.name]  # fmt: skip
    assert definitions == ["speaker_tags.py"]
