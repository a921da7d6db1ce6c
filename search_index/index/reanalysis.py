"""Indexes written by an older text analysis are indexed again, by the next sync, without the model.

Until then they are searched in their own terms (the engine parses a query with the analyzer
each index was written with), so an old index answers as it always did, never with terms it
does not hold. The sync that finds one (it holds the write lock) empties it under a table of
contents with the current schema (`reset`): readers in other processes see a new generation and
move to it. The text index is then filled again from the catalog (`restore`): each document's
text comes from the text store by the hash the catalog knows (extractions are cached, so no
file is parsed again), and the catalog's entity spans, made for that same text, stay. The
entity index is refilled from those spans by the entity phase's reconciliation, as after damage.
"""

from __future__ import annotations

import time

from whoosh.index import TOC, clean_files

from ..records import Progress
from ..search.analysis import VERSION, analysis_version
from ..search.entity_fields import segment_ids

OUTDATED = "The index was written by an older version of the text analysis: its text is being indexed again (entities are kept)."
RESTORE_SECONDS = 2.0  # a commit at least this often: restored documents become searchable as it goes


def outdated(ix) -> bool:
    return analysis_version(ix.schema) != VERSION


def reset(ix, schema) -> None:
    """Empty `ix` under `schema`: a new generation with no segments (the caller holds the write lock)."""
    generation = TOC.read(ix.storage, ix.indexname).generation + 1
    TOC(schema, [], generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, [])  # open readers keep their files (POSIX)


def restore(syncer, progress=None, stop=None) -> int:
    """Put back the text of documents the catalog holds and the text index lacks; how many.

    Cheap when none are missing (the catalog is written after the index's commit, so it never
    holds more documents than the index, except after `reset`).
    """
    segments = TOC.read(syncer.ix.storage, syncer.ix.indexname).segments  # (ix.doc_count() opens every segment)
    if sum(segment.doc_count() for segment in segments) >= syncer.catalog.count():
        return 0
    tell = progress or (lambda _p: None)
    with syncer.ix.reader() as reader:
        present = {doc for leaf, _ in reader.leaf_readers() for doc in segment_ids(leaf, "id") if doc is not None}
    missing = [(doc, known.sha1) for doc, known in syncer.catalog.known().items() if doc not in present]
    done = restored = 0
    while done < len(missing) and not (stop is not None and stop.is_set()):
        deadline = time.monotonic() + RESTORE_SECONDS
        with syncer.writing() as writer:  # update_document: a document another sync put back meanwhile is not doubled
            while done < len(missing) and time.monotonic() < deadline and not (stop is not None and stop.is_set()):
                doc, sha1 = missing[done]
                tell(Progress("text", done, len(missing), doc))
                done += 1
                document = syncer.texts.text_of(doc, sha1)
                if document is not None and document.sha1 == sha1:  # else it changed: the text phase reads it anew
                    writer.update_document(**syncer.fields(document))
                    restored += 1
    tell(Progress("text", done, len(missing)))
    return restored
