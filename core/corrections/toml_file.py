"""``entities.toml``: read every correction table, add or remove one record safely.

The file is the user's: it may be written by hand, with comments. Adding a correction appends
its table at the end; removing one cuts out that table's lines; everything else in the file stays
byte for byte. Each change happens under an exclusive lock on a sidecar file
(``entities.toml.lock``, ``fcntl.flock``) and re-reads the file first, so two readers open at once
never lose each other's corrections; the new text is checked to parse to exactly the expected
corrections, then written atomically (:func:`core.atomic.atomic_write`). A broken file is
reported as ``PATH:LINE: problem`` (:class:`~core.errors.ConfigError`) and never rewritten.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from core.atomic import atomic_write
from core.corrections.models import TABLES, Correction, Corrections, table_of
from core.errors import ConfigError, ExportError

HEADER = "# newslens corrections: merge, split, tag, untag, relabel, speaker, not_quote (see the README)\n"
_TABLE_LINE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class _Parsed:
    corrections: Corrections
    lines: tuple[int | None, ...]
    """1-based line of each record's ``[[table]]`` header (None: not found, e.g. an inline array)."""


def _headers(text: str) -> list[tuple[int, str]]:
    """(1-based line, table) of every ``[[table]]`` header."""
    return [(n, m.group(1)) for n, line in enumerate(text.splitlines(), 1) if (m := _TABLE_LINE.match(line))]


def parse(text: str, path: Path) -> _Parsed:
    """Every correction of ``text``; ConfigError ``PATH:LINE: problem`` if it is broken."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = (
            found.group(1) if found else (max(1, len(text.splitlines())) if "end of document" in str(error) else None)
        )
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: invalid TOML: {error}") from None
    headers = _headers(text)
    lines_of: dict[str, list[int]] = {}
    for line, table in headers:
        lines_of.setdefault(table, []).append(line)
    known = ", ".join(f"[[{name}]]" for name in TABLES)
    placed: list[tuple[float, int, Correction]] = []
    for name, value in data.items():
        if name not in TABLES or not isinstance(value, list):
            line = next((n for n, t in headers if t == name), None) or _key_line(text, name)
            where = f"{path}:{line}" if line else str(path)
            what = f"unknown table [[{name}]]" if name not in TABLES else f"{name} must be written as [[{name}]] tables"
            raise ConfigError(f"{where}: {what} (known: {known})")
        table_lines = lines_of.get(name, [])
        if len(table_lines) != len(value):
            table_lines = []  # an inline array or a header in a multi-line string: no reliable lines
        for number, raw in enumerate(value):
            line = table_lines[number] if table_lines else None
            try:
                record = TABLES[name].model_validate(raw)
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(str(part) for part in first["loc"])
                message = first["msg"].removeprefix("Value error, ")
                where = f"{path}:{line}" if line else f"{path}: {name} {number + 1}"
                raise ConfigError(f"{where}: [[{name}]] {field + ': ' if field else ''}{message}") from None
            order = line if line is not None else float("inf")
            placed.append((order, len(placed), record))
    placed.sort(key=lambda item: item[:2])
    return _Parsed(Corrections(records=tuple(r for _, _, r in placed)),
                   tuple(None if o == float("inf") else int(o) for o, _, _ in placed))  # fmt: skip


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if (match := _KEY_LINE.match(line)) and match.group(1) == key:
            return number
    return None


def _value(value: object) -> str:
    if isinstance(value, str):  # a JSON string is a TOML basic string, except that TOML forbids a raw DEL
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r}")


def render(correction: Correction) -> str:
    """One correction as a TOML table (fields left at their defaults are not written)."""
    lines = [f"[[{table_of(correction)}]]"]
    for name, value in correction.model_dump(exclude_defaults=True).items():
        lines.append(f"{name} = {_value(value)}")
    return "\n".join(lines) + "\n"


def render_all(corrections: Corrections) -> str:
    """A whole file with every correction (used only when the file cannot be edited in place)."""
    return HEADER + "".join("\n" + render(record) for record in corrections.records)


class CorrectionsFile:
    """The corrections file: load it, add or remove one correction (see the module docstring)."""

    def __init__(self, path: Path | str | None = None) -> None:
        from core.paths import overrides_file

        self.path = Path(path) if path is not None else overrides_file()

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _read(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{self.path}: cannot read: {error}") from None

    def load(self) -> Corrections:
        """Every correction in the file (none when it does not exist)."""
        return parse(self._read(), self.path).corrections

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.lock_path.open("a")
        except OSError as error:
            raise ConfigError(f"{self.lock_path}: cannot lock: {error.strerror or error}") from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, correction: Correction) -> Corrections:
        """Append ``correction`` (re-reading the file under the lock first); the corrections now in the file."""
        table_of(correction)  # a TypeError for anything that is not a correction
        with self._locked():
            text = self._read()
            parsed = parse(text, self.path)
            expected = parsed.corrections.with_added(correction)
            start = text if text.strip() else HEADER
            new = start + ("" if start.endswith("\n") else "\n") + "\n" + render(correction)
            return self._write(new, expected)

    def remove(self, correction: Correction) -> Corrections:
        """Remove the first correction equal to ``correction``; the corrections now in the file
        (unchanged, and the file not touched, when there is none)."""
        with self._locked():
            text = self._read()
            parsed = parse(text, self.path)
            records = parsed.corrections.records
            number = next((n for n, r in enumerate(records) if type(r) is type(correction) and r == correction), None)
            if number is None:
                return parsed.corrections
            expected = parsed.corrections.without(correction)
            new = _cut(text, parsed.lines[number]) if parsed.lines[number] is not None else None
            if new is None or parse(new, self.path).corrections != expected:
                new = render_all(expected)  # cannot cut it out safely: write every correction again
            return self._write(new, expected)

    def _write(self, text: str, expected: Corrections) -> Corrections:
        if parse(text, self.path).corrections != expected:  # never write what would not read back as meant
            raise ConfigError(f"{self.path}: cannot be changed safely; edit it by hand")
        try:
            atomic_write(self.path, text, overwrite=True)
        except ExportError as error:
            raise ConfigError(str(error)) from None
        return expected


def _cut(text: str, line: int) -> str | None:
    """``text`` without the table whose header is on ``line``: a comment right above a header belongs
    to that table (it goes with this one, and the next table's stays)."""
    lines = text.splitlines(keepends=True)
    first = line - 1
    end = len(lines)
    for number in range(first + 1, len(lines)):
        if _ANY_HEADER.match(lines[number]):
            end = number
            break
    if end < len(lines):
        while end - 1 > first and lines[end - 1].lstrip().startswith("#"):
            end -= 1  # a comment right above the next table belongs to it
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    while first > 0 and not lines[first - 1].strip() and end < len(lines) and not lines[end].strip():
        first -= 1  # do not leave two blank lines where the table was
    return "".join(lines[:first] + lines[end:])
