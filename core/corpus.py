"""Turn files and folders into :class:`~core.models.Article` records.

Loading never stops at a bad file: each problem becomes one
:class:`LoadProblem` naming the file, and every other file still loads. The
user's files are only ever read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.decoding import Decoded, decode_bytes
from core.errors import InputError
from core.formats import Draft, jsonl_lines, parse_json, parse_jsonl, parse_markdown, parse_plain
from core.models import Article
from core.resources import seeds_dir
from core.textclean import printable

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MEGABYTE

Parser = Callable[[str, str], "Draft | Iterator[Draft | InputError]"]
PARSERS: dict[str, Parser] = {
    ".txt": parse_plain,
    ".text": parse_plain,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
    ".ndjson": parse_jsonl,
}
_ID_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class LoadProblem:
    """A file (or record) that could not be loaded, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}: {self.message}")


@dataclass
class LoadResult:
    """Articles loaded from the given paths, and the problems met on the way."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every file read (or tried), once each, as found under the given paths."""


def article_id(stem: str, text: str) -> str:
    """Stable id: the file stem plus 8 hex digits of the text's SHA-256."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]  # never fails
    return f"{_ID_UNSAFE.sub('_', stem).strip('_') or 'article'}-{digest}"


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip


def megabytes(size: int) -> str:
    """``size`` in MB as the command line counts them (``--max-size 20`` is 20 * 2**20 bytes)."""
    return f"{size / MEGABYTE:.1f}".removesuffix(".0") + " MB"


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return "is a directory" if kind == "a directory" else f"not a regular file ({kind})"


def _read(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them. A FIFO, device or socket is
    refused before it is opened (reading one could wait forever or never end); the file is
    opened without blocking and checked again, and the limit holds while reading, not only
    by its size at stat time."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, _not_regular(info.st_mode))
        if info.st_size > max_bytes:
            raise InputError(path, _too_big(info.st_size, max_bytes))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as stream:
        try:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):  # replaced between stat and open
                raise InputError(path, _not_regular(mode))
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(path, _too_big(None, max_bytes))
    return data


def _too_big(size: int | None, max_bytes: int) -> str:
    what = f"file is {megabytes(size)}, over" if size is not None else "file is over"
    return f"{what} the {megabytes(max_bytes)} limit (raise it with --max-size)"


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Article], list[LoadProblem]]:
    """Load one file; unknown extensions are read as plain text."""
    records, problems = load_records(path, max_bytes)
    return [article for _, article in records], problems


def load_records(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[tuple[int, Article]], list[LoadProblem]]:
    """:func:`load_file`, each article with its record number in the file (its line in JSON Lines)."""
    shown = printable(str(path))  # the article's path: safe on a terminal, in JSON and in HTML
    decoded = decode_bytes(_read(path, max_bytes), shown)
    parser = PARSERS.get(path.suffix.lower(), parse_plain)
    result = parser(decoded.text, shown)
    return _articles(path, shown, decoded, [result] if isinstance(result, Draft) else result)


def load_lines(path: Path, start: int, end: int, first: int) -> tuple[list[tuple[int, Article]], list[LoadProblem]]:
    """The records on the lines in bytes ``[start, end)`` of a JSON Lines file (``start`` at the
    start of line ``first``), as :func:`load_records` gives them for the whole file. Only for a
    file that is valid UTF-8 text as a whole (core.scale.ranges checks it), so that its pieces
    decode to the pieces of its text; an InputError if it is not (any more)."""
    shown = printable(str(path))
    try:
        with open(path, "rb") as stream:
            stream.seek(start)
            data = stream.read(end - start)
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from None
    if start == 0 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "changed while it was read (not valid UTF-8 any more); run again") from None
    return _articles(path, shown, Decoded(text, "utf-8"), jsonl_lines(text, shown, first))


def _articles(path: Path, shown: str, decoded: Decoded, drafts: Iterable[Draft | InputError]
              ) -> tuple[list[tuple[int, Article]], list[LoadProblem]]:  # fmt: skip
    articles, problems = [], []
    for draft in drafts:
        if isinstance(draft, InputError):
            problems.append(LoadProblem(draft.path, draft.problem))
            continue
        articles.append((draft.number, Article(
            id=article_id(path.stem, draft.text),
            title=draft.title,
            path=shown + draft.label,
            text=draft.text,
            paragraphs=tuple(draft.paragraphs),
            encoding=decoded.encoding,
            warnings=(*decoded.warnings, *draft.warnings),
        )))  # fmt: skip
    return articles, problems


def _walk(folder: str) -> Iterator[str | LoadProblem]:
    """Files under ``folder``, recursively, sorted, hidden entries skipped (plain strings: a
    warm start walks ten thousand files, and building a Path for each costs more than the walk);
    a folder that cannot be listed is a problem."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        yield LoadProblem(folder, f"cannot read folder: {error.strerror or error}")
        return
    folders = []
    for entry in entries:
        path = entry.name if folder == "." else os.path.join(folder, entry.name)  # as str(Path(folder) / name)
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if not is_folder:
            yield path
        elif not entry.is_symlink():  # like os.walk: a linked folder is not followed
            folders.append(path)
    for sub in folders:  # a folder's own files first, then its subfolders
        yield from _walk(sub)


def article_files(paths: Sequence[Path | str]) -> Iterator[str | LoadProblem]:
    """Expand paths into files to load (as strings), yielding problems for what cannot be used."""
    for given in paths:
        path = str(Path(given))  # normalised once, so every file's name matches str(Path(file))
        if os.path.isdir(path):
            found = False
            for file in _walk(path):
                if isinstance(file, LoadProblem):
                    yield file
                    continue
                suffix = os.path.splitext(file)[1].rstrip(".")  # "name." has no extension, as Path.suffix
                if suffix.lower() in PARSERS:
                    found = True
                    yield file
                else:
                    yield LoadProblem(file, f"skipped: not an article file ({suffix or 'no extension'})")
            if not found:
                yield LoadProblem(path, "no articles in folder (.txt, .md, .json, .jsonl)")
        elif os.path.exists(path):
            yield path
        else:
            yield LoadProblem(path, "no such file or directory")


def load_corpus(paths: Sequence[Path | str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load every article under ``paths`` (the bundled seeds when none are given)."""
    result = LoadResult()
    seen_files: set[str] = set()
    seen_ids: set[str] = set()
    for item in article_files(paths or [seeds_dir()]):
        if isinstance(item, LoadProblem):
            result.problems.append(item)
            continue
        resolved = os.path.abspath(item)  # lexical: resolving symlinks costs 8 lstat calls per file
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        result.files.append(item)
        try:
            articles, problems = load_file(Path(item), max_bytes)
        except InputError as error:
            result.problems.append(LoadProblem(error.path, error.problem))
            continue
        result.problems.extend(problems)
        for article in articles:
            if article.id in seen_ids:
                result.problems.append(LoadProblem(article.path, f"skipped: same text as article {article.id}"))
                continue
            seen_ids.add(article.id)
            result.articles.append(article)
    return result
