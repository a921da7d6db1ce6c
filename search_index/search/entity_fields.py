"""Reading the entity fields' own index: its schema, its ids, and the join to the text index.

A document's names (a few dozen words) live in a Whoosh index of their own
(written by `index/entity_index.py`), under the id of the text index's document.
A search on an entity field reads it; `join()` maps its document numbers to the
text index's through the id, from each segment's id terms (immutable segments:
read once, ~3 µs a document).
"""

from __future__ import annotations

import weakref

import numpy as np
from whoosh.fields import ID, TEXT, Schema

from ..records import ENTITY_FIELDS
from .analysis import analyzer

DIRECTORY = "entities"
KEY = "doc"  # the text index's `id` of the document the names are from


def entity_schema() -> Schema:
    text = analyzer()
    return Schema(**{KEY: ID(unique=True, stored=True)}, **{name: TEXT(analyzer=text) for name in ENTITY_FIELDS})


# Per segment reader (they are reused while their segment and deletions stay): its ids by document number.
_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def segment_ids(leaf, field: str) -> list[str | None]:
    """Each live document's id in one segment, by local number (None where deleted)."""
    key = (field, leaf.doc_count())
    cached = _IDS.get(leaf)
    if cached is not None and cached[0] == key:
        return cached[1]
    ids: list[str | None] = [None] * leaf.doc_count_all()
    for text, info in leaf.iter_field(field):
        doc = text.decode("utf-8") if isinstance(text, bytes) else text
        if info.doc_frequency() == 1:
            ids[info.min_id()] = doc
        else:  # written again within the segment: the live one counts
            for number in leaf.postings(field, text).all_ids():
                ids[number] = doc
    if leaf.has_deletions():
        for number in leaf.deleted_docs_set:
            ids[number] = None
    _IDS[leaf] = (key, ids)
    return ids


def present(ix) -> set[str]:
    """The documents the entity index holds names for."""
    with ix.reader() as reader:
        return {doc for leaf, _ in reader.leaf_readers() for doc in segment_ids(leaf, KEY) if doc is not None}


def join(entities, texts) -> np.ndarray:
    """For each document number of the entity searcher, the text searcher's (-1: none, it changed or went)."""
    number_of = {}
    for leaf, base in texts.reader().leaf_readers():
        for local, doc in enumerate(segment_ids(leaf, "id")):
            if doc is not None:
                number_of[doc] = base + local
    joined = np.full(entities.doc_count_all(), -1, dtype=np.int64)
    for leaf, base in entities.reader().leaf_readers():
        for local, doc in enumerate(segment_ids(leaf, KEY)):
            if doc is not None:
                joined[base + local] = number_of.get(doc, -1)
    return joined
