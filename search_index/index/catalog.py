"""The catalog: one SQLite row per indexed document, beside the Whoosh index.

Whoosh answers queries; the catalog answers everything that is by document
rather than by term: change detection on sync, the document list (a page of
rows in any sort order without reading the whole index), the entity spans
the reader draws, and which documents still wait for the entity phase.

The catalog is written after the Whoosh commit it describes. A crash between
the two leaves the catalog behind the index, never ahead of it, and the next
sync redoes those documents (Whoosh's update by unique id makes that safe).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..documents.formats import format_of
from ..records import Document, DocumentInfo, Entity, SkippedFile

SORTS = {
    "title": "title_key, id",
    "date": "date IS NULL, date DESC, id",
    "path": "id",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    date TEXT,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha1 TEXT NOT NULL,
    words INTEGER NOT NULL,
    note TEXT,
    entities TEXT,
    labels TEXT,
    format TEXT,
    author TEXT,
    language TEXT
);
CREATE INDEX IF NOT EXISTS documents_title ON documents (title_key, id);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date IS NULL, date DESC, id);
CREATE INDEX IF NOT EXISTS documents_pending ON documents (id) WHERE entities IS NULL;
CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
"""


_INFO = "id, title, date, size, words, entities IS NOT NULL, note, format, author, language"


def _info(row: tuple) -> DocumentInfo:
    # A row from before formats has no format: its extension tells (those catalogs held .txt and .md).
    fmt = row[7] or format_of(row[0]) or "text"
    return DocumentInfo(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], fmt, row[8], row[9])


@dataclass(frozen=True)
class Known:
    size: int
    mtime_ns: int
    sha1: str


class Catalog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._migrate()
        # Set by the index: (canonical, label) pairs -> their linked corpus names.
        self.linked: Callable[[Iterable[tuple[str, str]]], dict] | None = None

    def _migrate(self) -> None:
        """Catalogs written before formats lack `format` and `author`, and those before languages
        `language`: add them (NULL until a file changes; `language` until the entity phase reaches it).

        Under the write lock of SQLite (BEGIN IMMEDIATE): the app and the sync
        process open the catalog at the same time, and only one may add a column.
        """
        wanted = {"format", "author", "language"}
        if wanted <= {row[1] for row in self._rows("PRAGMA table_info(documents)")}:
            return  # the usual case: no write lock taken just to look
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                have = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
                for column in ("format", "author", "language"):
                    if column not in have:
                        self._db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def _write(self, sql: str, rows: list[tuple]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # -- reading ---------------------------------------------------------

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM documents")[0][0]

    def pending_count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM documents WHERE entities IS NULL")[0][0]

    def known(self) -> dict[str, Known]:
        return {row[0]: Known(*row[1:]) for row in self._rows("SELECT id, size, mtime_ns, sha1 FROM documents")}

    def page(self, sort: str = "title", offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        order = SORTS[sort]
        rows = self._rows(
            f"SELECT {_INFO} FROM documents ORDER BY {order} LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_info(row) for row in rows]

    def position(self, doc: str, sort: str = "title") -> int | None:
        """Row number of `doc` in the given order, for scrolling the list to it."""
        order = SORTS[sort]
        rows = self._rows(
            f"SELECT n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY {order}) - 1 AS n FROM documents) WHERE id = ?",
            (doc,),
        )
        return rows[0][0] if rows else None

    def info(self, doc: str) -> DocumentInfo | None:
        rows = self._rows(f"SELECT {_INFO} FROM documents WHERE id = ?", (doc,))
        return _info(rows[0]) if rows else None

    def sha1(self, doc: str) -> str | None:
        rows = self._rows("SELECT sha1 FROM documents WHERE id = ?", (doc,))
        return rows[0][0] if rows else None

    def entities(self, doc: str, text: str, linked: bool = True) -> list[Entity] | None:
        """The document's entity spans, or None while the entity phase has not reached it.

        `linked`: short forms carry the corpus's names (False: as the entity phase found them)."""
        rows = self._rows("SELECT entities FROM documents WHERE id = ?", (doc,))
        if not rows or rows[0][0] is None:
            return None
        entities = [Entity.from_row(text, row) for row in json.loads(rows[0][0])]
        if self.linked is None or not linked:
            return entities
        # A short form linked across the corpus ("Aasland") shows the corpus's name ("Tove Aasland");
        # a name the corpus says is none (a disease this document did not call one) goes.
        names = self.linked((e.canonical, e.label) for e in entities)
        shown = []
        for e in entities:
            other = names.get((e.canonical, e.label), (e.canonical, e.label))
            if other is not None:
                shown.append(replace(e, canonical=other[0], label=other[1]) if other != (e.canonical, e.label) else e)
        return shown

    def pending(self, limit: int, after: str = "") -> list[str]:
        """Documents awaiting entities, in id order, from just after `after`."""
        rows = self._rows("SELECT id FROM documents WHERE entities IS NULL AND id > ? ORDER BY id LIMIT ?", (after, limit))
        return [row[0] for row in rows]

    def recognized(self) -> list[str]:
        """Documents the entity phase has reached."""
        return [row[0] for row in self._rows("SELECT id FROM documents WHERE entities IS NOT NULL ORDER BY id")]

    def skipped(self) -> list[SkippedFile]:
        return [SkippedFile(*row) for row in self._rows("SELECT path, reason FROM skipped ORDER BY path")]

    # -- writing (only the holder of the index's write lock) --------------

    def put_texts(self, documents: list[Document]) -> None:
        """Record documents whose text is indexed; their entities are pending."""
        self._write(
            "INSERT OR REPLACE INTO documents"
            " (id, title, title_key, date, size, mtime_ns, sha1, words, note, entities, labels, format, author)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
            [
                (d.id, d.title, d.title.casefold(), d.date, d.size, d.mtime_ns, d.sha1, d.words, d.note, d.format, d.author)
                for d in documents
            ],
        )

    def put_entities(self, done: list[tuple[str, list[Entity]]], languages: dict[str, str | None] | None = None) -> None:
        """Documents' entities, and the language the entity phase found (absent: left as it was)."""
        languages = languages or {}
        self._write(
            "UPDATE documents SET entities = ?, labels = ?, language = CASE WHEN ? THEN ? ELSE language END WHERE id = ?",
            [
                (
                    json.dumps([e.to_row() for e in entities], ensure_ascii=False, separators=(",", ":")),
                    " ".join(sorted({e.label for e in entities})),
                    doc in languages,
                    languages.get(doc),
                    doc,
                )
                for doc, entities in done
            ],
        )

    def touch(self, stamps: list[tuple[str, int]]) -> None:
        """A file whose mtime moved but whose content did not."""
        self._write("UPDATE documents SET mtime_ns = ? WHERE id = ?", [(mtime, doc) for doc, mtime in stamps])

    def remove(self, docs: list[str]) -> None:
        self._write("DELETE FROM documents WHERE id = ?", [(doc,) for doc in docs])

    def set_skipped(self, skipped: list[SkippedFile]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM skipped")
            self._db.executemany("INSERT OR REPLACE INTO skipped VALUES (?, ?)", [(s.path, s.reason) for s in skipped])
            self._db.execute("COMMIT")
