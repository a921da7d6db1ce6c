"""The extraction worker: binary formats are parsed in a child process.

PDFium is C code; a malformed file can crash or hang it, or make it allocate
without end. A crash or hang here costs the child, never the sync: the parent
sees the pipe close (crash) or no answer in time (hang, then kill), reports
the file with that reason, and starts a fresh child for the next file.
The child runs under RLIMIT_AS, so a runaway allocation fails in the child.

Test hooks (the public contract for fault tests; never set in normal use):
SEED_READER_TEST_CRASH / SEED_READER_TEST_HANG / SEED_READER_TEST_HOG hold a
file-name fragment; the worker aborts / sleeps / allocates past its memory
limit on a file whose name contains it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Self

from .formats import Extracted, ExtractionFailed

EXTRACT_SECONDS = float(
    os.environ.get("SEED_READER_EXTRACT_SECONDS", "60")
)  # a 1000-page PDF takes ~10 s
EXTRACT_MEMORY = (
    int(os.environ.get("SEED_READER_EXTRACT_MEMORY_MB", "1536")) * 2**20
)  # address space, not RSS
CRASH_ENV, HANG_ENV, HOG_ENV = (
    "SEED_READER_TEST_CRASH",
    "SEED_READER_TEST_HANG",
    "SEED_READER_TEST_HOG",
)


class ExtractionCrashed(ExtractionFailed):
    """The worker died or hung on this file: recorded, not retried until the file changes."""


def _serve(conn, memory: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass  # no rlimits here (not Linux/macOS): the time limit still holds
    from . import formats

    while True:
        try:
            name, data = conn.recv()
        except (EOFError, OSError):
            return
        if os.environ.get(CRASH_ENV) and os.environ[CRASH_ENV] in name:
            os.abort()
        if os.environ.get(HANG_ENV) and os.environ[HANG_ENV] in name:
            time.sleep(3600)
        try:
            if os.environ.get(HOG_ENV) and os.environ[HOG_ENV] in name:
                bytearray(memory + 1)
            reply: tuple[str, object] = ("ok", formats.read(name, data).to_json())
        except MemoryError:
            reply = (
                "fail",
                f"too large to extract (over the {memory // 2**20} MB memory limit)",
            )
        except Exception as error:  # noqa: BLE001 - every parser failure becomes the file's reason
            reply = ("fail", _reason(error))
        del data
        conn.send(reply)


def _reason(error: Exception) -> str:
    if isinstance(error, ExtractionFailed) or type(error).__name__ == "UnreadableFile":
        return str(error)
    return f"cannot be parsed: {type(error).__name__}: {error}"[:300]


class Extractor:
    """One long-lived worker process, restarted after a crash or a timeout."""

    def __init__(
        self, seconds: float = EXTRACT_SECONDS, memory: int = EXTRACT_MEMORY
    ) -> None:
        self.seconds = seconds
        self.memory = memory
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        # spawn, not fork: the sync may run threads, and a forked child would inherit their locks.
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(child, self.memory),
            daemon=True,
            name="seed-reader-extract",
        )
        self._process.start()
        child.close()
        self._conn = parent
        return parent

    def extract(self, path: Path | str, data: bytes) -> Extracted:
        conn = self._conn
        if conn is None or self._process is None or not self._process.is_alive():
            conn = self._start()
        try:
            conn.send((Path(path).name, data))
            if not conn.poll(self.seconds):
                self._stop()
                raise ExtractionCrashed(
                    f"extraction took over {self.seconds:.0f} s and was stopped"
                )
            status, payload = conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as error:
            code = self._stop()
            how = (
                f"signal {-code}"
                if code is not None and code < 0
                else f"exit code {code}"
            )
            raise ExtractionCrashed(
                f"the parser crashed on this file ({how})"
            ) from error
        if status == "ok":
            return Extracted.from_json(payload)
        raise ExtractionFailed(payload)

    def _stop(self) -> int | None:
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:
            return None
        process.join(0.5)
        if process.is_alive():
            process.kill()
            process.join(5)
        return process.exitcode

    def close(self) -> None:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            try:
                self._conn.close()  # the worker's recv() ends and it returns
            except OSError:
                pass
            self._process.join(2)
        self._stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
