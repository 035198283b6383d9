"""The one exception family of newslens core.

Every message names the thing that went wrong and what the reader can do about
it; the CLI prints ``str(error)`` as a single line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class NewslensError(Exception):
    """Base class of every error newslens raises on purpose."""


class InputError(NewslensError):
    """A file or folder given as input cannot be turned into articles."""

    def __init__(self, path: Path | str, problem: str) -> None:
        from core.textclean import printable

        self.path = printable(str(path))  # a file name may hold escapes, bidi controls or bytes that are not UTF-8
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NoArticlesError(NewslensError):
    """Nothing at all could be loaded from the given paths."""


class ModelError(NewslensError):
    """The spaCy pipeline cannot be loaded or is unsuitable."""


class CacheError(NewslensError):
    """The annotation cache is unusable (callers rebuild it and warn)."""


class ThemeError(NewslensError):
    """A theme file is broken; the message names the file and field."""


class ExportError(NewslensError):
    """An export cannot be written."""


class ConfigError(NewslensError):
    """A user configuration file (entity merges, state) is broken."""
