"""Extracted text kept with the index, so a PDF is parsed once, at indexing time.

Opening a document, drawing a search snippet and the entity phase all read
documents through `TextStore.document()`. Plain text is read from its file as
before (decoding it is as fast as reading a cache); every other format's
extraction is cached under the index, keyed by the file's SHA-1, as JSON.

Files whose extraction crashed or timed out are recorded by path, size and
mtime and skipped with that reason until they change: never retried forever.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .folder import (
    Document,
    FileStat,
    UnreadableFile,
    document_from,
    read_bytes,
    read_document,
    stat_file,
)
from .formats import BINARY, Extracted, ExtractionFailed, format_of, version_key
from .formats import read as extract

if TYPE_CHECKING:
    from .extraction import Extractor  # imported when first needed: it starts a process

FAILURES_NAME = "extract-failures.json"


class TextStore:
    def __init__(self, location: Path, root: Path) -> None:
        self.root = root
        self.folder = location / "extracted"
        self.failures_path = location / FAILURES_NAME
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    # -- the cache -------------------------------------------------------

    def _cache_path(self, sha1: str) -> Path:
        return self.folder / sha1[:2] / f"{sha1}.json"

    def cached(self, sha1: str) -> Extracted | None:
        try:
            return Extracted.from_json(
                json.loads(self._cache_path(sha1).read_text(encoding="utf-8"))
            )
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _save(self, sha1: str, extracted: Extracted) -> None:
        path = self._cache_path(sha1)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            temporary.write_text(
                json.dumps(extracted.to_json(), ensure_ascii=False), encoding="utf-8"
            )
            os.replace(temporary, path)  # readers see the whole record or none
        except OSError:
            pass  # a read-only home: the text is extracted again next time, nothing is lost

    def prune(self, keep: set[str]) -> None:
        """Drop cached extractions of files no longer indexed."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)

    # -- crash records ---------------------------------------------------

    def _failures(self) -> dict[str, list]:
        try:
            return json.loads(self.failures_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _record_failure(self, stat: FileStat, reason: str) -> None:
        failures = self._failures()
        failures[stat.id] = [stat.size, stat.mtime_ns, reason, version_key(stat.path, "")]
        try:
            self.failures_path.write_text(
                json.dumps(failures, ensure_ascii=False), encoding="utf-8"
            )
        except OSError:
            pass

    def known_failure(self, stat: FileStat) -> str | None:
        record = self._failures().get(stat.id)
        # A crash under an older reader is tried again: the new one may read the file.
        if record and record[0] == stat.size and record[1] == stat.mtime_ns and record[3:] == [version_key(stat.path, "")]:
            return record[2]
        return None

    # -- documents -------------------------------------------------------

    def document(self, stat: FileStat) -> Document:
        """The document as the reader shows it; raises UnreadableFile with the reason."""
        kind = format_of(stat.path)
        if kind in (None, "text"):
            return read_document(self.root, stat)
        crashed = self.known_failure(stat)
        if crashed:
            raise UnreadableFile(f"{crashed} (skipped until the file changes)")
        data = read_bytes(stat)
        sha1 = version_key(stat.path, hashlib.sha1(data).hexdigest())
        extracted = self.cached(sha1)
        if extracted is None:
            extracted = self._extract(stat, kind, data)
            self._save(sha1, extracted)
        return document_from(stat, extracted, sha1)

    def current(self, doc: str, sha1: str) -> bool:
        """Whether a document indexed under `sha1` was read by today's reader of its format.

        A reader's new VERSION makes every file it read outdated: the sync reads
        them again although they did not change (see `formats.version_key`).
        """
        return version_key(doc, sha1.split("-v", 1)[0]) == sha1

    def open(self, doc: str) -> Document:
        try:
            stat = stat_file(self.root, doc)
        except (OSError, ValueError) as error:
            raise UnreadableFile(f"{doc} is no longer there") from error
        return self.document(stat)

    def text_of(self, doc: str, sha1: str | None) -> Document | None:
        """The document as it was indexed (by its SHA-1), for snippets and match pages."""
        if sha1 and format_of(doc) not in (None, "text"):
            extracted = self.cached(sha1)
            if extracted is not None:
                return document_from(
                    FileStat(doc, self.root / doc, 0, 0), extracted, sha1
                )
        try:
            return self.open(doc)
        except UnreadableFile:
            return None

    def _extract(self, stat: FileStat, kind: str, data: bytes) -> Extracted:
        from .extraction import ExtractionCrashed, Extractor

        try:
            if kind not in BINARY:
                return extract(stat.path, data)
            with self._lock:
                if self._extractor is None:
                    self._extractor = Extractor()
                return self._extractor.extract(stat.path, data)
        except ExtractionCrashed as error:
            self._record_failure(stat, str(error))
            raise UnreadableFile(str(error)) from error
        except ExtractionFailed as error:
            raise UnreadableFile(str(error)) from error

    def close(self) -> None:
        with self._lock:
            if self._extractor is not None:
                self._extractor.close()
                self._extractor = None
