"""Searching in a process of its own, so the reader's UI thread never waits on scoring.

Whoosh scores in pure Python. In the reader's process a search holds the GIL
the UI thread needs to take the next key and paint the last results.
`SearchProcess` offers the calls the search bar makes, `search()` and
`cancel_search()`, and runs them in `python -m search_index.index.search_process ROOT
HOME`, which opens the same index with its own `Index` (each search sees the
latest commit, as before) and warms it up there.

Pickles over the child's stdin and stdout: to it ("search", n, text, limit,
as_you_type, quick), ("cancel",) and ("warm",); from it "ready", then (n,
SearchResult) for each search, or (n, None) when the search raised. One search
is asked at a time (the search bar has one worker); a cancel cuts the running
one short and it answers with what it found. The caller cancels before it asks
anew, so a cancel never reaches the search asked after it.

The first child is waited for (it warms up while the reader opens). A child
that dies, or cannot answer, is replaced in the background; until the new one
is ready, and after MAX_DEATHS deaths in a row, `index` answers in this process.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import subprocess
import sys
import threading
from pathlib import Path

from ..children import child_env, die_with_parent, pipes
from ..records import SearchResult

_READY = "ready"
_PARENT_ENV = "SEED_READER_SEARCH_PARENT"
SWITCH_INTERVAL = 0.001  # seconds (Python's default: 0.005)
MAX_DEATHS = 3  # in a row: a child that cannot open the index is not started for ever


class SearchProcess:
    """Searches `index`'s corpus in a child process; `index` itself answers when the child cannot."""

    def __init__(self, index) -> None:
        self._index = index
        self._lock = threading.Lock()  # one search at a time
        self._state = threading.Lock()  # starting, closing and sending, from any thread
        self._process: subprocess.Popen | None = None
        self._ready = False
        self._asked = 0
        self._deaths = 0
        self._closed = False
        self.remote = False  # whether the child answered the last search (else this process did)
        self._start()

    @property
    def pid(self) -> int | None:
        """The search process's pid, while one is running."""
        process = self._process
        return process.pid if process is not None else None

    def _start(self) -> None:
        with self._state:
            if self._closed or self._process is not None or self._deaths >= MAX_DEATHS:
                return
            try:
                with open(Path(self._index.location) / "search-process.log", "ab") as log:  # its tracebacks
                    self._process = subprocess.Popen(
                        [sys.executable, "-m", "search_index.index.search_process", str(self._index.root), str(self._index.home)],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=log,
                        env=child_env(_PARENT_ENV),
                    )
            except OSError:
                self._process = None
            self._ready = False

    def search(self, text: str, limit: int = 20, as_you_type: bool = False, quick: bool = False) -> SearchResult:
        """As `Index.search`; answered by the child process when it is up."""
        with self._lock:
            self._start()
            process = self._process
            if process is not None:
                try:
                    # The first child is worth waiting for; a replacement is not (this process answers).
                    if self._is_ready(process, wait=self._deaths == 0):
                        self._asked += 1
                        self._send(process, ("search", self._asked, text, limit, as_you_type, quick))
                        while True:
                            asked, result = pickle.load(pipes(process)[1])
                            if asked == self._asked:
                                break
                        if result is not None:
                            self._deaths, self.remote = 0, True
                            return result
                except Exception:  # noqa: BLE001 - EOF, a broken pipe, a garbled answer: the child is done for
                    self._lost(process)
            self.remote = False
            return self._index.search(text, limit=limit, as_you_type=as_you_type, quick=quick)

    def _is_ready(self, process: subprocess.Popen, wait: bool) -> bool:
        _, stdout = pipes(process)
        if not self._ready and (wait or select.select([stdout], [], [], 0)[0]):
            self._ready = pickle.load(stdout) == _READY
            if not self._ready:
                raise EOFError("no ready")
        return self._ready

    def _lost(self, process: subprocess.Popen) -> None:
        with self._state:
            if self._process is process:
                self._process = None
                self._deaths += 1
        _end_in_background(process)
        self._start()  # warms up while this process answers

    def cancel_search(self) -> None:
        """Stop the search now running, if any; it returns the hits found so far."""
        self._tell(("cancel",))
        self._index.cancel_search()  # a search running here instead

    def warm_up(self) -> None:
        """The index changed a lot (a sync merged segments): read it in now, not in the next search."""
        self._tell(("warm",))

    def _tell(self, message: tuple) -> None:
        """A message that wants no answer; lost if the child is gone (the next search finds out)."""
        process = self._process
        if process is not None:
            try:
                self._send(process, message)
            except (OSError, ValueError):
                pass

    def close(self) -> None:
        """End the child. Never waits for it: this is called from the UI thread."""
        with self._state:
            self._closed = True
            process, self._process = self._process, None
        if process is not None:
            _end_in_background(process)

    def _send(self, process: subprocess.Popen, message: tuple) -> None:
        with self._state:
            stdin, _ = pipes(process)
            stdin.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            stdin.flush()


def _end_in_background(process: subprocess.Popen) -> None:
    """Close its stdin (it exits), and reap it in a thread: killed if it has not gone in 2 s."""
    try:
        pipes(process)[0].close()
    except (OSError, ValueError):
        pass

    def reap() -> None:
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        try:
            pipes(process)[1].close()
        except (OSError, ValueError):
            pass

    threading.Thread(target=reap, daemon=True, name="search-process-reaper").start()


# -- the child's side -------------------------------------------------------------


def _read_requests(opened: list, requests: queue.Queue) -> None:
    """Drain stdin: cancels act at once, the rest queue; exit when the reader closes the pipe."""
    stream = sys.stdin.buffer
    try:
        while True:
            message = pickle.load(stream)
            if message[0] == "cancel":
                if opened:
                    opened[0].cancel_search()
            else:
                requests.put(message)
    except (EOFError, OSError, pickle.UnpicklingError):
        os._exit(0)  # the reader is gone or closed this search: nothing may outlive it


def serve(root: str, home: str) -> None:
    die_with_parent(_PARENT_ENV)
    # Whoosh's time limit is a timer thread setting a flag the collector polls: with the default
    # 5 ms switch interval it fired up to 5 ms late. As-you-type searches at 10k: p95 24 -> 20.5 ms.
    sys.setswitchinterval(SWITCH_INTERVAL)
    out = os.fdopen(os.dup(1), "wb")  # the answers; fd 1 itself goes to stderr, whoever writes to it
    os.dup2(2, 1)
    opened: list = []
    requests: queue.Queue = queue.Queue()
    # Reading first: a reader that quits while this warms up ends it at once.
    threading.Thread(target=_read_requests, args=(opened, requests), daemon=True).start()
    from ..search.postings import own_collector
    from .corpus_index import Index

    own_collector()
    index = Index(root, home=home)
    index.warm_up()
    opened.append(index)
    out.write(pickle.dumps(_READY))
    out.flush()
    while True:
        message = requests.get()
        if message[0] == "warm":
            index.warm_up()
            continue
        _, asked, text, limit, as_you_type, quick = message
        try:
            result = index.search(text, limit=limit, as_you_type=as_you_type, quick=quick)
        except Exception:  # noqa: BLE001 - told, and logged on stderr; the reader searches this one itself
            import traceback

            traceback.print_exc()
            result = None
        out.write(pickle.dumps((asked, result), protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
