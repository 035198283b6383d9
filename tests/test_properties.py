"""Properties of the loader and the cleaner, for inputs hypothesis makes up.

For random bytes, random JSON and random text full of control, bidi and escape
characters: loading never raises (every problem is one printable line), never
hangs (each example has a deadline), and the cleaned text keeps every printable
character of the input that is not part of an escape sequence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.corpus import load_corpus
from core.textclean import clean_text, printable

SETTINGS = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".md", ".json", ".jsonl", ".dat"]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Printable text: no controls, no bidi, no surrogates, no line-end forms other than \n.
PRINTABLE = st.text(
    st.characters(
        blacklist_categories=["Cc", "Cs"],
        blacklist_characters="\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029",
    ),
    max_size=12,
)
NO_NEWLINE = PRINTABLE


@st.composite
def hostile_tokens(draw) -> tuple[str, str]:
    """One piece of hostile text and what of it the cleaner must keep."""
    kind = draw(st.sampled_from(["text", "text", "text", "csi", "osc", "open", "c0", "esc", "c1", "bidi", "space"]))
    if kind == "text":
        value = draw(PRINTABLE)
        return value, value
    if kind == "csi":
        params = draw(st.text("0123456789;", max_size=6))
        return f"\x1b[{params}{draw(st.sampled_from('mHJKABCDfh'))}", ""
    if kind == "osc":  # a complete terminal string: its payload goes with it
        end = draw(st.sampled_from(["\x07", "\x1b\\"]))
        return f"\x1b]0;{draw(NO_NEWLINE)}{end}", ""
    if kind == "open":  # an introducer that never ends (before the end of its line): only it goes
        words = draw(NO_NEWLINE)
        return f"\x1b{draw(st.sampled_from(']P_^X'))}{words}\n", f"{words}\n"
    if kind == "c0":
        return draw(st.sampled_from([chr(c) for c in range(32) if chr(c) not in "\t\n\r\x1b"] + ["\x7f"])), ""
    if kind == "esc":  # a lone ESC (before a line end, which no sequence may start with)
        return "\x1b\n", "\n"
    if kind == "c1":  # after a space, so that no UTF-8 lead byte makes it mojibake to repair
        return " " + draw(st.sampled_from([chr(c) for c in range(0x80, 0xA0) if c != 0x85])), " "
    if kind == "bidi":
        return draw(st.sampled_from("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")), ""
    value = draw(st.sampled_from(["\t", "\n", " "]))
    return value, value


@given(st.lists(hostile_tokens(), max_size=30))
@SETTINGS
def test_cleaning_keeps_every_printable_character_and_nothing_unsafe(tokens):
    raw = "".join(value for value, _ in tokens)
    kept = unicodedata.normalize("NFC", "".join(keep for _, keep in tokens))
    cleaned = clean_text(raw)
    assert cleaned.text == kept
    assert not UNSAFE.search(cleaned.text)
    assert "\n" not in (cleaned.warning() or "")


@given(st.text(max_size=200))
@SETTINGS
def test_cleaning_any_text_leaves_nothing_unsafe(text):
    cleaned = clean_text(text)
    assert not UNSAFE.search(cleaned.text)
    assert "\x1b" not in (cleaned.warning() or "")


@given(st.text(max_size=60))
@SETTINGS
def test_printable_is_safe_one_line_and_idempotent(value):
    shown = printable(value)
    assert not UNSAFE.search(shown) and "\n" not in shown
    shown.encode("utf-8")
    assert printable(shown) == shown


def _loads_quietly(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = load_corpus([path], max_bytes=64 * 1024)
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line and not UNSAFE.search(line)
        line.encode("utf-8")
    for article in result.articles:
        assert not UNSAFE.search(article.text.replace("\t", "").replace("\n", ""))
        assert article.text[slice(*article.paragraphs[0])] == article.title


@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
@SETTINGS
def test_loading_random_bytes_never_raises(tmp_path_factory, data, suffix):
    _loads_quietly(tmp_path_factory.mktemp("bytes"), f"random{suffix}", data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)
HOSTILE_STRINGS = st.lists(hostile_tokens(), max_size=8).map(lambda tokens: "".join(v for v, _ in tokens)) | st.text(
    max_size=40
).map(lambda text: text + "\ud83d")  # a cut-off emoji: a lone surrogate


@st.composite
def json_documents(draw) -> object:
    record = draw(st.dictionaries(st.sampled_from(["title", "headline", "text", "body", "meta"]),
                                  HOSTILE_STRINGS | JSON_VALUES, max_size=4))  # fmt: skip
    return draw(st.sampled_from(["record", "list", "articles", "any"])), record, draw(JSON_VALUES)


@given(json_documents(), st.sampled_from([".json", ".jsonl"]))
@SETTINGS
def test_loading_random_json_never_raises(tmp_path_factory, document, suffix):
    shape, record, anything = document
    value = {"record": record, "list": [record, anything], "articles": {"articles": [record]}, "any": anything}[shape]
    if suffix == ".jsonl":
        text = "\n".join(json.dumps(item) for item in [record, anything, record])
    else:
        text = json.dumps(value)
    _loads_quietly(tmp_path_factory.mktemp("json"), f"random{suffix}", text.encode("utf-8"))
