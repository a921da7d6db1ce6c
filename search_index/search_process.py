"""Searching in a process of its own, so the reader's UI thread never waits on scoring.

Whoosh scores in pure Python. In the reader's process a search holds the GIL
the UI thread needs to take the next key and paint the last results: typing at
10k documents spent its p95 of 59 ms mostly waiting on the search thread (see
benchmarks/RESULTS.md). `SearchProcess` offers the two calls the search bar
makes, `search()` and `cancel_search()`, and runs them in `python -m
search_index.search_process ROOT HOME`, which opens the same index with its own
`Index` (each search sees the latest commit, as before) and warms it up there.

Pickles over the child's stdin and stdout: to it ("search", n, text, limit,
as_you_type, quick) and ("cancel",); from it "ready", then (n, SearchResult)
for each search. One search is asked at a time (the search bar has one
worker); a cancel cuts the running one short and it answers with what it found.

If the process cannot start or dies, the search runs in this process instead
(`index`), and the next search starts a new process.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

from .records import SearchResult

_READY = "ready"
MAX_DEATHS = 3
_PARENT_ENV = "SEED_READER_SEARCH_PARENT"


class SearchProcess:
    """Searches `index`'s corpus in a child process; `index` itself answers if the child cannot."""

    def __init__(self, index) -> None:
        self._index = index
        self._lock = threading.Lock()  # one search at a time, and one (re)start
        self._send_lock = threading.Lock()  # cancel comes from another thread than search
        self._process: subprocess.Popen | None = None
        self._ready = False
        self._asked = 0
        self._deaths = 0  # a child that keeps dying (an index it cannot open) is not started again
        self._closed = False
        self._start()

    def _start(self) -> None:
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        env[_PARENT_ENV] = str(os.getpid())
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "search_index.search_process", str(self._index.root), str(self._index.home)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            self._process = None
        self._ready = False

    def search(self, text: str, limit: int = 20, as_you_type: bool = False, quick: bool = False) -> SearchResult:
        """As `Index.search`; answered by the child process."""
        with self._lock:
            if self._process is None and not self._closed and self._deaths < MAX_DEATHS:
                self._start()
            process = self._process
            if process is not None:
                try:
                    if not self._ready:
                        self._ready = pickle.load(process.stdout) == _READY
                    self._asked += 1
                    self._send(process, ("search", self._asked, text, limit, as_you_type, quick))
                    while True:
                        asked, result = pickle.load(process.stdout)
                        if asked == self._asked:
                            return result
                except (EOFError, OSError, ValueError, pickle.UnpicklingError):
                    _end(process)  # it died (or was closed): this search runs here, the next starts another
                    self._process = None
                    self._deaths += 1
            return self._index.search(text, limit=limit, as_you_type=as_you_type, quick=quick)

    def cancel_search(self) -> None:
        """Stop the search now running, if any; it returns the hits found so far."""
        process = self._process
        if process is not None:
            try:
                self._send(process, ("cancel",))
            except (OSError, ValueError):
                pass  # it died: the next search finds out
        self._index.cancel_search()  # a search running here instead

    def close(self) -> None:
        self._closed = True
        process, self._process = self._process, None
        if process is not None:
            _end(process)

    def _send(self, process: subprocess.Popen, message: tuple) -> None:
        with self._send_lock:
            process.stdin.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            process.stdin.flush()


def _end(process: subprocess.Popen) -> None:
    """Closing its stdin ends the child; it is killed if it does not go."""
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except (OSError, ValueError):
            pass
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- the child's side -------------------------------------------------------------


def _read_requests(index, searches: queue.Queue) -> None:
    """Drain stdin: cancels act at once, searches queue; exit when the reader closes the pipe."""
    stream = sys.stdin.buffer
    try:
        while True:
            message = pickle.load(stream)
            if message[0] == "cancel":
                index.cancel_search()
            else:
                searches.put(message)
    except (EOFError, OSError, pickle.UnpicklingError):
        os._exit(0)  # the reader is gone or closed this search: nothing may outlive it


def serve(root: str, home: str) -> None:
    from .index import Index
    from .model_pool import die_with_parent

    die_with_parent(_PARENT_ENV)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    index = Index(root, home=home)
    index.warm_up()
    out.write(pickle.dumps(_READY))
    out.flush()
    searches: queue.Queue = queue.Queue()
    threading.Thread(target=_read_requests, args=(index, searches), daemon=True).start()
    while True:
        _, asked, text, limit, as_you_type, quick = searches.get()
        result = index.search(text, limit=limit, as_you_type=as_you_type, quick=quick)
        out.write(pickle.dumps((asked, result), protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
