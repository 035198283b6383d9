"""Turn newslens theme specs (core.themes) into Textual themes.

Entity colours become theme variables (``$entity-person`` …) used by the
component classes of the article view. Built-in Textual themes have no such
variables, so the app supplies the default theme's values as a fallback.
"""

from __future__ import annotations

from textual.theme import Theme

from core.themes import ThemeSpec

HIGHLIGHT_VARIABLES = ("person", "place", "org", "weapon", "weapon_generic", "quote", "speaker", "selected",
                       "shared", "only")  # fmt: skip


def entity_variables(spec: ThemeSpec) -> dict[str, str]:
    """``{"entity-person": "#7cc7ff", …}`` for a theme."""
    return {f"entity-{name.replace('_', '-')}": getattr(spec.highlights, name) for name in HIGHLIGHT_VARIABLES}


def textual_theme(spec: ThemeSpec) -> Theme:
    """A Textual theme with the spec's interface colours and entity variables."""
    colors = spec.colors
    return Theme(
        name=spec.name,
        primary=colors.primary,
        secondary=colors.secondary,
        accent=colors.accent,
        foreground=colors.foreground,
        background=colors.background,
        surface=colors.surface,
        panel=colors.panel,
        warning=colors.warning,
        error=colors.error,
        success=colors.success,
        dark=spec.dark,
        variables=entity_variables(spec),
    )
