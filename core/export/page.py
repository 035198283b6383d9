"""Everything the page template shows, built from the records as plain values."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from core.errors import ExportError
from core.export.ids import IdMaker, slug
from core.export.keys import TYPE_KEYS, type_class
from core.export.runs import Context, build_nodes
from core.export.sections import (
    ArticleSection,
    article_letter,
    differences,
    entity_index,
    legend_rows,
    quotation_rows,
)
from core.highlight import paint
from core.models import AnnotatedArticle, Entity
from core.textclean import printable
from core.view import ViewState, compare


def _file_name(path: str) -> str:
    """``folder/file.jsonl#3`` -> ``file.jsonl#3`` (control characters shown as escapes)."""
    file, sep, record = path.partition("#")
    return printable(PurePath(file).name + sep + record)


def select_articles(articles: Sequence[AnnotatedArticle], view: ViewState) -> list[AnnotatedArticle]:
    """The articles ``view.articles`` names, in its order (all of them when it names none).

    Raises:
        ExportError: An article id of ``view`` is not among ``articles``, or there is no article.
    """
    if not view.articles:
        chosen = list(articles)
    else:
        by_id = {article.id: article for article in articles}
        missing = [article_id for article_id in view.articles if article_id not in by_id]
        if missing:
            raise ExportError(f"unknown article id {missing[0]!r} (see 'newslens list')")
        chosen = [by_id[article_id] for article_id in view.articles]
    if not chosen:
        raise ExportError("no articles to export")
    return chosen


def build_page(articles: Sequence[AnnotatedArticle], entities: Sequence[Entity], view: ViewState) -> dict:
    """Everything the template shows, as plain values."""
    chosen = select_articles(articles, view)
    known = {entity.id: entity for entity in entities}
    names = {entity.id: entity.name for entity in entities}
    ids = IdMaker(reserved=("top", "legend", "differences", "articles", "quotations", "index"))
    marks = compare(chosen[0], chosen[1]) if view.compare and len(chosen) == 2 else None
    paintings = [paint(a, view, names, marks.marks(n) if marks else None) for n, a in enumerate(chosen)]
    rendered = [painting.mentions for painting in paintings]
    entity_ids: dict[str, str] = {}
    for mentions in rendered:
        for mention in mentions.values():
            if mention.entity and mention.entity not in entity_ids:
                entity_ids[mention.entity] = ids.make("e", mention.entity)
    sections, quote_rows, element_ids, anchors = [], [], [], []
    for number, (article, painting) in enumerate(zip(chosen, paintings, strict=True)):
        mentions = painting.mentions
        letter, base = article_letter(number), slug(article.id)
        section_id, text_id = ids.make("a", article.id), ids.make("t", article.id)
        own = {f"m{n}": ids.make("m", f"{base}-{n}") for n in mentions}
        own |= {f"q{n}": ids.make("q", f"{base}-{n}") for n in range(len(article.quotes))}
        quote_marks = None if marks is None else (marks.first_quotes, marks.second_quotes)[number]
        ctx = Context(article, own, entity_ids, known, names, quote_marks)
        nodes, anchored = build_nodes(ctx, painting)
        element_ids.append(own)
        anchors.append({n: f"#{own[f'q{n}'] if n in anchored else text_id}" for n in range(len(article.quotes))})
        first_line = article.text[slice(*article.paragraphs[0])].strip() if article.paragraphs else ""
        shown = sum(view.visibility(m) == "shown" for m in mentions.values())
        sections.append(
            ArticleSection(
                letter=letter,
                id=section_id,
                text_id=text_id,
                title=article.title,
                name=_file_name(article.path),
                nodes=tuple(nodes),
                shown=shown,
                show_title=first_line != article.title.strip(),
            )
        )
        if view.show_quotes:
            quote_rows += quotation_rows(ctx, letter, anchors[-1])
    index = entity_index(rendered, element_ids, entity_ids, known, view)
    return {
        "sections": sections,
        "legend": legend_rows(rendered, view),
        "groups": [(key, type_class(key), entries) for key in TYPE_KEYS if (entries := index.get(key))],
        "quotes": quote_rows,
        "differences": differences(marks, chosen, known, entity_ids, anchors if view.show_quotes else None),
        "selected": names.get(view.selected or "", view.selected),
    }
