"""Annotate in several processes (``--jobs N``) for large corpora.

Each worker process loads the pipeline once and returns records, never spaCy
objects, so nothing heavy crosses process boundaries. Workers are started
with ``spawn``: the reader runs the loader in a thread, and forking a
threaded process is unsafe.

Workers end with their parent: when the run stops early (an error, Ctrl-C,
SIGTERM turned into an exception by the CLI, the reader closing the loader)
the pool is shut down without waiting and its processes terminated; and each
worker watches its parent and exits when it is gone (SIGKILL, a crash), since
a worker blocked on the task queue never notices on its own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from core.models import AnnotatedArticle, Article

CHUNK = 16
WATCH_SECONDS = 0.5
_model: str | None = None


def _watch_parent(parent: int) -> None:
    """Exit this worker as soon as its parent process is gone (it is then re-parented)."""
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _start(model: str | None, parent: int) -> None:
    global _model
    _model = model
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no traceback per worker
    threading.Thread(target=_watch_parent, args=(parent,), name="newslens-parent-watch", daemon=True).start()
    from core.pipeline import load_pipeline

    load_pipeline(model)


def _work(items: list[tuple[int, Article]]) -> list[tuple[int, AnnotatedArticle]]:
    from core.annotate import annotate

    done = annotate([article for _, article in items], model=_model)
    return [(position, article) for (position, _), article in zip(items, done, strict=True)]


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr. It hands ``sys.stderr``'s
    descriptor to its process; in the reader, Textual has replaced sys.stderr with an object whose
    fileno() is -1, and the first worker's start failed with 'bad value(s) in fds_to_keep'."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


def annotate_in_processes(
    items: list[tuple[int, Article]], model: str | None, jobs: int, warn: Callable[[str], None] | None = None
) -> Iterator[tuple[int, AnnotatedArticle]]:
    """(position, annotated article) in completion order; if the workers fail, the rest in-process."""
    context = multiprocessing.get_context("spawn")
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    done: set[int] = set()
    try:
        _start_resource_tracker()
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start,
                                   initargs=(model, os.getpid()))  # fmt: skip
        finished = False
        try:
            for future in as_completed([pool.submit(_work, chunk) for chunk in chunks]):
                for position, article in future.result():
                    done.add(position)
                    yield position, article
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:  # stopped early (also GeneratorExit): do not wait for the chunks in flight
                _stop(pool)
    except (BrokenProcessPool, OSError) as error:
        if warn is not None:
            warn(f"worker processes failed ({error.__class__.__name__}); annotating in this process")
        from core.annotate import annotate

        rest = [(position, article) for position, article in items if position not in done]
        yield from zip((p for p, _ in rest), annotate([a for _, a in rest], model=model), strict=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and terminate the worker processes now."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public handle before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
