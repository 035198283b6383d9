"""A Textual stylesheet that switches themes without parsing again or repainting a widget many times.

Textual applies a theme (``App.refresh_css``) by parsing every CSS source anew
with the theme's variables and setting every rule on every widget again. On
the reader at 160x45 that was 80–90 ms of a ``t`` press, before the frame
could be drawn:

- ``Stylesheet.reparse`` parses into a fresh stylesheet whose parse cache is
  empty, and ``set_variables`` empties the stylesheet's own, so every switch
  (and the next widget mounted after it) parses all sources again: 20–25 ms
  each. :class:`ThemeStylesheet` keeps one parse cache per set of variables,
  so a theme seen before costs no parsing, and :meth:`ThemeStylesheet.warm`
  fills a theme's cache ahead of its first use (the reader does that while it
  idles, one theme at a time).
- Each colour rule that changes on a widget repaints the widget *and all its
  descendants* (``Styles.refresh(children=True)``): about 1,700 refreshes for
  some 50 widgets, 25–35 ms. :meth:`ThemeStylesheet.update`, which restyles a
  whole tree (a theme switch or a CSS reload), collects those requests and
  refreshes each widget once, with a layout where any rule asked for one.

Together they brought ``refresh_css`` on a ``t`` press from 84 to 25 ms
(median, measured in-process on the seeds).
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator

from textual.cache import LRUCache
from textual.css.styles import Styles
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

PARSE_CACHE_SIZE = 256
"""Parsed CSS sources kept per theme (the reader has about 40; Textual's own cache keeps 64)."""
THEMES_KEPT = 8
"""Themes whose parse caches are kept (about 0.6 MB each), the least recently used dropped first."""

Variables = tuple[tuple[str, str], ...]
SourceKey = tuple  # (css, location, is_default_css, tie_breaker, scope): Textual's parse-cache key


def variables_key(variables: dict[str, str]) -> Variables:
    return tuple(sorted(variables.items()))


class ThemeStylesheet(Stylesheet):
    """Textual's stylesheet with a parse cache per theme and batched repaints on whole-tree restyles."""

    def __init__(
        self,
        *,
        variables: dict[str, str] | None = None,
        caches: OrderedDict[Variables, LRUCache[SourceKey, list]] | None = None,
    ) -> None:
        self._theme_caches = OrderedDict() if caches is None else caches
        self._unparsable: set[tuple[Variables, SourceKey]] = set()
        """Sources that do not parse with a theme's variables: :meth:`warm` does not try them again."""
        super().__init__(variables=variables)
        self._parse_cache = self._cache_for(variables or {})

    def _cache_for(self, variables: dict[str, str]) -> LRUCache[SourceKey, list]:
        key = variables_key(variables)
        cache = self._theme_caches.pop(key, None)
        self._theme_caches[key] = cache = LRUCache(PARSE_CACHE_SIZE) if cache is None else cache
        while len(self._theme_caches) > THEMES_KEPT:
            dropped, _ = self._theme_caches.popitem(last=False)
            self._unparsable = {(theme, source) for theme, source in self._unparsable if theme != dropped}
        return cache

    def _source_keys(self) -> list[SourceKey]:
        return [(css, at, defaults, tie, scope) for at, (css, defaults, tie, scope) in self.source.items()]

    def copy(self) -> ThemeStylesheet:
        """A copy sharing the parse caches (Textual copies the stylesheet to reload edited CSS files)."""
        stylesheet = ThemeStylesheet(variables=self._variables.copy(), caches=self._theme_caches)
        stylesheet.source = self.source.copy()
        return stylesheet

    def set_variables(self, variables: dict[str, str]) -> None:
        self._parse_cache = LRUCache(1)  # Textual empties the cache it finds: not a theme's
        super().set_variables(variables)
        self._parse_cache = self._cache_for(variables)

    def reparse(self) -> None:
        """Parse the sources with the current variables, through this theme's cache.

        As in Textual, every source is tried (also one that failed before), and a source that
        does not parse leaves the rules as they were.
        """
        rules, rules_map, invalid = self._rules, self._rules_map, self._invalid_css
        self._invalid_css = set()
        try:
            self.parse()
        except Exception:
            self._rules, self._rules_map = rules, rules_map
            self._invalid_css |= invalid
            raise

    def warm(self, variables: dict[str, str]) -> None:
        """Parse every source with ``variables`` into their cache, leaving the rules in use alone.

        A source that does not parse is remembered and not tried again here; applying the theme
        reports it as Textual does.
        """
        theme = variables_key(variables)
        scratch = Stylesheet(variables=variables)
        scratch._parse_cache = self._cache_for(variables)
        for key in self._source_keys():
            if (theme, key) not in self._unparsable:
                try:
                    scratch._parse_rules(*key)
                except Exception:
                    self._unparsable.add((theme, key))

    def is_warm(self, variables: dict[str, str]) -> bool:
        """Whether every current source is parsed (or known not to parse) for ``variables``."""
        theme = variables_key(variables)
        cache = self._theme_caches.get(theme)
        return cache is not None and all(k in cache or (theme, k) in self._unparsable for k in self._source_keys())

    def update(self, root: DOMNode, animate: bool = False) -> None:
        with batched_refreshes():
            super().update(root, animate=animate)


@contextlib.contextmanager
def batched_refreshes() -> Iterator[None]:
    """Collect the refreshes that style rules ask for while the block runs, then do each widget's once.

    Only for synchronous code (it swaps ``Styles.refresh`` for the duration; nothing else runs
    meanwhile on the event loop, and no other thread touches styles).
    """
    wanted: dict[DOMNode, bool] = {}  # widget -> layout wanted

    def record(styles: Styles, *, layout: bool = False, children: bool = False, parent: bool = False,
               repaint: bool = True) -> None:  # fmt: skip
        node = styles.node
        if node is None or not node._is_mounted:
            return
        if parent and node._parent is not None:
            wanted.setdefault(node._parent, False)  # Textual repaints the parent, without a layout
        for target in [node, *(node.walk_children(with_self=False) if children else ())]:
            wanted[target] = wanted.get(target, False) or layout

    original = Styles.refresh
    Styles.refresh = record  # type: ignore[method-assign]
    try:
        yield
    finally:
        Styles.refresh = original  # type: ignore[method-assign]
        for node, layout in wanted.items():  # also when the block failed: what it restyled is shown
            node.refresh(layout=layout)
