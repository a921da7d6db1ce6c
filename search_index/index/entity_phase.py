"""The entity phase of a sync: the model over pending documents, and the entity index kept in line.

The model runs in N processes (`entities/model_pool.py`) and returns raw spans;
consistency, the corpus table and the writes happen here, in the order batches
finish. A document leaves the pending set only when the commit of the window
that wrote it succeeds: a stop or a kill at any point loses at most one window.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..documents.folder import stat_file
from ..documents.language import is_english, language_of
from ..documents.text_store import TextStore
from ..entities.corpus_batch import consistent_batch
from ..entities.corpus_table import Contribution, EntityTable
from ..entities.model_pool import Failed, InlinePool, ModelPool
from ..entities.recognizer import pieces as _pieces
from ..errors import UnreadableFile
from ..records import Document, Entity, Progress, SkippedFile
from ..search.entity_fields import present as present_entities
from .catalog import Catalog
from .entity_index import drop as drop_entities
from .entity_index import put as put_entities

ENTITY_BATCH = 64  # documents per model call
# Text per batch: 64 articles' worth, so a long document's pieces spread over every model process.
ENTITY_BATCH_CHARS = 320_000
ENTITY_COMMIT_SECONDS = 10.0
RESTORE_BATCH = 2_000  # documents whose names are put back from the catalog per commit
ENTITY_WRITER_LIMIT_MB = 64  # the model's memory comes on top during the entity phase

ProgressCallback = Callable[[Progress], None]


class Stores(Protocol):
    """What the entity phase uses of a sync (`sync.Syncer`): the stores, the lock and a writer."""

    root: Path
    entity_ix: object
    catalog: Catalog
    texts: TextStore
    entity_table: EntityTable

    def writing(self, limitmb: int = ..., ix=None) -> AbstractContextManager: ...

    def locked(self) -> AbstractContextManager: ...


class EntityPhase:
    """The entity phase of one sync, over its stores."""

    def __init__(self, syncer: Stores) -> None:
        self.syncer = syncer

    def run(self, report, tell: ProgressCallback, stop: threading.Event, recognizer) -> None:
        """The model over every pending document, in N processes (or `recognizer`, in this one).

        The workers return raw spans; consistency, the corpus table and the writes
        happen here, in the order batches finish. Documents leave the pending set
        only when the commit of the window that wrote them succeeds, so a kill at
        any point loses at most one window; a stop drops the batches in flight.
        """
        total = self.syncer.catalog.pending_count()
        if not total:
            return
        evidence = self.syncer.entity_table.evidence()
        feed = _Feed(self, total)
        tell(Progress("entities", 0, total))
        # The text index's lock, held though nothing is written to it: no other sync changes the
        # documents (and the catalog) under this one.
        with self.syncer.locked(), InlinePool(recognizer) if recognizer is not None else ModelPool() as pool:
            while not stop.is_set() and not (feed.exhausted and not pool.in_flight() and not feed.ready):
                written: list[tuple[str, list[Entity]]] = []
                contributions: dict[str, Contribution | None] = {}
                deadline = time.monotonic() + ENTITY_COMMIT_SECONDS
                # One commit per window, not per batch: each commit writes a segment that
                # later merges cost again (per 64 documents, the overhead was 2-3x the model's time).
                with self.syncer.writing(ENTITY_WRITER_LIMIT_MB, self.syncer.entity_ix) as writer:
                    while not stop.is_set() and time.monotonic() < deadline:
                        feed.fill(pool)
                        if feed.exhausted and not pool.in_flight() and not feed.ready:
                            break
                        for document, spans in feed.collect(pool.results(timeout=0.2)):
                            if spans is None:  # no model process got through it
                                reason = "No entities: the entity model crashed on this document."
                                report.notes.append(SkippedFile(document.id, reason))
                                written.append((document.id, []))  # not tried again until it changes
                                put_entities(writer, document.id, [])
                                continue
                            if is_english(feed.languages.get(document.id)):
                                [entities], contributed = consistent_batch([document], [spans], evidence)
                            else:  # no names: not even those the corpus would recall in it
                                entities, contributed = [], {document.id: Contribution((), (), ())}
                            contributions.update(contributed)
                            # Its names only, a few dozen words: the body stays as the text phase wrote it.
                            put_entities(writer, document.id, entities)
                            written.append((document.id, entities))
                        tell(Progress("entities", min(feed.done, total), total, feed.last))
                self.syncer.catalog.put_entities(written, {doc: feed.languages.pop(doc, None) for doc, _ in written})
                self.syncer.entity_table.replace(contributions)
                voted = (v[0] for c in contributions.values() if c is not None for v in c.votes)
                self.syncer.entity_table.refresh_evidence(evidence, voted)
                report.entities_done += len(written)

    def reconcile(self, tell: ProgressCallback, stop: threading.Event) -> None:
        """Make the entity index hold the names of exactly the documents the catalog says were recognised.

        Names of documents pending again (or gone) are dropped: a sync stopped between the
        text index's commit and the entity index's leaves them. Recognised documents without
        names there (an index from before the entity index, or one rebuilt after damage) get
        theirs back from the catalog, which keeps every document's spans: no model runs.
        """
        held = present_entities(self.syncer.entity_ix)
        recognized = set(self.syncer.catalog.recognized())
        stale, missing = held - recognized, sorted(recognized - held)
        if stale:
            with self.syncer.writing(ix=self.syncer.entity_ix) as writer:
                drop_entities(writer, stale)
        for start in range(0, len(missing), RESTORE_BATCH):
            if stop.is_set():
                return
            tell(Progress("entities", start, len(missing)))
            with self.syncer.writing(ENTITY_WRITER_LIMIT_MB, self.syncer.entity_ix) as writer:
                catalog = self.syncer.catalog
                for document in self.unchanged(missing[start : start + RESTORE_BATCH]):
                    put_entities(writer, document.id, catalog.entities(document.id, document.text, linked=False) or [])

    def unchanged(self, ids: list[str]) -> list[Document]:
        """The documents still as the text phase indexed them; the next sync sees the rest."""
        documents = []
        for doc in ids:
            try:
                document = self.syncer.texts.document(stat_file(self.syncer.root, doc))
            except (OSError, UnreadableFile):
                continue
            if document.sha1 == self.syncer.catalog.sha1(doc):
                documents.append(document)
        return documents


@dataclass
class _Open:
    """A document whose pieces are with the model: how many are still out, the spans back so far."""

    document: Document
    out: int
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    failed: bool = False


class _Feed:
    """Pending documents, read, cut into the model's pieces and batched as the pool has room.

    A long document's pieces go out in several batches, so every model process
    works on it; its spans are put back together here, in document offsets.
    """

    def __init__(self, phase: EntityPhase, total: int) -> None:
        self.phase = phase
        self.after = ""  # the last id handed out: batches in flight are not pending-and-new
        self.exhausted = False
        self.done = 0
        self.last = ""
        self.open: dict[str, _Open] = {}
        self._key = 0
        self.languages: dict[str, str | None] = {}  # of the documents handed out, until written
        self.ready: list[tuple[Document, list | None]] = []  # done without the model (not in English)

    def fill(self, pool) -> None:
        while not self.exhausted and pool.capacity() > 0:
            ids = self.phase.syncer.catalog.pending(ENTITY_BATCH, self.after)
            if not ids:
                self.exhausted = True
                return
            self.after = ids[-1]
            documents = self.phase.unchanged(ids)
            self.done += len(ids) - len(documents)  # changed since: the next sync sees them
            units = []
            for document in documents:
                self.languages[document.id] = language = language_of(document.text)
                if not is_english(language):  # the English model finds nothing right in it
                    self.ready.append((document, []))
                    continue
                pieces = _pieces(document.text)
                self.open[document.id] = _Open(document, len(pieces))
                units += [((document.id, offset), piece) for offset, piece in pieces]
            for batch in _batches(units):
                self._key += 1
                pool.submit(self._key, [unit for unit, _ in batch], [piece for _, piece in batch])

    def collect(self, results) -> list[tuple[Document, list | None]]:
        """The documents whose every piece is back: (document, spans), or (document, None) on a crash."""
        complete: list[tuple[Document, list | None]] = self.ready
        self.ready = []
        self.done += len(complete)
        for item in results:
            if isinstance(item, Failed):
                units, found = item.ids, [None] * len(item.ids)
            else:
                units, found = item[0].ids, item[1]
            for (doc, offset), spans in zip(units, found, strict=True):
                state = self.open[doc]
                state.out -= 1
                if spans is None:
                    state.failed = True
                else:
                    state.spans += [(offset + start, offset + end, label) for start, end, label in spans]
                if not state.out:
                    del self.open[doc]
                    complete.append((state.document, None if state.failed else sorted(state.spans)))
                    self.done += 1
                    self.last = doc
        return complete


def _batches(units: list) -> list[list]:
    """(unit, text) pairs in runs of at most ENTITY_BATCH_CHARS of text (a longer piece alone)."""
    batches: list[list] = [[]]
    size = 0
    for unit in units:
        if batches[-1] and size + len(unit[1]) > ENTITY_BATCH_CHARS:
            batches.append([])
            size = 0
        batches[-1].append(unit)
        size += len(unit[1])
    return [batch for batch in batches if batch]
