"""The entity phase's model processes: one per core, each loading the NER model once.

The model is CPU-bound Python plus numpy (one core per process under the GIL),
so the entity phase runs it in N worker processes (N = usable cores, or
SEED_READER_ENTITY_WORKERS) and keeps the rest (consistency, the corpus table,
Whoosh, SQLite) in the syncing process. Each worker gets one batch of texts at
a time plus one queued, so it never waits for the parent between batches, and
returns raw spans (`Recognizer.raw_spans`: bounded pieces, memory zones).

Workers are plain `python -m search_index.entities.model_pool` children talking pickles
over their stdin/stdout: nothing of the parent's `__main__` (the Textual app,
the CLI) is imported into them. A worker exits when its stdin closes, i.e. when
the sync ends or its process dies, even by kill -9 (and on Linux the kernel
kills it with its parent too).

A worker that dies mid-batch (a segfault, the OOM killer) is replaced; its batch
is tried once more in the fresh worker, then halved until the document that
kills it is alone, and that one is given back as failed (the sync records why
and does not try it again until the file changes).

Test hook (never set in normal use): SEED_READER_TEST_MODEL_CRASH holds a
document-id fragment; a worker given a document whose id contains it kills
itself with SIGKILL, as the OOM killer would.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections import deque
from dataclasses import dataclass, field

from ..children import child_env, die_with_parent, pipes

WORKERS_ENV = "SEED_READER_ENTITY_WORKERS"
CRASH_ENV = "SEED_READER_TEST_MODEL_CRASH"
_PARENT_ENV = "SEED_READER_MODEL_PARENT"
_DEAD = object()
_READY = "ready"


class ModelUnavailable(RuntimeError):
    """The model processes die before loading the model: nothing to retry."""


def worker_count() -> int:
    """Model processes to run: SEED_READER_ENTITY_WORKERS, else the cores this process may use."""
    wanted = os.environ.get(WORKERS_ENV, "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class Batch:
    """Documents sent together; `tries` counts the workers that died on it."""

    key: object
    ids: list  # the caller's key of each text
    texts: list[str]
    tries: int = 0


@dataclass
class Failed:
    """Documents no worker could get through (each alone, or a batch the caller ran itself)."""

    ids: list
    reason: str


@dataclass
class _Worker:
    process: subprocess.Popen
    sent: deque = field(default_factory=deque)  # batches given, oldest (the one it is on) first
    ready: bool = False  # the model is loaded: a death from now on is a batch's fault


class ModelPool:
    """N model processes; `submit` batches, `results` yields (batch, spans) or Failed as they finish."""

    DEPTH = 2  # batches per worker: the one it runs and the next, so it never waits on the parent

    def __init__(self, workers: int | None = None) -> None:
        self.size = workers or worker_count()
        self._results: queue.Queue = queue.Queue()
        self._workers: list[_Worker] = []
        self._waiting: deque[Batch] = deque()  # submitted, not yet sent to a worker
        self._failed: list[Failed] = []
        self._closed = False
        self._startup_failures = 0
        for _ in range(self.size):
            self._start()

    # -- the parent's side ---------------------------------------------------------

    def capacity(self) -> int:
        """Batches the pool can take now without any worker going idle or piling up."""
        busy = sum(len(w.sent) for w in self._workers) + len(self._waiting)
        return max(0, self.size * self.DEPTH - busy)

    def in_flight(self) -> int:
        return sum(len(w.sent) for w in self._workers) + len(self._waiting) + len(self._failed)

    def submit(self, key, ids: list[str], texts: list[str]) -> None:
        self._waiting.append(Batch(key, ids, texts))
        self._dispatch()

    def results(self, timeout: float):
        """What finished within `timeout` seconds: (Batch, spans per text) pairs and Failed."""
        out: list = []
        while self._failed:
            out.append(self._failed.pop())
        try:
            item = self._results.get(timeout=timeout) if not out else self._results.get_nowait()
            while True:
                out += self._take(*item)
                item = self._results.get_nowait()
        except queue.Empty:
            pass
        return out

    def close(self) -> None:
        """Stop every worker now (work in flight is dropped: those documents stay pending)."""
        self._closed = True
        for worker in self._workers:
            _end(worker.process)
        self._workers = []

    def __enter__(self) -> ModelPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _start(self) -> _Worker:
        process = subprocess.Popen(
            [sys.executable, "-m", "search_index.entities.model_pool"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=child_env(_PARENT_ENV),
        )
        worker = _Worker(process)
        self._workers.append(worker)
        threading.Thread(target=self._listen, args=(worker,), daemon=True, name="model-results").start()
        return worker

    def _listen(self, worker: _Worker) -> None:
        """Results from one worker onto the shared queue; its death too."""
        _, stream = pipes(worker.process)
        try:
            while True:
                self._results.put((worker, pickle.load(stream)))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            self._results.put((worker, _DEAD))

    def _take(self, worker: _Worker, message) -> list:
        if worker not in self._workers:
            return []  # a worker already replaced or closed
        if message is _DEAD:
            return self._replace(worker)
        if message == _READY:
            worker.ready = True
            self._startup_failures = 0
            return []
        key, spans = message
        batch = worker.sent.popleft()
        assert batch.key == key, "a worker answers its batches in order"
        self._dispatch()
        if spans is None:  # the model raised on this batch: the same as a crash, minus the restart
            self._retry_or_split(batch)
            self._dispatch()
            return []
        return [(batch, spans)]

    def _replace(self, worker: _Worker) -> list:
        _end(worker.process)
        self._workers.remove(worker)
        if self._closed:
            return []
        if not worker.ready:  # it died loading the model: no batch is to blame
            self._startup_failures += 1
            if self._startup_failures >= 2:
                raise ModelUnavailable("The entity model's process could not start (is the spaCy model installed?).")
            self._waiting.extendleft(reversed(worker.sent))
            self._start()
            self._dispatch()
            return []
        culprit, *queued = worker.sent
        self._waiting.extendleft(reversed(queued))  # never started: no blame
        self._start()
        self._retry_or_split(culprit)
        self._dispatch()
        return []

    def _retry_or_split(self, batch: Batch) -> None:
        batch.tries += 1
        if batch.tries == 1:
            self._waiting.appendleft(batch)
        elif len(batch.ids) > 1:
            half = len(batch.ids) // 2
            for ids, texts in ((batch.ids[half:], batch.texts[half:]), (batch.ids[:half], batch.texts[:half])):
                self._waiting.appendleft(Batch(batch.key, ids, texts, tries=1))
        else:
            self._failed.append(Failed(batch.ids, "the entity model crashed on this document"))

    def _dispatch(self) -> None:
        for worker in self._workers:
            while self._waiting and len(worker.sent) < self.DEPTH:
                batch = self._waiting.popleft()
                worker.sent.append(batch)
                try:
                    data = pickle.dumps((batch.key, batch.ids, batch.texts), protocol=pickle.HIGHEST_PROTOCOL)
                    stdin, _ = pipes(worker.process)
                    stdin.write(data)
                    stdin.flush()
                except (BrokenPipeError, OSError, ValueError):
                    break  # it died: its listener reports that, and the batch is retried then


class InlinePool:
    """The same interface over a Recognizer in this process (tests share one loaded model)."""

    size = 1

    def __init__(self, recognizer) -> None:
        self.recognizer = recognizer
        self._done: list = []

    def capacity(self) -> int:
        return 0 if self._done else 1

    def in_flight(self) -> int:
        return len(self._done)

    def submit(self, key, ids: list[str], texts: list[str]) -> None:
        self._done.append((Batch(key, ids, texts), self.recognizer.raw_spans(texts)))

    def results(self, timeout: float) -> list:
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        pass

    def __enter__(self) -> InlinePool:
        return self

    def __exit__(self, *_exc) -> None:
        pass


def _end(process: subprocess.Popen) -> None:
    for stream in pipes(process):
        try:
            stream.close()
        except (OSError, ValueError):
            pass
    if process.poll() is None:
        process.kill()
    process.wait()


# -- the worker's side ---------------------------------------------------------------


def _read_tasks(tasks: queue.Queue) -> None:
    """Drain stdin at once (so the parent's writes never block), and exit when it closes."""
    stream = sys.stdin.buffer
    try:
        while True:
            tasks.put(pickle.load(stream))
    except (EOFError, OSError, pickle.UnpicklingError):
        os._exit(0)  # the sync is over or its process is gone: no work may outlive it


def serve() -> None:
    die_with_parent(_PARENT_ENV)
    from .recognizer import Recognizer

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the result stream
    recognizer = Recognizer()
    out.write(pickle.dumps(_READY))
    out.flush()
    crash = os.environ.get(CRASH_ENV)
    tasks: queue.Queue = queue.Queue()
    threading.Thread(target=_read_tasks, args=(tasks,), daemon=True).start()
    while True:
        key, ids, texts = tasks.get()
        if crash and any(crash in str(doc) for doc in ids):
            os.kill(os.getpid(), signal.SIGKILL)
        try:
            spans = recognizer.raw_spans(texts)
        except Exception:  # noqa: BLE001 - reported as a failed batch, the worker carries on
            spans = None
        out.write(pickle.dumps((key, spans), protocol=pickle.HIGHEST_PROTOCOL))
        out.flush()


if __name__ == "__main__":
    serve()
