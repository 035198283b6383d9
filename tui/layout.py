"""The reader's width classes and the side panels each has room for.

The articles get most of the width. From 200 columns the filter panel, the
articles and the sidebar (entity index, quotes) sit side by side; from 130
the sidebar stays and the filters open on ``f`` over the left article; below
130 both open on demand (``f``, ``i``, ``w``) over the articles, and below 90
the two articles are stacked.
"""

from __future__ import annotations

WIDTH_CLASSES: list[tuple[int, str]] = [(0, "-narrow"), (90, "-medium"), (130, "-wide"), (200, "-roomy")]
"""``(minimum columns, screen class)``: Textual's horizontal breakpoints."""
PANELS: dict[str, str] = {"filters": "#filters", "index": "#index", "quotes": "#quotes"}
"""Side panel name -> its widget."""
OVERLAYS: frozenset[str] = frozenset({"-narrow", "-medium"})
"""Width classes in which the side panels float over the articles."""
_DEFAULTS: dict[str, frozenset[str]] = {
    "-narrow": frozenset(),
    "-medium": frozenset(),
    "-wide": frozenset({"index", "quotes"}),
    "-roomy": frozenset({"filters", "index", "quotes"}),
}


def width_class(columns: int) -> str:
    """The width class of a terminal ``columns`` wide."""
    return next(name for minimum, name in sorted(WIDTH_CLASSES, reverse=True) if columns >= minimum)


def default_panels(name: str) -> frozenset[str]:
    """The side panels shown at first in a width class."""
    return _DEFAULTS[name]


def is_overlay(panel: str, name: str) -> bool:
    """Does ``panel`` float over the articles in width class ``name``?"""
    return name in OVERLAYS or (panel == "filters" and name == "-wide")
