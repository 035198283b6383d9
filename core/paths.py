"""Where newslens keeps its own files (platformdirs), never next to the input.

``NEWSLENS_CONFIG_DIR``, ``NEWSLENS_CACHE_DIR`` and ``NEWSLENS_STATE_DIR``
override the platform defaults (tests and portable setups use them).
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "newslens"


def _dir(variable: str, default: str) -> Path:
    override = os.environ.get(variable)
    return Path(override) if override else Path(default)


def config_dir() -> Path:
    """User configuration: entity overrides, user themes."""
    from platformdirs import user_config_dir

    return _dir("NEWSLENS_CONFIG_DIR", user_config_dir(APP))


def cache_dir() -> Path:
    """The annotation cache (safe to delete)."""
    from platformdirs import user_cache_dir

    return _dir("NEWSLENS_CACHE_DIR", user_cache_dir(APP))


def state_dir() -> Path:
    """Reader state: last position, theme, filters."""
    from platformdirs import user_state_dir

    return _dir("NEWSLENS_STATE_DIR", user_state_dir(APP))


def overrides_file() -> Path:
    """The user's entity merges and splits."""
    return config_dir() / "entities.toml"
