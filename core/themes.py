"""Colour themes: TOML files validated with pydantic, shared by reader and export.

A theme names the base colours of the interface (the ones Textual themes
have) and one colour per highlight (entity types, generic weapons, quotations,
the selected entity). Every value must be a ``#rrggbb`` colour, so a theme can
never inject anything into the terminal or into exported HTML. A broken file
is reported with its path and the field at fault; the other themes still load.

Bundled themes live in ``themes/``; users add their own in
``<config dir>/themes/``. The reader turns them into Textual themes
(:mod:`tui.themes`); the exporter uses them directly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from core.errors import ThemeError
from core.paths import config_dir
from core.resources import themes_dir

DEFAULT_THEME = "newslens-dark"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


def _colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"{value!r} is not a colour like #1f2937")
    return value.lower()


def _theme_name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(f"{value!r} is not a theme name (lowercase letters, digits and '-')")
    return value


Colour = Annotated[str, AfterValidator(_colour)]


class BaseColours(BaseModel):
    """The colours of the interface itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    primary: Colour
    """Focus, selection and key accents."""
    secondary: Colour
    """Secondary accents."""
    accent: Colour
    """Highlights that must stand out (flash of a jumped-to mention)."""
    foreground: Colour
    """Body text."""
    background: Colour
    """Screen background."""
    surface: Colour
    """Background of widgets (the article panes)."""
    panel: Colour
    """Background of side panels and headers."""
    warning: Colour
    """Warnings."""
    error: Colour
    """Errors."""
    success: Colour
    """Confirmations."""


class HighlightColours(BaseModel):
    """One colour per highlight kind."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    person: Colour
    """PERSON mentions."""
    place: Colour
    """PLACE mentions."""
    org: Colour
    """ORG mentions."""
    weapon: Colour
    """Named weapon systems."""
    weapon_generic: Colour
    """Generic weapon words (Raketen, Drohnen)."""
    quote: Colour
    """Background tint of quotations."""
    speaker: Colour
    """The speaker label after a quotation."""
    selected: Colour
    """Background of the selected entity's mentions."""
    shared: Colour
    """Compare mode: in both articles."""
    only: Colour
    """Compare mode: in one article only."""


class ThemeSpec(BaseModel):
    """A theme file: ``name``, ``dark``, ``[colors]`` and ``[highlights]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, AfterValidator(_theme_name)]
    """Unique name, shown in the reader."""
    dark: bool
    """Dark background (True) or light (False)."""
    description: str = ""
    """One line about the theme."""
    colors: BaseColours
    """Interface colours."""
    highlights: HighlightColours
    """Highlight colours."""

    def label_colour(self, label: str, kind: str | None = None) -> str:
        """Colour of a mention of ``label`` (and weapon ``kind``)."""
        if label == "WEAPON" and kind == "generic":
            return self.highlights.weapon_generic
        return getattr(self.highlights, label.lower())


@dataclass
class ThemeSet:
    """Every theme that loaded, and a message for each file that did not."""

    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, name: str | None) -> ThemeSpec:
        """The named theme, or the default one."""
        return self.themes.get(name or DEFAULT_THEME) or self.themes[DEFAULT_THEME]


def load_theme_file(path: Path) -> ThemeSpec:
    """Read and validate one theme file; ThemeError names the file and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"{path}: invalid TOML: {error}") from None
    try:
        return ThemeSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(file)"
        message = first["msg"].removeprefix("Value error, ")
        raise ThemeError(f"{path}: {where}: {message}") from None


def load_themes(user_dir: Path | None = None) -> ThemeSet:
    """Bundled themes, then user themes (a user theme may replace a bundled one)."""
    found = ThemeSet()
    folders = [themes_dir(), user_dir if user_dir is not None else config_dir() / "themes"]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                spec = load_theme_file(path)
            except ThemeError as error:
                found.problems.append(str(error))
                continue
            found.themes[spec.name] = spec
    if DEFAULT_THEME not in found.themes:
        raise ThemeError(f"the bundled theme {DEFAULT_THEME!r} is missing from {themes_dir()}")
    return found
