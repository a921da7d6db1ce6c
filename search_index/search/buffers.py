"""Whoosh reads segments through mmap, then copies each file it opens into a BytesIO.

That copy made the reader's memory grow with the index (at 10k documents,
80 MB of private copies of a 114 MB index, on top of the mapped pages).
`MappedFile` is the file object Whoosh's `BufferFile` wants, reading the
mapped memory in place; `use_mapped_files()` puts it under `BufferFile`.
"""

from __future__ import annotations

import os

PEEK = 512  # bytes shown ahead: a block header's pickle is ~40


class MappedFile:
    """read/seek/tell over a memoryview, without copying it."""

    def __init__(self, buf) -> None:
        self._buf = memoryview(buf)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        if self._pos >= len(self._buf):
            return b""
        end = len(self._buf) if size is None or size < 0 else min(self._pos + size, len(self._buf))
        data = self._buf[self._pos : end].tobytes()
        self._pos = end
        return data

    def peek(self, size: int = 0) -> bytes:
        """What follows, without moving: pickle reads ahead with it instead of asking for each opcode
        (a block header's pickle took ~18 reads; Whoosh reads one per block of postings)."""
        return self._buf[self._pos : self._pos + min(max(size, 1), PEEK)].tobytes()

    def readline(self, size: int = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else min(self._pos + size, len(self._buf))
        at = self._pos
        while at < end:
            window = self._buf[at : min(at + 4096, end)].tobytes()
            newline = window.find(b"\n")
            if newline != -1:
                return self.read(at + newline + 1 - self._pos)
            at += len(window)
        return self.read(end - self._pos)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._buf = memoryview(b"")

    def flush(self) -> None:
        pass


def use_mapped_files() -> None:
    from whoosh.filedb import structfile

    if getattr(structfile.BufferFile, "_mapped", False):
        return
    original = structfile.BufferFile.__init__

    def __init__(self, buf, name=None, onclose=None):
        original(self, b"", name, onclose)
        self._buf = buf
        self.file = MappedFile(buf)

    structfile.BufferFile.__init__ = __init__
    structfile.BufferFile._mapped = True
