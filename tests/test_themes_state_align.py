"""Themes validate colours and report broken files; reader state; paragraph alignment."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.align import align_paragraphs
from core.errors import ThemeError
from core.models import AnnotatedArticle, Mention
from core.state import Position, ReaderState, load_state, save_state
from core.themes import DEFAULT_THEME, load_theme_file, load_themes
from core.view import ViewState

GOOD = (Path(__file__).parents[1] / "themes" / "newslens-dark.toml").read_text(encoding="utf-8")


def test_bundled_themes_load():
    themes = load_themes(user_dir=Path("/nonexistent"))
    assert {"newslens-dark", "newslens-light", "newslens-okabe-ito"} <= set(themes.themes)
    assert themes.problems == []
    assert themes.get("nope").name == DEFAULT_THEME


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('person = "#7cc7ff"', 'person = "red;}</style><script>"'), "highlights.person: 'red;}</style><script>'"),
        (('primary = "#5aa9e6"', "primary = 12"), "colors.primary"),
        (('name = "newslens-dark"', 'name = "Bad Name!"'), "name: 'Bad Name!' is not a theme name"),
        (("dark = true", "dark = true\nextra = 1"), "extra: Extra inputs are not permitted"),
        (("[highlights]", "[highlights"), "invalid TOML"),
    ],
)
def test_broken_theme_names_file_and_field(tmp_path, change, message):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(ThemeError) as error:
        load_theme_file(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_broken_user_theme_is_reported_and_others_load(tmp_path):
    (tmp_path / "mine.toml").write_text(GOOD.replace("newslens-dark", "mine"), encoding="utf-8")
    (tmp_path / "bad.toml").write_text("name = 'x'", encoding="utf-8")
    themes = load_themes(user_dir=tmp_path)
    assert "mine" in themes.themes
    assert len(themes.problems) == 1 and "bad.toml" in themes.problems[0]


def test_state_round_trip_and_broken_file(tmp_path):
    path = tmp_path / "reader.json"
    state = ReaderState(
        theme="newslens-light",
        view=ViewState(show_generic=False),
        positions={"k": Position(left="a", right="b", selected="p:x")},
    )
    assert save_state(state, path) is None
    assert load_state(path) == (state, None)
    path.write_text("{not json", encoding="utf-8")
    fresh, warning = load_state(path)
    assert fresh == ReaderState() and "broken reader state" in warning


def _article(article_id: str, paragraphs: list[str], entities: list[list[str]]) -> AnnotatedArticle:
    text = "\n".join(paragraphs)
    spans, mentions, offset = [], [], 0
    for paragraph, ids in zip(paragraphs, entities, strict=True):
        spans.append((offset, offset + len(paragraph)))
        for entity in ids:
            mentions.append(Mention(start=offset, end=offset + 1, text=text[offset], label="PERSON", entity=entity))
        offset += len(paragraph) + 1
    return AnnotatedArticle(
        id=article_id,
        title=paragraphs[0],
        path="x",
        text=text,
        paragraphs=tuple(spans),
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
    )


def test_alignment_follows_content_not_position():
    first = _article(
        "a", ["Titel eins", "Trump trifft Putin in Moskau", "Selenskyj antwortet aus Kiew"], [[], ["t", "p"], ["s"]]
    )
    second = _article(
        "b",
        ["Titel zwei", "Einleitung ohne Namen hier", "Selenskyj sprach aus Kiew", "Trump traf Putin"],
        [[], [], ["s"], ["t", "p"]],
    )
    mapping = align_paragraphs(first, second)
    assert mapping[0] == 0
    assert len(mapping) == 3 and mapping == sorted(mapping)
    assert mapping[2] == 2  # Selenskyj paragraph follows Selenskyj paragraph
