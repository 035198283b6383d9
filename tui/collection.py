"""Garbage collection in newslens: paused while it starts, full collections while the reader idles.

Starting the reader creates about 175,000 objects, nearly all of which live as
long as the program: modules, classes, styles, widgets and records. Python's
collector walks them again and again on the way; measured with
``gc.callbacks``, that is 95–150 ms of a warm start, where a minimal Textual
app spends 15 ms.

The console script pauses collection before it imports anything. The reader
resumes it as soon as its first articles (or their plain text, or an error)
are handed to the screen; other commands resume it once their arguments are
parsed. Resuming freezes what exists (``gc.freeze``), so later collections
never walk the start-up objects again, and reading is not interrupted by them.
The price: the start's own cyclic garbage (about 20,000 objects, 3 MB) stays;
collecting it first would stall the screen for about 100 ms.

While the reader runs, Python collects the young generations as usual, but the
full collections are left to :class:`IdleCollector`: one runs once no key or
mouse event has come for ``IDLE_SECONDS``. Left to Python, a full collection
(15–40 ms after a few theme changes, which leave some 10,000 objects of cyclic
garbage each) fell inside the frame of whatever key came next; measured with
``benchmarks/run.py``, it was most of the difference between the median and
the p95 of ``]``, a filter key and ``t``.
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 0.3
"""Seconds without a key or mouse event after which a due full collection runs."""
AT_LATEST_SECONDS = 30.0
"""A due full collection runs after this long even while keys keep coming (memory stays bounded)."""
CHECK_SECONDS = 0.25
"""How often the reader asks :meth:`IdleCollector.tick` whether to collect."""
DUE = 1
"""Young collections since the last full one after which a full one is due (Python's own: 10)."""
NEVER = 1 << 30
"""A full-collection threshold Python does not reach: full collections only by :class:`IdleCollector`."""

_paused = False


def pause_collection() -> None:
    """Stop automatic collection until :func:`resume_collection` (console script only)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Freeze the objects of the start and collect automatically again.

    Does nothing unless :func:`pause_collection` paused it, so it is safe to call more than once.
    """
    global _paused
    if not _paused:
        return
    _paused = False
    gc.freeze()
    gc.enable()


class IdleCollector:
    """Runs Python's full collections while the reader idles (see the module docstring).

    :meth:`start` takes them from Python, :meth:`stop` gives them back; between the two the
    reader reports every key and mouse event (:meth:`input`) and calls :meth:`tick` every
    ``CHECK_SECONDS``.
    """

    def __init__(self) -> None:
        self.last_input = self.last_full = time.monotonic()
        self.full_collections = 0
        """Full collections run so far (tests, benchmarks)."""
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _full = self._thresholds
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Python runs full collections again, as before :meth:`start`."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input(self) -> None:
        self.last_input = time.monotonic()

    def idle(self) -> bool:
        """No key or mouse event for ``IDLE_SECONDS``."""
        return time.monotonic() - self.last_input >= IDLE_SECONDS

    def tick(self) -> bool:
        """Run a full collection if one is due and the reader idles (or has not idled for long);
        True if it ran."""
        now = time.monotonic()
        due = self._thresholds is not None and gc.isenabled() and gc.get_count()[2] >= DUE
        if not due or (now - self.last_input < IDLE_SECONDS and now - self.last_full < AT_LATEST_SECONDS):
            return False
        gc.collect()
        self.last_full = time.monotonic()
        self.full_collections += 1
        return True
