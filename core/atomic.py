"""Atomic file writes: a temporary file in the same folder, then a rename.

A reader never sees half a file, and a failed write leaves the old file as it
was. Existing files are only replaced when the caller says so. A device or a FIFO
(``-o /dev/null``, ``-o /dev/stdout``) is written to directly, never replaced by a file.
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
    chunks = [data] if isinstance(data, str | bytes) else data
    if path.exists() and not path.is_file():  # /dev/null, /dev/stdout, a FIFO: write to it, never replace it
        return _write_through(path, chunks)
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: already exists (use --force to replace it)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
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


def _write_through(path: Path, chunks: Iterable[str | bytes]) -> Path:
    """Write to a node that is not a regular file (a device or a FIFO); there is nothing to replace."""
    try:
        with path.open("wb") as stream:
            for chunk in chunks:
                stream.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    except OSError as error:
        raise ExportError(f"{path}: cannot write: {error.strerror or error}") from None
    return path
