"""Open the corpus in a worker thread, posting each step to the reader.

The reader opens at once: with a warm cache the corpus is ready immediately;
otherwise the plain text appears first, each article is shown as soon as it is
annotated, and the entity index and quotes fill when the corpus is linked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.message_pump import MessagePump
from textual.worker import NoActiveWorker, get_current_worker

from core.analysis import Annotated, Loaded, Options, Ready, open_corpus
from core.corpus import DEFAULT_MAX_BYTES
from core.errors import NewslensError
from tui.messages import ArticleAnnotated, CacheWarning, CorpusLoaded, CorpusReady, LoadFailed


@dataclass(frozen=True)
class LoadRequest:
    """What to open and how."""

    paths: Sequence[str | Path]
    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    use_cache: bool = True
    jobs: int = 1
    place_adjectives: bool = False


def load(request: LoadRequest, target: MessagePump) -> None:
    """Runs in a thread: open the corpus and post every step."""
    options = Options(request.model, request.max_bytes, request.use_cache, request.jobs,
                      warn=lambda message: target.post_message(CacheWarning(message)),
                      place_adjectives=request.place_adjectives)  # fmt: skip
    try:
        worker = get_current_worker()
    except NoActiveWorker:
        worker = None
    steps = open_corpus(request.paths, options)
    try:
        for step in steps:
            if worker is not None and worker.is_cancelled:  # the reader closed: stop, and end the workers
                steps.close()
                return
            if isinstance(step, Loaded):
                target.post_message(CorpusLoaded(step.articles, step.problems))
            elif isinstance(step, Annotated):
                target.post_message(ArticleAnnotated(step.position, step.article, step.done, step.total))
            elif isinstance(step, Ready):
                target.post_message(CorpusReady(step.store, step.from_cache))
    except NewslensError as error:
        target.post_message(LoadFailed(str(error)))
