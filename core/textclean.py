"""Normalise decoded text once, so that offsets into it stay stable.

Line ends become ``\\n``, the text is NFC, and characters that could restyle a
terminal or reorder what a reader sees are removed and counted: ANSI escape
sequences, other C0/C1 control characters (tab and newline stay) and bidi
embedding, override, isolate and mark characters. Nothing else changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# ECMA-48: CSI (ESC [ or U+009B), OSC/DCS/APC/PM/SOS strings up to BEL or ST,
# and the remaining two- and three-byte escape sequences.
_ANSI = re.compile(
    r"""
    (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]       # CSI ... final
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)  # string commands
  | \x1b [\x20-\x2f]* [\x30-\x7e]                              # other escapes
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile("\r\n|\r|\u2028|\u2029|\x85")


@dataclass(frozen=True)
class CleanText:
    """Normalised text and what was removed from it."""

    text: str
    removed: Counter[str]

    def warning(self) -> str | None:
        """One line for the article's warnings, or None when nothing was removed."""
        if not self.removed:
            return None
        parts = [f"{count} {kind}" for kind, count in sorted(self.removed.items())]
        return "removed " + ", ".join(parts)


def clean_text(raw: str) -> CleanText:
    """Normalise line ends, strip control and bidi characters, compose to NFC."""
    removed: Counter[str] = Counter()
    text = _LINE_ENDS.sub("\n", raw)

    def strip(pattern: re.Pattern[str], kind: str, value: str) -> str:
        value, count = pattern.subn("", value)
        if count:
            removed[kind] += count
        return value

    text = strip(_ANSI, "ANSI escape sequence(s)", text)
    text = strip(_CONTROL, "control character(s)", text)
    text = strip(_BIDI, "bidi control character(s)", text)
    return CleanText(unicodedata.normalize("NFC", text), removed)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: str) -> str:
    """``value`` with control and bidi characters shown as escapes (for file names)."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], value)
