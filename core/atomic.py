"""Atomic file writes: a temporary file in the same folder, then a rename.

A reader never sees half a file, and a failed write leaves the old file as it
was. Existing files are only replaced when the caller says so.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from core.errors import ExportError


def atomic_write(path: Path, data: str | bytes | Iterable[str], *, overwrite: bool = False) -> Path:
    """Write ``data`` (or its chunks, as they are made) to ``path`` atomically; refuse to
    replace a file unless ``overwrite``."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: already exists (use --force to replace it)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    chunks = [data] if isinstance(data, str | bytes) else data
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException as error:  # whatever stops the write (a chunk source, Ctrl-C) leaves no temp file
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
    return path
