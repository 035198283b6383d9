"""Normalise decoded text once, so that offsets into it stay stable.

Line ends become ``\\n``, the text is NFC, and characters that could restyle a
terminal or reorder what a reader sees are removed and counted: ANSI escape
sequences, other C0/C1 control characters (tab and newline stay) and bidi
embedding, override, isolate and mark characters. Lone surrogates (a cut-off
emoji in JSON) become U+FFFD, and UTF-8 that was decoded as Latin-1 is repaired
where C1 characters prove it. Nothing else changes.

Removal is bounded: an escape sequence goes only as far as its grammar allows
(a terminal string such as ``ESC ]`` must end with BEL or ST on the same line,
within 4,096 characters). An introducer without its end is removed alone, and a
C1 character is always one control character, never the start of a string, so
no text after it is lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# ECMA-48 with 7-bit introducers. C1 characters are not introducers here: in Unicode text they
# are mojibake far more often than terminal commands, and removing one alone is always safe.
_REMOVE = re.compile(
    r"""
    (?P<ansi>
        \x1b[\]PX^_] [^\x00-\x1f\x7f-\x9f]{0,4096}? (?:\x07|\x1b\\|\x9c)   # OSC, DCS, SOS, PM, APC
      | \x1b\[ [\x30-\x3f]{0,64} [\x20-\x2f]{0,8} [\x40-\x7e]              # CSI ... final byte
    )
  | (?P<open> \x1b[\[\]PX^_] )                                           # an introducer without its end
  | (?P<escape> \x1b [\x20-\x2f]{0,8} [\x30-\x7e] )                        # the other escape sequences
  | (?P<control> [\x00-\x08\x0b-\x1f\x7f-\x9f] )
  | (?P<bidi> [\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069] )
  | (?P<surrogate> [\ud800-\udfff] )
    """,
    re.VERBOSE,
)
KINDS = {
    "ansi": "ANSI escape sequence(s)",
    "escape": "ANSI escape sequence(s)",
    "open": "unterminated escape sequence start(s)",
    "control": "control character(s)",
    "bidi": "bidi control character(s)",
    "surrogate": "lone surrogate(s) replaced by U+FFFD",
}
_EXAMPLES = 3
_LINE_ENDS = re.compile("\r\n|\r|\u2028|\u2029|\x85")
_C1 = re.compile("[\x80-\x9f]")
# One UTF-8 sequence read as Latin-1: a lead byte and as many continuation bytes as it announces.
_MOJIBAKE = re.compile("[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class CleanText:
    """Normalised text and what was removed from it."""

    text: str
    removed: Counter[str]
    examples: dict[str, list[str]] = field(default_factory=dict)
    """Up to three distinct removed items per kind, shown as escapes."""
    repaired: int = 0
    """Characters of UTF-8 text that had been decoded as Latin-1, put right."""

    def warning(self) -> str | None:
        """One line for the article's warnings, or None when nothing was changed."""
        parts = []
        if self.repaired:
            parts.append(f"repaired {self.repaired} character(s) of UTF-8 read as Latin-1")
        if self.removed:
            removed = []
            order = list(dict.fromkeys(KINDS.values()))
            for kind, count in sorted(self.removed.items(), key=lambda item: order.index(item[0])):
                examples = self.examples.get(kind, [])
                more = ", …" if count > len(examples) and len(examples) == _EXAMPLES else ""
                removed.append(f"{count} {kind}" + (f" ({', '.join(examples)}{more})" if examples else ""))
            parts.append("removed " + "; ".join(removed))
        return "; ".join(parts) or None


def _shown(kind: str, value: str) -> str:
    if kind in ("control", "bidi", "surrogate"):
        return f"U+{ord(value):04X}"
    return printable(value)


def _repair_mojibake(text: str) -> tuple[str, int]:
    """UTF-8 that was decoded as Latin-1, decoded again, when a C1 character proves it."""
    if not _C1.search(text):
        return text, 0

    def decoded(sequence: str) -> str | None:
        try:
            return sequence.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return None

    if not any(_C1.search(m.group()) and decoded(m.group()) for m in _MOJIBAKE.finditer(text)):
        return text, 0
    count = 0

    def repair(match: re.Match[str]) -> str:
        nonlocal count
        fixed = decoded(match.group())
        if fixed is None:
            return match.group()
        count += 1
        return fixed

    return _MOJIBAKE.sub(repair, text), count


def clean_text(raw: str) -> CleanText:
    """Normalise line ends, repair mojibake, strip control and bidi characters, compose to NFC."""
    removed: Counter[str] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    text, repaired = _repair_mojibake(_LINE_ENDS.sub("\n", raw))

    def strip(match: re.Match[str]) -> str:
        kind = KINDS[match.lastgroup or "control"]
        removed[kind] += 1
        shown = _shown(match.lastgroup or "control", match.group())
        if len(examples[kind]) < _EXAMPLES and shown not in examples[kind]:
            examples[kind].append(shown)
        return "\ufffd" if match.lastgroup == "surrogate" else ""

    text = _REMOVE.sub(strip, text)
    sorted_examples = {kind: sorted(found) for kind, found in examples.items()}
    return CleanText(unicodedata.normalize("NFC", text), removed, sorted_examples, repaired)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0xD800 or code > 0xDFFF else f"\\u{code:04x}"


def printable(value: str) -> str:
    """``value`` with control, bidi and line-separator characters and lone surrogates shown as
    escapes: safe on a terminal, in one line and in UTF-8 (for file names and messages)."""
    return _UNPRINTABLE.sub(lambda match: _escape(match.group()), value)
