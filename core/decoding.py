"""Turn the bytes of a file into text, detecting its encoding.

UTF-8 (with or without BOM) and UTF-16/32 with BOM are recognised exactly.
Anything else is legacy 8-bit text; charset-normalizer (a maintained detector)
chooses among the Western European encodings German text is written in.
Unrestricted, it mistakes short German texts for Mac-Icelandic or Windows-1250.
Binary data is refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs
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


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding used."""

    text: str
    encoding: str


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
            raise InputError(path, "binary file (contains NUL bytes)")
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _detect_legacy(data, path)
    if _noise_share(decoded.text, c1_is_noise=decoded.encoding != "utf-8") > _NOISE_LIMIT:
        raise InputError(path, "binary file (mostly control characters)")
    if not decoded.text.strip():
        raise InputError(path, "empty file (only whitespace)")
    return decoded
