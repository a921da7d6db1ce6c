"""Cyclic garbage is collected while the reader is idle, not in the middle of a keystroke.

Textual makes cyclic garbage on every frame (a Strip caches its own crops), so
Python's collector runs full collections every few seconds of typing; with the
index's long-lived objects frozen (`Index.warm_up`), each still took 22-31 ms in
the entity browser at 100,000 documents (74 ms after screens closed), and the
frame that waited for it missed the 50 ms keystroke budget. The automatic
collector is off while the app runs; `IdleCollector` collects once input has
paused for IDLE seconds, and at once whatever the input if garbage piles up
(MAX_PENDING allocations), so memory stays bounded under endless key repeat.
"""

from __future__ import annotations

import gc
import time

IDLE = 0.4  # seconds since the last key or mouse event
MAX_PENDING = 200_000  # tracked allocations since the last collection: collect now, busy or not
CHECK_EVERY = 0.25  # seconds


class IdleCollector:
    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        gc.disable()

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    def check(self) -> None:
        """Collect if the user has paused (and there is something to collect), or if it cannot wait."""
        pending = gc.get_count()[0]
        idle = time.monotonic() - self.last_input >= IDLE
        if pending >= MAX_PENDING or (idle and pending >= 1_000):
            gc.collect()
