"""Messages the background loader posts to the reader."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from core.models import AnnotatedArticle, Article
from core.store import Store


@dataclass
class CorpusLoaded(Message):
    """The files are read; articles can be shown as plain text."""

    articles: list[Article]
    problems: list[str]


@dataclass
class ArticleAnnotated(Message):
    """One more article is annotated (entity ids are not final until CorpusReady)."""

    position: int
    article: AnnotatedArticle
    done: int
    total: int


@dataclass
class CorpusReady(Message):
    """Every article is annotated and linked."""

    store: Store
    from_cache: bool


@dataclass
class LoadFailed(Message):
    """Nothing could be loaded or annotated."""

    message: str


@dataclass
class CacheWarning(Message):
    """The annotation cache had to be rebuilt or bypassed."""

    message: str
