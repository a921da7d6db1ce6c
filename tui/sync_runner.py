"""Runs `seed-reader index --progress-json` in a subprocess and reads its progress.

Indexing runs out of process: Whoosh's writer is pure Python and spaCy is
heavy, and in a thread either would take the GIL from the UI. It also keeps
the model (150 MB) out of the reader's memory. The lines and exit codes are
`search_index.protocol`'s, shared with the command that writes them.

The sync runs at a lower priority (nice +10, and so do its model processes): it
is background work, and on a machine with as many model processes as cores it
would otherwise take the CPU from the reader's keystrokes and its search.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from search_index import Progress, SyncEvent, SyncReport, decode_sync_line, sync_outcome

BACKGROUND_NICE = 10


def _background() -> None:
    """In the child, before it runs: a lower priority than the reader's (inherited by its children)."""
    os.nice(BACKGROUND_NICE)


class SyncRunner:
    def __init__(self, root: Path, home: Path, entities: bool = True) -> None:
        self.root = root
        self.home = home
        self.entities = entities
        self.process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "tui", "--home", str(self.home), "index", str(self.root), "--progress-json"]
        return command + ([] if self.entities else ["--no-entities"])

    def run(self) -> Iterator[SyncEvent]:
        """Progress as it comes, then how it ended: SyncDone, SyncBusy or SyncFailed."""
        with self._lock:
            if self._stopped:  # stopped before it started: never start
                return
            self.process = subprocess.Popen(
                self.command(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
                bufsize=1,
                preexec_fn=_background if hasattr(os, "nice") else None,
            )
        report = None
        assert self.process.stdout is not None
        for line in self.process.stdout:
            event = decode_sync_line(line)
            if isinstance(event, SyncReport):
                report = event
            elif isinstance(event, Progress):
                yield event
        code = self.process.wait()
        errors = self.process.stderr.read() if self.process.stderr else ""
        yield sync_outcome(code, report, errors)

    def stop(self) -> None:
        """Stop the sync, or keep it from starting; the entity phase resumes next time."""
        with self._lock:
            self._stopped = True
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
