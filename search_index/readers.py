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
