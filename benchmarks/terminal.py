"""A program in a pseudo-terminal, as a person's terminal would run it, with timed frames.

Textual asks the terminal whether it supports synchronized output (DEC mode
2026) and, when it does, wraps every frame in ``ESC[?2026h`` … ``ESC[?2026l``.
:class:`Terminal` answers yes, so the end of each frame is visible in the
output stream: "key to next frame" is the time from writing a key to the end
of the first frame written after it.
"""

from __future__ import annotations

import os
import re
import select
import statistics
import time
from dataclasses import dataclass, field

_CSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "recognised, currently reset": Textual then syncs every frame
FRAME_END = b"\x1b[?2026l"


@dataclass
class Terminal:
    """``command`` running in a pseudo-terminal of ``columns`` x ``rows``."""

    command: list[str]
    env: dict[str, str]
    columns: int = 160
    rows: int = 45
    started: float = 0.0
    output: bytearray = field(default_factory=bytearray)
    frames: list[float] = field(default_factory=list)
    """Time (perf_counter) at which each frame's end arrived."""
    _pid: int = 0
    _fd: int = -1
    _answered: bool = False
    _sent: float = 0.0

    def __enter__(self) -> Terminal:
        import pty

        self.started = time.perf_counter()
        self._pid, self._fd = pty.fork()
        if self._pid == 0:  # child
            size = {"TERM": "xterm-256color", "COLUMNS": str(self.columns), "LINES": str(self.rows)}
            os.execvpe(self.command[0], self.command, {**self.env, **size})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            os.write(self._fd, b"q")
            time.sleep(0.3)
        except OSError:
            pass
        finally:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
            os.close(self._fd)

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout`` seconds; False when nothing came."""
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self._fd, 1 << 16)
        except OSError:
            return False
        arrived = time.perf_counter()
        tail = len(self.output) - len(FRAME_END) + 1
        self.output += chunk
        position = max(0, tail)
        while (position := self.output.find(FRAME_END, position)) != -1:
            self.frames.append(arrived)
            position += len(FRAME_END)
        if not self._answered and SYNC_QUERY in self.output:
            os.write(self._fd, SYNC_REPLY)
            self._answered = True
        return True

    def wait_for(self, *markers: bytes, timeout: float = 600) -> list[float]:
        """Seconds from the start until each marker is on the screen (styles stripped)."""
        found: dict[bytes, float] = {}
        while time.perf_counter() - self.started < timeout and len(found) < len(markers):
            if self._read(0.05):
                plain = _CSI.sub(b"", bytes(self.output))
                for marker in markers:
                    if marker not in found and marker in plain:
                        found[marker] = time.perf_counter() - self.started
        missing = [marker for marker in markers if marker not in found]
        if missing:
            raise SystemExit(f"{' '.join(self.command)}: no {missing[0]!r} on screen within {timeout} s")
        return [found[marker] for marker in markers]

    def settle(self, quiet: float, timeout: float = 30) -> None:
        """Read until nothing has come for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self._read(quiet):
            pass

    def key_to_frame(self, key: bytes, timeout: float = 10) -> float:
        """Seconds from writing ``key`` to the end of the next frame."""
        seen = len(self.frames)
        sent = self._sent = time.perf_counter()
        os.write(self._fd, key)
        while len(self.frames) == seen and time.perf_counter() - sent < timeout:
            self._read(0.01)
        if len(self.frames) == seen:
            raise SystemExit(f"no frame within {timeout} s after {key!r}")
        return self.frames[seen] - sent

    def settled_after(self, seen: int, window: float = 1.0) -> float:
        """Seconds from the last key to the last frame since frame number ``seen`` that came within
        ``window`` seconds of it (call after :meth:`settle`): the frames a key causes after its
        first, such as panels drawn next; a toast going away seconds later is not the key's."""
        frames = [f - self._sent for f in self.frames[seen:] if f - self._sent <= window]
        return frames[-1] if frames else 0.0


def first_paint(command: list[str], env: dict[str, str], *markers: bytes, timeout: float = 600) -> list[float]:
    """Seconds from starting ``command`` until each of ``markers`` is on the screen."""
    with Terminal(command, env) as terminal:
        return terminal.wait_for(*markers, timeout=timeout)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.95 for p95) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def key_latencies(
    command: list[str], env: dict[str, str], keys: dict[str, bytes], presses: int, ready: bytes, quiet: float = 0.6
) -> dict[str, list[float]]:
    """Key-to-next-frame seconds of each key, pressed ``presses`` times in turns once ``ready`` shows,
    and (as ``"<key> settled"``) seconds from the key to the last frame it caused.

    Before each press the screen must have been still for ``quiet`` seconds, so that a frame
    still on its way from the press before (or a notification going away) is not taken for
    the frame of this one.
    """
    timings: dict[str, list[float]] = {n: [] for name in keys for n in (name, f"{name} settled")}
    with Terminal(command, env) as terminal:
        terminal.wait_for(ready)
        terminal.settle(1.0)
        for _ in range(presses):
            for name, key in keys.items():
                seen = len(terminal.frames)
                timings[name].append(terminal.key_to_frame(key))
                terminal.settle(quiet)
                timings[f"{name} settled"].append(terminal.settled_after(seen))
    return timings
