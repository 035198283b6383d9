"""Locate the files that ship with newslens: seeds, themes, data, the model.

In a wheel they sit inside the packages (``core/_bundled/seeds``,
``tui/_bundled/themes``, see pyproject.toml); in a source checkout they sit at
the top of the repository. Both layouts are tried, wheel first.
"""

from __future__ import annotations

from pathlib import Path

_CORE = Path(__file__).resolve().parent
_REPO = _CORE.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def seeds_dir() -> Path:
    """The bundled corpus: the default input of every command."""
    return _first_existing(_CORE / "_bundled" / "seeds", _REPO / "seeds")


def themes_dir() -> Path:
    """The bundled colour themes (TOML files)."""
    return _first_existing(_REPO / "tui" / "_bundled" / "themes", _REPO / "themes")


def data_dir() -> Path:
    """Rule data: gazetteers, weapon patterns, cue lexicons."""
    return _CORE / "data"


def model_dir() -> Path:
    """The trained German NER pipeline shipped inside the package."""
    return _CORE / "ner_model"
