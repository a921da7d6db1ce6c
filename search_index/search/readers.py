"""A reader for the index as it is now, reusing the segment readers that still hold.

Whoosh's own refresh (`Searcher.refresh()`, whoosh-reloaded 2.7.5's
`FileIndex._reader(reuse=...)`) keeps every segment of the old reader that the
new table of contents no longer lists, and reuses a segment's reader although
the segment's deletions changed (a reader caches them). After another process
synced, a deleted file stayed in results and an edited one came back once per
sync. Here a segment reader is reused only for the same segment with the same
deletions; the rest are opened anew, and readers of segments gone are closed.
"""

from __future__ import annotations

import threading
import time

from whoosh.index import TOC
from whoosh.reading import EmptyReader, IndexReader, MultiReader, SegmentReader


def _toc(ix) -> TOC:
    # A commit in another process may replace the TOC as it is read: Whoosh's own
    # reader() retries the same way.
    for attempt in range(10):
        try:
            return TOC.read(ix.storage, ix.indexname)  # (ix.schema would read the TOC once more)
        except OSError:
            if attempt == 9:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def fresh_reader(ix, old: IndexReader | None = None) -> IndexReader:
    """A reader of `ix`'s latest generation; `old`'s segment readers are reused or closed."""
    toc = _toc(ix)
    reusable: dict[str, SegmentReader] = {}
    if old is not None:
        for leaf, _ in old.leaf_readers():
            segment = leaf.segment() if isinstance(leaf, SegmentReader) else None
            if segment is not None:
                reusable[segment.segment_id()] = leaf
    readers = []
    for segment in toc.segments:
        leaf = reusable.pop(segment.segment_id(), None)
        if leaf is not None and _same_deletions(leaf.segment(), segment):
            readers.append(leaf)
            continue
        if leaf is not None:
            leaf.close()
        readers.append(SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation))
    for leaf in reusable.values():  # segments merged away or emptied
        leaf.close()
    if not readers:
        return EmptyReader(toc.schema)
    if len(readers) == 1 and readers[0].generation() == toc.generation:
        return readers[0]
    # (a reused single reader keeps its old generation: a MultiReader carries the new one,
    # so the searcher knows it is up to date)
    return MultiReader(readers, generation=toc.generation)


def _same_deletions(before, now) -> bool:
    if before.deleted_count() != now.deleted_count():
        return False
    return not now.deleted_count() or set(before.deleted_docs()) == set(now.deleted_docs())


class LiveSearcher:
    """One searcher of an index, shared and kept fresh: a new one only when the index has moved on.

    One searcher kept open halves query latency against a new one per query.
    `make` builds a searcher from a reader; `refreshed` hears of each new one.
    """

    def __init__(self, ix, make, refreshed=None) -> None:
        self._ix = ix
        self._make = make
        self._refreshed = refreshed
        self._searcher = None
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._searcher is not None and self._searcher.up_to_date():
                return self._searcher
            old = self._searcher.reader() if self._searcher is not None else None
            self._searcher = self._make(fresh_reader(self._ix, old), fromindex=self._ix)
            if self._refreshed is not None:
                self._refreshed(self._searcher)
            return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
