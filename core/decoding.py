"""Turn the bytes of a file into text, detecting its encoding.

UTF-8 (with or without BOM) and UTF-16/32 with BOM are recognised exactly, and
UTF-16 without BOM by its zero bytes. UTF-8 with a few bytes that are not (a
Latin-1 line pasted into a UTF-8 file) keeps its UTF-8 and reads only those bytes
as Windows-1252, with a warning naming the lines. Anything else is legacy 8-bit
text; charset-normalizer (a maintained detector) chooses among the Western
European encodings German text is written in. Unrestricted, it mistakes short
German texts for Mac-Icelandic or Windows-1250. Binary data is refused rather than
decoded into noise.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
# Share of control or replacement characters above which decoded text is noise.
_NOISE_LIMIT = 0.02


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LINES_SHOWN = 5


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding used."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    """What decoding doubted, e.g. bytes of another encoding in a UTF-8 file."""


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the zero bytes say so (text in Latin script is
    mostly ASCII, so every other byte is zero), else None."""
    even, odd = data[0::2], data[1::2]
    if len(data) < 4 or len(data) % 2:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _mixed_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes that are not: those bytes read as Windows-1252 (Latin-1 where it
    leaves a byte undefined), and a warning naming their lines. None when the file is mostly
    not UTF-8 (then it is legacy 8-bit text)."""
    valid = len(_UTF8_SEQUENCE.findall(data))
    pieces: list[str] = []
    bad: list[int] = []
    position = 0
    while True:
        try:
            pieces.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            start, end = position + error.start, position + error.end
            pieces.append(data[position:start].decode("utf-8"))
            for offset in range(start, end):
                byte = data[offset : offset + 1]
                pieces.append(byte.decode("cp1252", errors="ignore") or byte.decode("latin-1"))
                bad.append(offset)
            if len(bad) > valid:  # mostly not UTF-8: legacy 8-bit text
                return None
            position = end
    lines = sorted({data.count(b"\n", 0, offset) + 1 for offset in bad})
    shown = ", ".join(map(str, lines[:_LINES_SHOWN])) + (", …" if len(lines) > _LINES_SHOWN else "")
    where = f"line {shown}" if len(lines) == 1 else f"lines {shown}"
    return Decoded("".join(pieces), "utf-8", (f"{len(bad)} byte(s) not valid UTF-8 read as Windows-1252 ({where})",))


def _noise_share(text: str, c1_is_noise: bool = True) -> float:
    """Share of control and replacement characters. In valid UTF-8, C1 characters are not counted:
    they are mojibake (UTF-8 once read as Latin-1), which the cleaner repairs, not binary noise."""
    noisy = sum(
        1
        for char in text
        if char == "\ufffd"
        or (ord(char) < 32 and char not in "\t\n\r\x1b")
        or (c1_is_noise and 0x7F <= ord(char) < 0xA0)
    )
    return noisy / max(len(text), 1)


def _detect_legacy(data: bytes, path: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)).best()
    if best is None:
        raise InputError(path, "binary file or unknown text encoding")
    encoding = codecs.lookup(best.encoding).name
    # As in the WHATWG encoding standard: text labelled Latin-1 that uses the
    # 0x80-0x9F range is Windows-1252 (dashes and quotes, not C1 controls).
    if encoding == "iso8859-1" and any(0x80 <= byte < 0xA0 for byte in data):
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(path, f"cannot decode as {encoding}: {error}") from None
    return Decoded(text, encoding)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a file's bytes; raise InputError naming ``path`` if they are not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                decoded = Decoded(data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding)
            except UnicodeDecodeError as error:
                raise InputError(path, f"invalid {encoding} despite its byte order mark: {error.reason}") from None
            break
    else:
        if b"\x00" in data:
            codec = _utf16_without_bom(data)
            if codec is None:
                raise InputError(path, "binary file (contains NUL bytes)")
            try:
                decoded = Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                raise InputError(path, "binary file (contains NUL bytes; not UTF-16 either)") from None
        else:
            try:
                decoded = Decoded(data.decode("utf-8"), "utf-8")
            except UnicodeDecodeError:
                decoded = _mixed_utf8(data) or _detect_legacy(data, path)
    if _noise_share(decoded.text, c1_is_noise=decoded.encoding != "utf-8" or bool(decoded.warnings)) > _NOISE_LIMIT:
        raise InputError(path, "binary file (mostly control characters)")
    if not decoded.text.strip():
        raise InputError(path, "empty file (only whitespace)")
    return decoded
