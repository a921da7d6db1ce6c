"""An append-only JSON-lines file: the way user data is kept (bookmarks, saved searches).

Each record is one line written with one `write()` on a file opened for appending, then
fsynced: a crash or kill -9 can tear at most the line being written, never an earlier one.
Every write is checked to the last byte: a short write or a full disk raises `NotSaved`,
so the caller can tell the user, instead of reporting a save that did not happen. A line
that cannot be read (torn by a crash, damaged on disk) is skipped and copied once to
`NAME.damaged`, beside the file, where it stays for the user to look at.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import NotSaved


def write_all(fd: int, data: bytes) -> None:
    """Every byte of `data` to `fd`, or OSError: os.write may write less than asked (a full disk)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


class Journal:
    """Records appended to `path`, read back in order; `what` names them in messages ("bookmark")."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        self.damaged = path.with_name(path.name + ".damaged")
        self.problem: str | None = None  # set by read(): damaged lines found and kept aside

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Other processes' writes wait (the reader and a command may write at once)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def append(self, record: dict) -> None:
        """Write one record for good, or raise NotSaved saying why."""
        line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            with self.locked():
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    size = os.fstat(fd).st_size
                    if size and os.pread(fd, 1, size - 1) != b"\n":
                        line = b"\n" + line  # a torn last line must not swallow this record
                    write_all(fd, line)
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except OSError as error:
            raise NotSaved(f"The {self.what} was not saved: {error.strerror or error} ({self.path}).") from error

    def read(self) -> list[dict]:
        """Every readable record, in the order written."""
        try:
            lines = self.path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return []
        records, bad = [], []
        for line in lines:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if isinstance(record, dict):
                records.append(record)
            else:  # torn by a crash, or damaged on disk
                bad.append(line)
        self._keep_aside(bad)
        return records

    def rewrite(self, records: list[dict]) -> None:
        """Replace the file with `records`, whole or not at all (a compaction)."""
        data = b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, self.path)
        except OSError as error:
            temp.unlink(missing_ok=True)
            raise NotSaved(f"The {self.what}s were not rewritten: {error.strerror or error} ({self.path}).") from error

    def _keep_aside(self, bad: list[bytes]) -> None:
        self.problem = None
        if not bad:
            return
        try:
            kept = set(self.damaged.read_bytes().split(b"\n")) if self.damaged.exists() else set()
            new = [line for line in bad if line not in kept]
            if new:
                with open(self.damaged, "ab") as out:
                    out.write(b"".join(line + b"\n" for line in new))
        except OSError:
            pass  # they stay in the file itself: nothing is lost
        self.problem = f"{len(bad)} damaged line(s) in {self.path} were skipped; a copy is in {self.damaged}."
