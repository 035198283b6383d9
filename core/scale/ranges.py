"""Cut a large JSON Lines file into ranges of lines, so that its articles spread over workers.

The driver scans the file once in chunks of 1 MB: it counts lines, notes the byte offset at
the start of every ``lines``-th line and checks that the file reads as ``newslens annotate``
reads it whole (core.decoding): valid UTF-8 without NUL bytes, not mostly control characters,
not empty, within the size limit. Such a file decodes in pieces to the pieces of its text, so
a worker that seeks to a range's start and parses only its bytes (core.corpus.load_lines)
gets the very records, line numbers (``file#N``), ids and problems of the whole file. Any
other file is read whole by one worker, which reports its problem as ``annotate`` does.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from core.corpus import PARSERS
from core.formats import parse_jsonl

CHUNK = 1 << 20
_CONTROL = bytes(byte for byte in range(32) if byte not in b"\t\n\r\x1b")
_NOISE_LIMIT = 0.02  # as core.decoding: a larger share of control characters is a binary file


@dataclass(frozen=True)
class LineRange:
    """Lines ``first`` .. ``first + lines - 1`` of a file: bytes ``[start, end)`` of the version
    of the file with this size and modification time (another version is cut anew)."""

    start: int
    end: int
    first: int
    lines: int
    size: int
    mtime_ns: int

    def record(self, file: str) -> dict:
        """What the manifest lists for a shard of this range (see :func:`done_key`)."""
        return {"file": file, **asdict(self)}


def done_key(record: dict) -> tuple[str, int, int]:
    """The file version a shard's range record belongs to: (absolute path, size, mtime)."""
    return record["file"], record["size"], record["mtime_ns"]


def splittable(path: str) -> bool:
    """Whether ``path`` holds one article per line (JSON Lines)."""
    return PARSERS.get(Path(path).suffix.lower()) is parse_jsonl


def covered(spans: list[tuple[int, int]], size: int) -> bool:
    """Whether the byte ranges ``spans`` cover ``[0, size)`` without a gap."""
    reached = 0
    for start, end in sorted(spans):
        if start > reached:
            return False
        reached = max(reached, end)
    return reached >= size


def line_ranges(path: str, lines: int, max_bytes: int) -> list[LineRange] | None:
    """``path`` cut into ranges of ``lines`` lines (the last one up to half as many more), or
    None when it is to be read whole: not more than ``lines`` lines, or not UTF-8 text that
    reads the same in pieces (see the module docstring)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= max_bytes:
            return None
        with open(path, "rb") as stream:
            scan = _scan(stream, lines)
            after = os.fstat(stream.fileno())
    except (OSError, UnicodeDecodeError):
        return None
    if scan is None or (after.st_size, after.st_mtime_ns) != (info.st_size, info.st_mtime_ns):
        return None
    starts, total = scan
    if total <= lines:
        return None
    if len(starts) > 1 and total - (len(starts) - 1) * lines < lines // 2:
        starts.pop()  # a short last range joins the one before
    ends = [*starts[1:], info.st_size]
    cut = []
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        count = total - index * lines if end == info.st_size else lines
        cut.append(LineRange(start, end, 1 + index * lines, count, info.st_size, info.st_mtime_ns))
    return cut


def _scan(stream, lines: int) -> tuple[list[int], int] | None:
    """Offsets of the lines 1, lines + 1, 2 * lines + 1, … and the number of lines; None if the
    bytes are not text as core.decoding reads valid UTF-8 (raises UnicodeDecodeError if invalid)."""
    head = stream.read(CHUNK)
    decoder = codecs.getincrementaldecoder("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8")()
    starts, newlines, offset, characters, noisy, content = [0], 0, 0, 0, 0, False
    chunk, last = head, b""
    while chunk:
        if b"\x00" in chunk:
            return None  # core.decoding reads it as UTF-16 or refuses it
        text = decoder.decode(chunk)
        characters += len(text)
        noisy += text.count("\ufffd") + len(chunk) - len(chunk.translate(None, _CONTROL))
        content = content or (bool(text) and not text.isspace())
        found = chunk.count(b"\n")
        position = 0
        while newlines + found >= len(starts) * lines:  # the newline ending a range is in this chunk
            for _ in range(len(starts) * lines - newlines):
                position = chunk.find(b"\n", position) + 1
                newlines, found = newlines + 1, found - 1
            starts.append(offset + position)
        newlines += found
        offset += len(chunk)
        chunk, last = stream.read(CHUNK), chunk
    decoder.decode(b"", final=True)
    if not content or noisy / max(characters, 1) > _NOISE_LIMIT:
        return None
    if starts[-1] == offset:  # the file ends with the newline that ended the last range
        starts.pop()
    return starts, newlines + (0 if last.endswith(b"\n") else 1)
