"""Atomic writes: a failed write leaves neither half a file nor its temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.atomic import atomic_write


class Boom(Exception):
    """Raised by a chunk generator half-way (as a cache row that does not validate)."""


@pytest.mark.parametrize("error", [Boom("bad row"), KeyboardInterrupt()], ids=["exception", "interrupt"])
def test_a_failing_chunk_source_leaves_no_temporary_file(tmp_path: Path, error: BaseException):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def chunks():
        yield "first half"
        raise error

    with pytest.raises(type(error)):
        atomic_write(target, chunks(), overwrite=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_fifo_or_device_is_written_to_not_replaced(tmp_path: Path):
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"  # as -o /dev/stdout or -o /dev/null: the node must stay what it is
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, "Daten", overwrite=True)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received == [b"Daten"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
