"""One corpus's index: the Whoosh index plus its catalog, and `sync()`.

Sync has two phases. The text phase makes every new or changed document
searchable, committing in batches so results appear while it runs. The entity
phase then runs the model over documents still pending and re-adds each with
its entity fields; it can be stopped at any point and resumes where it left
off, because a document leaves the pending set only when its batch commits.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from .buffers import use_mapped_files
from .catalog import Catalog, DocumentInfo
from .corpus_entities import CorpusEntity, EntityDocument, EntityTable
from .corpus_sync import recognize_batch
from .documents import Document, FileStat, SkippedFile, UnreadableFile, scan, stat_file
from .entities import Entity, field_values
from .home import home_dir, index_dir
from .progress import Progress
from .readers import fresh_reader
from .schema import build_schema
from .search import IndexSearcher, SearchEngine, SearchResult
from .text_store import TextStore
from .vocabulary import Vocabulary

use_mapped_files()

TEXT_FIRST_SECONDS = 2.0  # the text phase's first commit
TEXT_BATCH_MAX = 20_000  # documents in any later one: at ~190 documents/s, under two minutes
ENTITY_BATCH = 64  # documents per model call
ENTITY_COMMIT_SECONDS = 10.0
WRITER_LIMIT_MB = 256  # postings a writer buffers before spilling a run to disk
ENTITY_WRITER_LIMIT_MB = 64  # the model's memory comes on top during the entity phase


COMPACT_SEGMENTS = 3  # more small segments than this, and a finished sync merges them
COMPACT_CAP_DOCS = 20_000  # a segment this large stays as it is: merging it costs minutes


def _merge_policy(writer, segments):
    """Whoosh's tiered merging of small segments, after dropping those with no live documents.

    The entity phase re-adds every document, so the text phase's segments end
    up all deleted; Whoosh would keep them, and every query would still walk them.
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


class IndexError_(Exception):
    """A problem with the index the user can act on; the message says what."""


class IndexBusy(IndexError_):
    """Another process holds the write lock: this one can read but not write."""


class CorpusMissing(IndexError_):
    pass


@dataclass
class SyncReport:
    corpus: str
    documents: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    entities_pending: int = 0
    entities_done: int = 0
    notes: list[SkippedFile] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        data["notes"] = [asdict(s) for s in self.notes]
        return data


ProgressCallback = Callable[[Progress], None]


class Index:
    """Open (or create) the index of the corpus at `corpus`."""

    def __init__(self, corpus: str | Path, home: str | Path | None = None) -> None:
        self.root = Path(corpus).expanduser().resolve()
        if not self.root.is_dir():
            raise CorpusMissing(f"No such folder: {corpus}")
        self.home = home_dir(home)
        self.location = index_dir(self.home, self.root)
        self.rebuilt_reason: str | None = None
        try:
            self.location.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexError_(f"Cannot write the index under {self.home}: {error.strerror}. Use --home DIR.") from error
        self.ix = self._open_whoosh()
        self.catalog = Catalog(self.location / "catalog.sqlite")
        self.texts = TextStore(self.location, self.root)
        self.entity_table = EntityTable(self.catalog)
        self.catalog.linked = self.entity_table.linked  # documents' entities carry their corpus names
        self._searcher = None
        self._searcher_lock = threading.Lock()
        self.vocabulary = Vocabulary()
        self.engine = SearchEngine(self)

    def _open_whoosh(self):
        whoosh_dir = self.location / "whoosh"
        if whoosh_dir.is_dir() and whoosh_index.exists_in(str(whoosh_dir)):
            try:
                ix = whoosh_index.open_dir(str(whoosh_dir))
                with ix.reader():  # opening the reader touches every segment file
                    pass
                return ix
            except (TypeError, AttributeError, NameError, ImportError):
                raise  # our bug, not damage: never throw an index away for it
            except Exception:  # noqa: BLE001 - damage shows as any of many errors: rebuild
                self.rebuilt_reason = "The index was damaged and is being rebuilt from the folder."
                shutil.rmtree(whoosh_dir, ignore_errors=True)
                for suffix in ("", "-wal", "-shm"):  # a stale WAL would replay into the new catalog
                    (self.location / f"catalog.sqlite{suffix}").unlink(missing_ok=True)
        whoosh_dir.mkdir(parents=True, exist_ok=True)
        return whoosh_index.create_in(str(whoosh_dir), build_schema())

    def close(self) -> None:
        with self._searcher_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self.texts.close()
        self.catalog.close()
        self.ix.close()

    # -- reading ------------------------------------------------------------

    def searcher(self):
        """The shared Whoosh searcher, refreshed when the index has moved on.

        One searcher kept open halves query latency against a new one per query.
        """
        with self._searcher_lock:
            if self._searcher is not None and self._searcher.up_to_date():
                return self._searcher
            # Not Whoosh's refresh(): it keeps readers of segments whose deletions changed (readers.py).
            old = self._searcher.reader() if self._searcher is not None else None
            self._searcher = IndexSearcher(fresh_reader(self.ix, old), fromindex=self.ix)
            self.vocabulary.update(self._searcher.reader())
            return self._searcher

    def search(self, query: str, limit: int = 20, as_you_type: bool = False, quick: bool = False) -> SearchResult:
        """Ranked hits for `query`. Never raises for a bad query: the result carries a hint.

        `quick`: the best hits found within a keystroke's time (the total is then a lower bound).
        """
        return self.engine.search(query, limit=limit, as_you_type=as_you_type, quick=quick)

    def cancel_search(self) -> None:
        """Stop the search now running, if any; it returns the hits found so far."""
        self.engine.cancel()

    def documents(self, sort: str = "title", offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        return self.catalog.page(sort, offset, limit)

    def count(self) -> int:
        return self.catalog.count()

    def open_document(self, doc: str) -> Document:
        """Read a document for display, with the entity spans the index holds for it.

        The model never runs here. If the file changed since it was indexed,
        `stale` is set and stored entities are left out (their offsets would
        point at the wrong text).
        """
        document = self.texts.open(doc)  # extracted formats come from the cache, never parsed again
        known = self.catalog.sha1(doc)
        stale = known is not None and known != document.sha1
        entities = self.catalog.entities(doc, document.text) if known is not None and not stale else None
        return replace(document, stale=stale, entities=entities)

    # -- the corpus's entities -----------------------------------------------

    def corpus_entities(
        self, label: str | None = None, sort: str = "documents", filter_text: str = "", offset: int = 0, limit: int = 100
    ) -> list[CorpusEntity]:
        """A page of the corpus's entities. `label`: PERSON, ORG, GPE (places), or another spaCy label;
        `sort`: documents, mentions, name or recent; `filter_text`: part of the name, any case."""
        return self.entity_table.page(label, sort, filter_text, offset, limit)

    def corpus_entity_count(self, label: str | None = None, filter_text: str = "") -> int:
        return self.entity_table.count(label, filter_text)

    def corpus_entity(self, key: str) -> CorpusEntity | None:
        return self.entity_table.get(key)

    def entity_documents(self, key: str, limit: int = 1000) -> list[EntityDocument]:
        """Documents mentioning the entity, most mentions first (then the newest)."""
        return self.entity_table.documents(key, limit)

    def co_occurring(self, key: str, limit: int = 10) -> list[tuple[CorpusEntity, int]]:
        """The entities that share the most documents with this one, and how many they share."""
        return self.entity_table.co_occurring(key, limit)

    def entity_timeline(self, key: str) -> list[tuple[str, int]]:
        """(YYYY-MM, documents) per month with dated documents mentioning the entity."""
        return self.entity_table.timeline(key)

    # -- writing ------------------------------------------------------------

    def _writer(self, limitmb: int = WRITER_LIMIT_MB):
        try:
            return self.ix.writer(limitmb=limitmb)
        except LockError as error:
            raise IndexBusy("Another seed-reader is indexing this folder right now; try again when it is done.") from error

    def sync(
        self,
        progress: ProgressCallback | None = None,
        entities: bool = True,
        stop: threading.Event | None = None,
        recognizer=None,
    ) -> SyncReport:
        """Bring the index in line with the folder. Safe to stop at any time."""
        report = SyncReport(corpus=str(self.root))
        tell = progress or (lambda _p: None)
        stop = stop or threading.Event()
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
        try:
            self._text_phase(todo, gone, known, report, touched, tell, stop)
        finally:
            self.texts.close()  # the extraction worker's memory goes back before the model loads
        if touched:
            self.catalog.touch(touched)
        self.catalog.set_skipped(report.skipped)
        if entities and not stop.is_set():
            self._entity_phase(report, tell, stop, recognizer)
        if not stop.is_set():
            self.compact(tell)
            self.texts.prune({known.sha1 for known in self.catalog.known().values()})
        report.documents = self.catalog.count()
        report.entities_pending = self.catalog.pending_count()
        return report

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
            with self._writing() as writer:
                finished = True
                for done, stat in pending:
                    if stop.is_set():
                        break
                    tell(Progress("text", done - 1, len(todo), stat.id))
                    document = self._read_for_text(stat, known.get(stat.id), report, touched, removed)
                    if document is None:
                        continue
                    writer.update_document(**self._fields(document))
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
        writer = self._writer()  # the lock, and the segments as they are under it
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
    def _writing(self, limitmb: int = WRITER_LIMIT_MB):
        """A writer that commits on success and always gives the lock back."""
        writer = self._writer(limitmb)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=_merge_policy)

    def _fields(self, document: Document, entities: list[Entity] | None = None) -> dict:
        fields = {
            "id": document.id,
            "path": str(document.path),
            "title": document.title,
            "body": document.text,
            "sha1": document.sha1,
        }
        if entities:
            fields.update(field_values(entities))
        return fields

    def _entity_phase(self, report: SyncReport, tell: ProgressCallback, stop: threading.Event, recognizer) -> None:
        total = self.catalog.pending_count()
        if not total:
            return
        if recognizer is None:
            from .recognizer import Recognizer

            recognizer = Recognizer()
        done, after, exhausted = 0, "", False
        evidence = self.entity_table.evidence()
        tell(Progress("entities", 0, total))
        while not (stop.is_set() or exhausted):
            written: list[tuple[str, list[Entity]]] = []
            contributions = {}
            deadline = time.monotonic() + ENTITY_COMMIT_SECONDS
            # One commit per window, not per batch: each commit writes a segment that
            # later merges cost again (per 64 documents, the overhead was 2-3x the model's time).
            with self._writing(ENTITY_WRITER_LIMIT_MB) as writer:
                while not stop.is_set() and time.monotonic() < deadline:
                    ids = self.catalog.pending(ENTITY_BATCH, after)
                    if not ids:
                        exhausted = True
                        break
                    after = ids[-1]
                    documents = self._unchanged(ids)
                    found, contributed = recognize_batch(recognizer, documents, evidence)
                    contributions.update(contributed)
                    for document, entities in zip(documents, found):
                        writer.update_document(**self._fields(document, entities))
                    written += [(d.id, e) for d, e in zip(documents, found)]
                    done += len(ids)
                    tell(Progress("entities", min(done, total), total, ids[-1]))
            self.catalog.put_entities(written)
            self.entity_table.replace(contributions)
            self.entity_table.refresh_evidence(evidence, (v[0] for c in contributions.values() for v in c.votes))
            report.entities_done += len(written)

    def _unchanged(self, ids: list[str]) -> list[Document]:
        """The documents still as the text phase indexed them; the next sync sees the rest."""
        documents = []
        for doc in ids:
            try:
                document = self.texts.document(stat_file(self.root, doc))
            except (OSError, UnreadableFile):
                continue
            if document.sha1 == self.catalog.sha1(doc):
                documents.append(document)
        return documents
