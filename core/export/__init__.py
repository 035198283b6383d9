"""Export a view to one self-contained HTML file, or to displaCy's manual JSON format.

Records in, string out: :func:`render_html` and :func:`render_displacy` do no
I/O (the CLI writes with :func:`core.atomic.atomic_write`). The HTML shows
exactly what the reader shows for the same :class:`~core.view.ViewState`:
hidden mentions are plain text, dimmed ones carry a ``dim`` class, the selected
entity is emphasised, compare marks shared and unique entities and quotations.

What is highlighted is decided by :func:`core.highlight.paint`, the model the
reader draws as well; its runs are nested paragraph > quotation > mention
(:func:`core.export.runs.build_nodes`), and a Jinja2 template with autoescaping
turns the nodes into HTML. Every value reaches the page through the template,
escaped; ids are sanitised to ``[A-Za-z0-9_-]``; theme colours are validated
``#rrggbb``.

Modules:
    ids: :func:`slug` and :class:`IdMaker`, unique sanitised element ids.
    keys: the type keys of legend and index and their CSS classes.
    colours: the theme as CSS custom properties; WCAG contrast.
    nodes: the records the template renders (paragraph, quotation, mention).
    runs: nesting the painted runs into nodes; highlight classes to CSS classes.
    sections: article panes, legend, entity index, quotations, differences.
    page: everything the template shows for one export.
    render: :func:`render_html` and :func:`render_displacy`; templates in ``templates/``.
"""

from __future__ import annotations

from core.export.colours import MIN_CONTRAST, Palette, contrast, palette, readable
from core.export.ids import IdMaker, slug
from core.export.keys import TYPE_KEYS, type_class
from core.export.nodes import MentionNode, ParagraphNode, QuoteNode, TagNode
from core.export.render import render_displacy, render_html
from core.export.sections import QUOTE_EXCERPT, ArticleSection, IndexEntry, QuoteRow

__all__ = [
    "MIN_CONTRAST",
    "QUOTE_EXCERPT",
    "TYPE_KEYS",
    "ArticleSection",
    "IdMaker",
    "IndexEntry",
    "MentionNode",
    "Palette",
    "ParagraphNode",
    "QuoteNode",
    "QuoteRow",
    "TagNode",
    "contrast",
    "palette",
    "readable",
    "render_displacy",
    "render_html",
    "slug",
    "type_class",
]
