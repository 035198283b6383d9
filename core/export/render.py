"""The public entry points: records in, one HTML page or displaCy JSON out (no I/O)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from core import __version__
from core.export.colours import palette
from core.export.page import build_page, select_articles
from core.highlight import painted_mentions
from core.models import AnnotatedArticle, Entity
from core.textclean import printable
from core.themes import ThemeSpec
from core.view import ViewState

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _keep_text(value: str) -> Markup:
    """Escape article text; a carriage return becomes ``&#13;`` so the parser keeps it."""
    return Markup(str(escape(value)).replace("\r", "&#13;"))


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["keep_text"] = _keep_text
    return env


def render_html(
    articles: Sequence[AnnotatedArticle],
    entities: Sequence[Entity],
    view: ViewState,
    theme: ThemeSpec,
    *,
    title: str,
) -> str:
    """One self-contained HTML page showing ``articles`` as ``view`` shows them.

    Args:
        articles: The corpus articles; ``view.articles`` picks and orders them (all when empty).
        entities: The corpus entities (names, aliases and roles for tooltips and the index).
        view: Filters, selection and compare mode, as in the reader.
        theme: Colours; every value must be ``#rrggbb``.
        title: Title of the page.

    Raises:
        ExportError: An article id of ``view`` is not among ``articles``, or a colour is invalid.
    """
    page = build_page(articles, entities, view)
    return (
        _environment()
        .get_template("export.html.j2")
        .render(
            title=printable(title),  # may hold a corpus or file name: escapes shown, never raw
            theme=theme.name,
            dark=theme.dark,
            palette=palette(theme),
            view=view,
            generator=f"newslens {__version__}",
            **page,
        )
    )


def render_displacy(articles: Sequence[AnnotatedArticle], view: ViewState) -> str:
    """The shown mentions in displaCy's manual format: ``[{"text", "ents", "title"}]``.

    ``spacy.displacy.render(json.loads(data), style="ent", manual=True)`` renders it.
    """
    documents = [
        {
            "text": article.text,
            "ents": [
                {"start": m.start, "end": m.end, "label": m.label}
                for m in sorted(painted_mentions(article, view).values(), key=lambda m: m.start)
                if view.visibility(m) == "shown"
            ],
            "title": article.title,
        }
        for article in select_articles(articles, view)
    ]
    return json.dumps(documents, ensure_ascii=False, indent=2)
