"""The theme as CSS custom properties, with WCAG contrast checks for highlighted text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import ExportError
from core.export.keys import TYPE_KEYS, split_key, type_class
from core.themes import ThemeSpec

MIN_CONTRAST = 4.5
"""WCAG AA contrast of highlighted text on its background; below it the text takes the body colour."""
_HEX = re.compile(r"^#[0-9a-f]{6}$")


def _checked(colour: str) -> str:
    if not _HEX.match(colour):
        raise ExportError(f"theme colour {colour!r} is not a #rrggbb colour")
    return colour


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    low, high = sorted((_luminance(first), _luminance(second)))
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, background: str, fallback: str) -> str:
    """``colour`` if it reads on ``background``, else ``fallback``, else black or white."""
    for candidate in (colour, fallback):
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return max(("#000000", "#ffffff"), key=lambda c: contrast(c, background))


def _mix(first: str, second: str, share: float) -> str:
    channels = (round(int(first[i : i + 2], 16) * share + int(second[i : i + 2], 16) * (1 - share)) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in channels)


@dataclass(frozen=True)
class Palette:
    """The theme as CSS custom properties, plus per-type text colours that stay readable."""

    variables: tuple[tuple[str, str], ...]
    inks: tuple[tuple[str, dict[str, str]], ...]
    """``(type class, {background: text colour})`` for surface, panel, quote, shared, only, selected."""
    bars: frozenset[tuple[str, str]]
    """``(type class, background)`` where the text lost its type colour: a bar in that colour marks it."""


def palette(theme: ThemeSpec) -> Palette:
    """Custom properties named like the reader's theme variables (``--entity-person`` …)."""
    base = {name: _checked(value) for name, value in theme.colors.model_dump().items()}
    lights = {name: _checked(value) for name, value in theme.highlights.model_dump().items()}
    variables = [(name, value) for name, value in base.items()]
    variables += [(f"entity-{name.replace('_', '-')}", value) for name, value in lights.items()]
    variables.append(("dim", _mix(base["foreground"], base["surface"], 0.5)))
    backgrounds = {key: lights[key] for key in ("quote", "shared", "only", "selected")}
    backgrounds |= {"surface": base["surface"], "panel": base["panel"]}
    inks, bars = [], set()
    for key in TYPE_KEYS:
        colour = theme.label_colour(*split_key(key))
        ink = {where: readable(colour, bg, base["foreground"]) for where, bg in backgrounds.items()}
        inks.append((type_class(key), ink))
        bars |= {(type_class(key), where) for where, value in ink.items() if value != colour}
    return Palette(tuple(variables), tuple(inks), frozenset(bars))
