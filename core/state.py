"""The reader's memory between runs: theme, filters, last position per corpus.

Stored as JSON in the platformdirs state dir, written atomically. A missing
or broken file means a fresh start (with a warning for a broken one); it is
never a reason not to open.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.atomic import atomic_write
from core.errors import ExportError
from core.paths import state_dir
from core.view import ViewState

MAX_CORPORA = 50


class Position(BaseModel):
    """Where the reader was in one corpus."""

    model_config = ConfigDict(extra="forbid")

    left: str | None = None
    """Id of the article in the left pane."""
    right: str | None = None
    """Id of the article in the right pane."""
    selected: str | None = None
    """Selected entity."""


class ReaderState(BaseModel):
    """Everything the reader remembers."""

    model_config = ConfigDict(extra="forbid")

    theme: str | None = None
    """Last theme."""
    view: ViewState = Field(default_factory=ViewState)
    """Last filters (articles and selection live in ``positions``)."""
    positions: dict[str, Position] = Field(default_factory=dict)
    """Last position per corpus (keyed by a hash of its article ids)."""


def corpus_key(article_ids: list[str]) -> str:
    """A short key for a corpus: the hash of its article ids."""
    return hashlib.sha256("\n".join(article_ids).encode()).hexdigest()[:16]


def state_file() -> Path:
    return state_dir() / "reader.json"


def load_state(path: Path | None = None) -> tuple[ReaderState, str | None]:
    """The saved state, and a warning when the file was unreadable."""
    path = path or state_file()
    if not path.exists():
        return ReaderState(), None
    try:
        return ReaderState.model_validate_json(path.read_bytes()), None
    except (OSError, ValueError, ValidationError) as error:
        reason = str(error).splitlines()[0]
        return ReaderState(), f"{path}: ignored a broken reader state file ({reason})"


def save_state(state: ReaderState, path: Path | None = None) -> str | None:
    """Write the state atomically; returns a warning instead of raising."""
    path = path or state_file()
    if len(state.positions) > MAX_CORPORA:
        keep = list(state.positions)[-MAX_CORPORA:]
        state = state.model_copy(update={"positions": {k: state.positions[k] for k in keep}})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(state.model_dump(mode="json"), indent=1), overwrite=True)
    except (OSError, ExportError) as error:
        return f"could not save the reader state: {error}"
    return None
