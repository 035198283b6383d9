"""Garbage collection while newslens starts.

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
"""

from __future__ import annotations

import gc

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
