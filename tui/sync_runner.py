"""Runs `seed-reader index --progress-json` in a subprocess and reads its progress.

Indexing runs out of process: Whoosh's writer is pure Python and spaCy is
heavy, and in a thread either would take the GIL from the UI. It also keeps
the model (150 MB) out of the reader's memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


BUSY_EXIT = 75  # EX_TEMPFAIL: `seed-reader index` found another process holding the write lock


@dataclass(frozen=True)
class SyncEvent:
    phase: str  # a key of search_index.PHASES, or "done" | "busy" | "failed"
    done: int = 0
    total: int = 0
    report: dict | None = None
    error: str | None = None


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
        with self._lock:
            if self._stopped:  # stopped before it started: never start
                return
            self.process = subprocess.Popen(
                self.command(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, bufsize=1
            )
        report = None
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if "report" in data:
                report = data["report"]
            else:
                yield SyncEvent(data["phase"], data["done"], data["total"])
        code = self.process.wait()
        errors = self.process.stderr.read() if self.process.stderr else ""
        if code == 0 and report is not None:
            yield SyncEvent("done", report=report)
        elif code == BUSY_EXIT:
            yield SyncEvent("busy")
        elif code < 0:
            yield SyncEvent("failed", error="Indexing was stopped.")
        else:
            message = errors.strip().splitlines()[-1] if errors.strip() else f"Indexing failed (exit {code})."
            yield SyncEvent("failed", error=message.removeprefix("Error: "))

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

