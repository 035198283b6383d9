"""Annotate in several processes (``--jobs N``) for large corpora.

Each worker process loads the pipeline once and returns records, never spaCy
objects, so nothing heavy crosses process boundaries. Workers are started
with ``spawn``: the reader runs the loader in a thread, and forking a
threaded process is unsafe.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from core.models import AnnotatedArticle, Article

CHUNK = 16
_model: str | None = None


def _start(model: str | None) -> None:
    global _model
    _model = model
    from core.pipeline import load_pipeline

    load_pipeline(model)


def _work(items: list[tuple[int, Article]]) -> list[tuple[int, AnnotatedArticle]]:
    from core.annotate import annotate

    done = annotate([article for _, article in items], model=_model)
    return [(position, article) for (position, _), article in zip(items, done, strict=True)]


def annotate_in_processes(
    items: list[tuple[int, Article]], model: str | None, jobs: int, warn: Callable[[str], None] | None = None
) -> Iterator[tuple[int, AnnotatedArticle]]:
    """(position, annotated article) in completion order; if the workers fail, the rest in-process."""
    context = multiprocessing.get_context("spawn")
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    done: set[int] = set()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start, initargs=(model,)) as pool:
            for future in as_completed([pool.submit(_work, chunk) for chunk in chunks]):
                for position, article in future.result():
                    done.add(position)
                    yield position, article
    except (BrokenProcessPool, OSError) as error:
        if warn is not None:
            warn(f"worker processes failed ({error.__class__.__name__}); annotating in this process")
        from core.annotate import annotate

        rest = [(position, article) for position, article in items if position not in done]
        yield from zip((p for p, _ in rest), annotate([a for _, a in rest], model=model), strict=True)
