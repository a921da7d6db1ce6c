"""The reader's sync subprocess: background work, below the reader's priority."""

from __future__ import annotations

import os

import pytest

from search_index import SyncDone
from tui.sync_runner import BACKGROUND_NICE, SyncRunner


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities on this platform")
def test_the_sync_runs_below_the_readers_priority(seeds, home):
    runner = SyncRunner(seeds, home)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    seen = None
    events = []
    for event in runner.run():
        events.append(event)
        if seen is None and runner.process.poll() is None:
            seen = os.getpriority(os.PRIO_PROCESS, runner.process.pid)
    assert seen == min(own + BACKGROUND_NICE, 19)
    assert isinstance(events[-1], SyncDone)  # and it still finished its work
