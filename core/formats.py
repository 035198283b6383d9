"""Parse decoded text of each supported format into article drafts.

A draft is the article text plus its paragraph spans; ``core.corpus`` turns
drafts into :class:`core.models.Article` records. Plain text keeps the file's
text as it is (so offsets map back to the file); Markdown and JSON build the
text from the title and the paragraphs they hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from core.errors import InputError
from core.textclean import clean_text

Span = tuple[int, int]

#: Fields news scrapers use for the body of an article, in order of preference.
BODY_FIELDS = ("text", "maintext", "body", "content", "article", "raw_text")
TITLE_FIELDS = ("title", "headline", "name")
_LINE = re.compile(r"[^\n]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass
class Draft:
    """Text of one article with its paragraph spans (the title first)."""

    text: str
    paragraphs: list[Span]
    warnings: list[str] = field(default_factory=list)
    label: str = ""
    """Suffix that tells records of one file apart (``#3``), empty for single files."""
    number: int = 0
    """The record's number in its file (the line for JSON Lines; 0 for single files): its order."""

    @property
    def title(self) -> str:
        start, end = self.paragraphs[0]
        return self.text[start:end]


def _strip_span(text: str, start: int, end: int) -> Span | None:
    """Shrink ``[start, end)`` to exclude surrounding whitespace; None if empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraph_spans(text: str) -> list[Span]:
    """Paragraph spans of plain text: the first non-empty line is the title.

    After the title, every non-empty line is a paragraph, unless the body is
    hard-wrapped: blocks of several lines separated by blank lines. Then each
    block is one paragraph.
    """
    lines = [span for match in _LINE.finditer(text) if (span := _strip_span(text, *match.span()))]
    if not lines:
        return []
    title, body_start = lines[0], lines[0][1]
    blocks: list[Span] = []
    position = body_start
    for separator in _BLANK_LINE.finditer(text, body_start):
        if span := _strip_span(text, position, separator.start()):
            blocks.append(span)
        position = separator.end()
    if span := _strip_span(text, position, len(text)):
        blocks.append(span)
    hard_wrapped = len(blocks) > 1 and any("\n" in text[start:end] for start, end in blocks)
    body = blocks if hard_wrapped else [span for span in lines[1:]]
    return [title, *body]


def _assemble(title: str, blocks: list[str]) -> tuple[str, list[Span]]:
    """Join a title and paragraph strings with newlines, recording spans."""
    pieces, spans, offset = [], [], 0
    for piece in [title, *blocks]:
        piece = piece.strip()
        if not piece:
            continue
        if pieces:
            offset += 1  # the joining newline
        spans.append((offset, offset + len(piece)))
        pieces.append(piece)
        offset += len(piece)
    return "\n".join(pieces), spans


def parse_plain(text: str, path: str) -> Draft:
    """A ``.txt`` article: the first non-empty line is the title."""
    cleaned = clean_text(text)
    body = cleaned.text.rstrip()
    # Leading blank lines carry nothing; dropping them keeps paragraphs[0] at 0.
    body = body[len(body) - len(body.lstrip("\n")) :]
    spans = paragraph_spans(body)
    if not spans:
        raise InputError(path, "empty file (only whitespace)")
    return Draft(body, spans, [w for w in [cleaned.warning()] if w])


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def _markdown_blocks(source: str) -> tuple[str | None, list[str]]:
    """Plain-text heading (the first one) and blocks of a Markdown document."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(source)
    title: str | None = None
    blocks: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("fence", "code_block"):
            blocks.append(token.content)
        if token.type != "inline":
            continue
        pieces = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                pieces.append(child.content)
            elif child.type == "softbreak":
                pieces.append(" ")
            elif child.type == "hardbreak":
                pieces.append("\n")
        plain = "".join(pieces).strip()
        if not plain:
            continue
        if title is None and tokens[index - 1].type == "heading_open":
            title = plain
        else:
            blocks.append(plain)
    return title, blocks


def parse_markdown(text: str, path: str) -> Draft:
    """A ``.md`` article: the first heading is the title; markup is removed."""
    cleaned = clean_text(text)
    source = cleaned.text
    front_title = None
    if match := _FRONT_MATTER.match(source):
        if title_match := _FRONT_TITLE.search(match.group(1)):
            front_title = title_match.group(1).strip("\"'")
        source = source[match.end() :]
    title, blocks = _markdown_blocks(source)
    title = title or front_title
    if title is None:
        if not blocks:
            raise InputError(path, "empty Markdown document (no text)")
        title, blocks = blocks[0], blocks[1:]
    joined, spans = _assemble(title, blocks)
    return Draft(joined, spans, [w for w in [cleaned.warning()] if w])


def _first_text(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def draft_from_record(record: object, where: str) -> Draft:
    """A JSON record with a title and a body text, as scrapers export them."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
    body = _first_text(record, BODY_FIELDS)
    if body is None:
        raise InputError(where, f"record has no text (expected one of: {', '.join(BODY_FIELDS)})")
    title = _first_text(record, TITLE_FIELDS)
    clean_body = clean_text(body)
    warnings = [w for w in [clean_body.warning()] if w]
    if title is not None:
        clean_title = clean_text(" ".join(title.split()))
        warnings += [f"title: {w}" for w in [clean_title.warning()] if w]
        combined = clean_title.text + "\n" + clean_body.text.strip()
    else:
        combined = clean_body.text.strip()
    spans = paragraph_spans(combined)
    if not spans:
        raise InputError(where, "record text is empty")
    return Draft(combined, spans, warnings)


def _records_of(document: object) -> list[object]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    return [document]


def _number(digits: str) -> int | str:
    """An integer, or its digits when Python refuses to convert that many (4,300 by default):
    newslens reads only text fields, so a huge number elsewhere must not cost the record."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _loads(text: str, where: str, what: str) -> object:
    """``json.loads``; every way it can fail is an InputError naming ``where``."""
    try:
        return json.loads(text, parse_int=_number)
    except json.JSONDecodeError as error:
        at = f" at line {error.lineno}" if what == "JSON" else ""
        raise InputError(where, f"invalid {what}{at}: {error.msg}") from None
    except RecursionError:
        raise InputError(where, f"invalid {what}: nested too deeply") from None
    except ValueError as error:  # e.g. a number too large to convert
        raise InputError(where, f"invalid {what}: {str(error).split(';')[0]}") from None


def parse_json(text: str, path: str) -> Iterator[Draft | InputError]:
    """A ``.json`` file: one record, a list of records, or ``{"articles": [...]}``."""
    document = _loads(text, path, "JSON")
    records = _records_of(document)
    if not records:
        raise InputError(path, "JSON file holds no records")
    for number, record in enumerate(records, 1):
        label = f"#{number}" if len(records) > 1 else ""
        try:
            draft = draft_from_record(record, f"{path}{label}")
        except InputError as error:
            yield error
            continue
        draft.label, draft.number = label, number
        yield draft


def parse_jsonl(text: str, path: str) -> Iterator[Draft | InputError]:
    """A ``.jsonl`` file: one record per line; bad lines are reported, not fatal."""
    seen_any = False
    for item in jsonl_lines(text, path):
        seen_any = True
        yield item
    if not seen_any:
        raise InputError(path, "empty file (no JSON lines)")


def jsonl_lines(text: str, path: str, first: int = 1) -> Iterator[Draft | InputError]:
    """The records of JSON Lines ``text`` whose first line is line ``first`` of the file at
    ``path`` (a whole file, or a range of its lines); blank lines are skipped."""
    for number, line in enumerate(text.split("\n"), first):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            draft = draft_from_record(_loads(line, where, "JSON line"), where)
        except InputError as error:
            yield error
            continue
        draft.label, draft.number = f"#{number}", number
        yield draft
