"""Run the pipeline over articles and turn each spaCy Doc into records.

This is the only place where spaCy objects become :mod:`core.models` records;
nothing downstream sees a Doc. Entity ids are still local here (``ent_id_``
of rule matches, or None); :mod:`core.linking` assigns corpus-wide ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from core.models import AnnotatedArticle, Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Progress = Callable[[int], None]
ROLES_KEY = "newslens_roles"
SOURCE_KEY = "newslens_sources"
PARTS_KEY = "newslens_parts"

BATCH_SIZE = 8
"""Texts per nlp.pipe batch: 16 long articles cost 80 MB of activations per process, 8 cost 35 MB
(about 5 % slower)."""


def _weapon_kind(entity_id: str) -> str | None:
    if entity_id.startswith("weapon:"):
        return "named"
    if entity_id.startswith("weapon-generic:"):
        return "generic"
    return None


def mentions_of(doc: Doc) -> list[Mention]:
    """Mention records of the document's entities, with roles and sources."""
    from core.components.spans import text_of

    text = text_of(doc)  # doc.text builds every token again
    roles = {
        (start, end): text[role_start:role_end] for role_start, role_end, start, end in doc.user_data.get(ROLES_KEY, [])
    }
    sources = doc.user_data.get(SOURCE_KEY, {})
    mentions = []
    for ent in doc.ents:
        entity_id = ent.id_ or None
        mentions.append(
            Mention(
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
                entity=entity_id,
                kind=_weapon_kind(entity_id or "") if ent.label_ == "WEAPON" else None,
                source=sources.get(f"{ent.start}:{ent.end}", "model"),
                role=roles.get((ent.start_char, ent.end_char)),
            )
        )
    for start, end, label, entity_id in doc.user_data.get(PARTS_KEY, []):
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=text[start:end],
                label=label,
                entity=entity_id,
                kind=_weapon_kind(entity_id) if label == "WEAPON" else None,
                source="rule",
            )
        )
    return sorted(mentions, key=lambda mention: mention.start)


def quotes_of(doc: Doc) -> list[Quote]:
    """Quote records the quotes component left on the document."""
    if not doc.has_extension("quotes"):
        return []
    return [Quote(**record) for record in doc._.quotes or ()]


CHUNK_CHARS = 100_000
"""Longer articles are annotated in paragraph-aligned pieces of about this size."""


def chunks(article: Article) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of the article text, cut between paragraphs (at spaces only
    inside a single paragraph longer than a piece)."""
    text = article.text
    if len(text) <= CHUNK_CHARS:
        return [(0, len(text))]
    pieces, start, last_end = [], 0, 0
    for _paragraph_start, paragraph_end in article.paragraphs:
        if paragraph_end - start > CHUNK_CHARS and last_end > start:
            pieces.append((start, last_end))
            start = last_end
        last_end = paragraph_end
    pieces.append((start, len(text)))
    result = []
    for piece_start, piece_end in pieces:
        while piece_end - piece_start > CHUNK_CHARS:
            cut = text.rfind(" ", piece_start + 1, piece_start + CHUNK_CHARS)
            cut = cut if cut > piece_start else piece_start + CHUNK_CHARS
            result.append((piece_start, cut))
            piece_start = cut
        result.append((piece_start, piece_end))
    return result


def _shift_quote(quote: Quote, offset: int) -> Quote:
    def move(value: int | None) -> int | None:
        return None if value is None else value + offset

    return quote.model_copy(
        update={
            "start": quote.start + offset,
            "end": quote.end + offset,
            "parts": tuple((s + offset, e + offset) for s, e in quote.parts),
            "speaker_start": move(quote.speaker_start),
            "speaker_end": move(quote.speaker_end),
            "speaker_ref": None
            if quote.speaker_ref is None
            else (quote.speaker_ref[0] + offset, quote.speaker_ref[1] + offset),
        }
    )


def doc_to_article(article: Article, doc: Doc) -> AnnotatedArticle:
    """The annotated record of ``article`` from its processed ``doc``."""
    return AnnotatedArticle(
        **article.model_dump(),
        mentions=tuple(mentions_of(doc)),
        quotes=tuple(quotes_of(doc)),
    )


def annotate(
    articles: Sequence[Article],
    nlp: Language | None = None,
    *,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> Iterator[AnnotatedArticle]:
    """Annotate ``articles`` in order, calling ``progress(n)`` after each one."""
    if nlp is None:
        from core.pipeline import load_pipeline

        nlp = load_pipeline(model)
    pieces = [(number, start, end) for number, article in enumerate(articles) for start, end in chunks(article)]
    texts: Iterable[str] = (articles[number].text[start:end] for number, start, end in pieces)
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    done = 0
    for (number, start, end), doc in zip(pieces, nlp.pipe(texts, batch_size=batch_size), strict=True):
        if start == 0:  # most articles are one piece: no copies
            mentions += mentions_of(doc)
            quotes += quotes_of(doc)
        else:
            mentions += [
                m.model_copy(update={"start": m.start + start, "end": m.end + start}) for m in mentions_of(doc)
            ]
            quotes += [_shift_quote(q, start) for q in quotes_of(doc)]
        if end == len(articles[number].text):
            yield AnnotatedArticle(**articles[number].model_dump(), mentions=tuple(mentions), quotes=tuple(quotes))
            mentions, quotes = [], []
            done += 1
            if progress is not None:
                progress(done)
