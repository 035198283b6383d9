"""Apply the user's corrections to annotated articles, after the cached NLP and before linking.

* ``[[tag]]``: every occurrence of the words on word boundaries (case-sensitive, ``Erlangen`` but
  not ``Erlanger``), in the corpus or in one article, becomes a mention with ``source = "user"``.
  It never cuts into a longer mention; shorter or equal mentions it overlaps are replaced.
* ``[[untag]]``: mentions whose text equals the words, compared case-insensitively, are removed
  (optionally only in one article, with one label, or the one starting at ``start``). Linking
  does not bring them back as repeats (:class:`core.linking.Resolution` drops those too).
* ``[[not_quote]]``: quotations whose text contains the words (case and whitespace ignored) are
  dropped; of nested quotations that both contain them (a quotation inside reported speech),
  only the innermost.
* ``[[speaker]]``: such quotations get the speaker words and ``source = "user"``; after linking
  their ``speaker_entity`` is the entity the correction names (None for ``entity = ""``).

Tags and untags apply in file order, so a later correction wins over an earlier one.
``[[merge]]``, ``[[split]]`` and ``[[relabel]]`` act on linking (:mod:`core.overrides`).
"""

from __future__ import annotations

import re
from functools import cache

from core.corrections.models import Corrections, NotQuote, Speaker, Tag, Untag
from core.models import LABELS, AnnotatedArticle, Mention, Quote


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


def untag_matches(untag: Untag, mention: Mention, article_id: str) -> bool:
    """Whether ``untag`` removes ``mention`` of the article ``article_id``."""
    return (
        mention.text.casefold() == untag.text.casefold()
        and (untag.article is None or untag.article == article_id)
        and (untag.label is None or untag.label == mention.label)
        and (untag.start is None or untag.start == mention.start)
    )


def quote_matches(words: str, quote: Quote) -> bool:
    """Whether the quotation holds ``words`` (case and whitespace ignored)."""
    return _folded(words) in _folded(quote.text)


def _encloses(outer: Quote, inner: Quote) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def quotes_meant(words: str, quotes: list[Quote]) -> list[int]:
    """Indices of the quotations ``words`` designate: those that hold them, except one that
    encloses another that does (``„ein Fehler“`` inside reported speech means the inner one)."""
    found = [n for n, quote in enumerate(quotes) if quote_matches(words, quote)]
    return [n for n in found if not any(_encloses(quotes[n], quotes[o]) for o in found)]


def _tag(mentions: list[Mention], tag: Tag, text: str) -> list[Mention]:
    for match in _pattern(tag.text).finditer(text):
        start, end = match.span()
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(m.end - m.start > end - start for m in overlapping):
            continue  # part of a longer name: leave it
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(Mention(start=start, end=end, text=match.group(), label=tag.label, source="user"))  # type: ignore[arg-type]
    return sorted(mentions, key=lambda m: m.start)


def correct_article(article: AnnotatedArticle, corrections: Corrections) -> AnnotatedArticle:
    """The article with every correction that concerns it applied (the same object if none does)."""
    mentions = list(article.mentions)
    quotes = list(article.quotes)
    changed = False
    for record in corrections.records:
        if isinstance(record, Tag):
            if record.label not in LABELS or (record.scope == "article" and record.article != article.id):
                continue
            if record.text in article.text:
                new = _tag(mentions, record, article.text)
                changed = changed or new != mentions
                mentions = new
        elif isinstance(record, Untag):
            kept = [m for m in mentions if not untag_matches(record, m, article.id)]
            changed = changed or len(kept) != len(mentions)
            mentions = kept
        elif isinstance(record, NotQuote) and record.article in (None, article.id):
            dropped = set(quotes_meant(record.quote, quotes))
            changed = changed or bool(dropped)
            quotes = [q for n, q in enumerate(quotes) if n not in dropped]
        elif isinstance(record, Speaker) and record.article in (None, article.id):
            for number in quotes_meant(record.quote, quotes):
                quotes[number] = quotes[number].model_copy(update={
                    "speaker": record.entity or None, "speaker_entity": None, "speaker_start": None,
                    "speaker_end": None, "speaker_ref": None, "speech": True, "source": "user"})  # fmt: skip
                changed = True
    if not changed:
        return article
    return article.model_copy(update={"mentions": tuple(mentions), "quotes": tuple(quotes)})


def correct_articles(articles: list[AnnotatedArticle], corrections: Corrections) -> list[AnnotatedArticle]:
    """Every article corrected, in place (the list is returned)."""
    if not any(isinstance(r, Tag | Untag | NotQuote | Speaker) for r in corrections.records):
        return articles
    for number, article in enumerate(articles):
        articles[number] = correct_article(article, corrections)
    return articles
