"""What `Index.sync` runs: the text phase, the entity phase, and the compaction after them.

The text phase makes every new or changed document searchable, committing in
batches so results appear while it runs. The entity phase then runs the model
over documents still pending and writes their names to the entity index; it can be
stopped at any point and resumes where it left off, because a document leaves
the pending set only when its batch commits.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from ..documents.folder import FileStat, scan
from ..documents.text_store import TextStore
from ..entities.corpus_table import EntityTable
from ..errors import IndexBusy, UnreadableFile
from ..records import Document, Progress, SkippedFile, SyncReport
from .catalog import Catalog
from .entity_index import drop as drop_entities
from .entity_phase import EntityPhase, ProgressCallback

TEXT_FIRST_SECONDS = 2.0  # the text phase's first commit
TEXT_BATCH_MAX = 20_000  # documents in any later one: at ~190 documents/s, under two minutes
BUSY = "Another seed-reader is indexing this folder right now; try again when it is done."
WRITER_LIMIT_MB = 256  # postings a writer buffers before spilling a run to disk


COMPACT_SEGMENTS = 3  # more small segments than this, and a finished sync merges them
COMPACT_CAP_DOCS = 20_000  # a segment this large stays as it is: merging it costs minutes



def _merge_policy(writer, segments):
    """Whoosh's tiered merging of small segments, after dropping those with no live documents.

    Files changed or deleted leave segments whose documents are all deleted;
    Whoosh would keep them, and every query would still walk them.
    """
    return MERGE_SMALL(writer, [segment for segment in segments if segment.doc_count() > 0])


def _small(segments) -> list:
    """Segments worth merging: not empty, and neither large nor holding half the index.

    The half keeps a sync that changed a few files from merging a whole small
    corpus again: only the segments those changes made get merged.
    """
    limit = min(COMPACT_CAP_DOCS, sum(segment.doc_count() for segment in segments) / 2)
    return [segment for segment in segments if 0 < segment.doc_count() < limit]


def _compact_policy(writer, segments):
    """Merge every small segment into one; keep the large ones and drop the empty ones."""
    small = _small(segments)
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment.doc_count() and segment not in small]


@dataclass
class _Tally:
    """A SyncReport while the sync fills it in."""

    corpus: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    entities_done: int = 0
    notes: list[SkippedFile] = field(default_factory=list)


class Syncer:
    """Brings one index (Whoosh plus catalog) in line with its folder; the caller owns both."""

    def __init__(self, root: Path, ix, entity_ix, catalog: Catalog, texts: TextStore, entity_table: EntityTable) -> None:
        self.root = root
        self.ix = ix
        self.entity_ix = entity_ix  # the entity fields, apart from the text's postings (entity_index.py)
        self.catalog = catalog
        self.texts = texts  # extracted text, cached by hash: each file is parsed once
        self.entity_table = entity_table  # the corpus's entities, moved by each document's contribution

    def writer(self, limitmb: int = WRITER_LIMIT_MB, ix=None):
        try:
            return (ix or self.ix).writer(limitmb=limitmb)
        except LockError as error:
            raise IndexBusy(BUSY) from error

    def sync(
        self,
        progress: ProgressCallback | None = None,
        entities: bool = True,
        stop: threading.Event | None = None,
        recognizer=None,
    ) -> SyncReport:
        report = _Tally(corpus=str(self.root))
        tell = progress or (lambda _p: None)
        stop = stop or threading.Event()
        self._text(report, tell, stop)
        if not stop.is_set():
            EntityPhase(self).reconcile(tell, stop)
        if entities and not stop.is_set():
            EntityPhase(self).run(report, tell, stop, recognizer)
        if not stop.is_set():
            self.compact(tell)
            self.texts.prune({known.sha1 for known in self.catalog.known().values()})
        return self._report(report)

    def sync_text(self, progress: ProgressCallback | None = None) -> SyncReport:
        """The stat scan and the text phase only: what `search` runs before it answers. No model,
        no merging, and no write at all when nothing changed (IndexBusy only when something did)."""
        report = _Tally(corpus=str(self.root))
        self._text(report, progress or (lambda _p: None), threading.Event())
        return self._report(report)

    def _text(self, report: _Tally, tell, stop: threading.Event) -> None:
        """Scan the folder and index what changed."""
        tell(Progress("scan", 0, 0))
        stats, skipped = scan(self.root)
        report.skipped = skipped
        known = self.catalog.known()
        present = {s.id for s in stats}
        gone = [doc for doc in known if doc not in present]
        todo: list[FileStat] = []
        touched: list[tuple[str, int]] = []
        for stat in stats:
            old = known.get(stat.id)
            if old is None or (old.size, old.mtime_ns) != (stat.size, stat.mtime_ns):
                todo.append(stat)
            elif not self.texts.current(stat.id, old.sha1):  # read by an older version of its format's reader
                todo.append(stat)
        try:
            self._text_phase(todo, gone, known, report, touched, tell, stop)
        finally:
            self.texts.close()  # the extraction worker's memory goes back before the model loads
        if touched:
            self.catalog.touch(touched)
        if sorted(report.skipped, key=lambda skipped: skipped.path) != self.catalog.skipped():  # no write when the same
            self.catalog.set_skipped(report.skipped)

    def _report(self, report: _Tally) -> SyncReport:
        return SyncReport(
            corpus=report.corpus,
            documents=self.catalog.count(),
            added=report.added,
            updated=report.updated,
            removed=report.removed,
            skipped=tuple(report.skipped),
            entities_pending=self.catalog.pending_count(),
            entities_done=report.entities_done,
            notes=tuple(report.notes),
        )

    def _text_phase(self, todo, gone, known, report, touched, tell, stop) -> None:
        if not todo and not gone:
            return
        pending = iter(enumerate(todo, start=1))
        removed: list[str] = list(gone)
        report.removed = len(gone)
        finished = False
        indexed = 0
        while not finished:
            batch: list[Document] = []
            # The first commit comes within seconds, so the list starts filling at once; each
            # later one is as large as all before it. Segments stay few (about log2 of the
            # corpus) and never need merging; 2 s commits made ~250 segments at 100k
            # documents, and Whoosh then stalled the sync for minutes merging them.
            size = min(indexed, TEXT_BATCH_MAX) if indexed else TEXT_BATCH_MAX
            deadline = time.monotonic() + TEXT_FIRST_SECONDS if not indexed else float("inf")
            with self.writing() as writer:
                finished = True
                for done, stat in pending:
                    if stop.is_set():
                        break
                    tell(Progress("text", done - 1, len(todo), stat.id))
                    document = self._read_for_text(stat, known.get(stat.id), report, touched, removed)
                    if document is None:
                        continue
                    writer.update_document(**self.fields(document))
                    batch.append(document)
                    if len(batch) >= size or time.monotonic() > deadline:
                        finished = False
                        break
                for doc in removed:
                    writer.delete_by_term("id", doc)
            self.catalog.put_texts(batch)
            self.catalog.remove(removed)
            # Changed documents' entities are pending again, deleted ones' gone (new ones have none yet).
            self.entity_table.remove([d.id for d in batch if d.id in known] + removed)
            outdated = {d.id for d in batch if d.id in known} | set(removed)
            if outdated:  # the names of a file's old text go with it (new files have none)
                with self.writing(ix=self.entity_ix) as writer:
                    drop_entities(writer, outdated)
            removed = []
            indexed += len(batch)
        tell(Progress("text", len(todo), len(todo)))

    def compact(self, progress: ProgressCallback | None = None) -> bool:
        """Merge the small segments into one, if there are more than a few.

        Every query pays per segment for each of its terms; the commits that keep
        results and entities coming during a sync leave ten or more small ones.
        Merging them while syncing would copy documents again and again (Whoosh
        merges at ~4 ms a document, the model runs at ~60), so it happens once,
        when a sync has nothing left to do. Readers keep the old segments until
        the merged one is committed. Returns whether it merged.
        """
        writer = self.writer()  # the lock, and the segments as they are under it
        try:
            if len(_small(writer.segments)) <= COMPACT_SEGMENTS:
                writer.cancel()
                return False
            tell = progress or (lambda _p: None)
            tell(Progress("compact", 0, 1))
            writer.commit(mergetype=_compact_policy)
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            raise
        tell(Progress("compact", 1, 1))
        return True

    def _read_for_text(self, stat, old, report, touched, removed) -> Document | None:
        """The document to (re)index, or None when it is unchanged or unreadable."""
        try:
            document = self.texts.document(stat)
        except UnreadableFile as error:
            report.skipped.append(SkippedFile(stat.id, str(error)))
            if old is not None:  # it was indexed before: it must not linger in results
                removed.append(stat.id)
                report.removed += 1
            return None
        if document.note:
            report.notes.append(SkippedFile(stat.id, document.note))
        if old is not None and old.sha1 == document.sha1:
            touched.append((stat.id, stat.mtime_ns))
            return None
        if old is None:
            report.added += 1
        else:
            report.updated += 1
        return document

    @contextmanager
    def writing(self, limitmb: int = WRITER_LIMIT_MB, ix=None):
        """A writer (of the text index, or `ix`) that commits on success and always gives the lock back."""
        writer = self.writer(limitmb, ix)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=_merge_policy)

    @staticmethod
    def fields(document: Document) -> dict:
        """What the text index holds of a document."""
        return {
            "id": document.id,
            "path": str(document.path),
            "title": document.title,
            "body": document.text,
            "sha1": document.sha1,
        }

    @contextmanager
    def locked(self, name: str = "WRITELOCK"):
        """The text index's write lock (or another of its locks, `name`), held without a writer (one
        would leave empty segment files). Raises IndexBusy when another process holds it."""
        lock = self.ix.lock(name)
        if not lock.acquire(False):
            raise IndexBusy(BUSY)
        try:
            yield
        finally:
            lock.release()

