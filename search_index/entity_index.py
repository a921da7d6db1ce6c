"""The entity fields' own Whoosh index, beside the text's, joined to it by document id.

The entity phase used to re-add each whole document to the text index with its
entity fields filled in: Whoosh analysed the body again and wrote its postings
again, two thirds of the syncing process's time (46.9 of 80 wall-seconds over
500 documents) and the reason the model processes could not have both cores.
Now a document's names (a few dozen words) go into this index alone, under the
document's id, and the text index is written once per version of a file.

A search on an entity field reads this index; `join()` maps its document
numbers to the text index's through the id, from each segment's id terms
(immutable segments: read once, ~3 µs a document).
"""

from __future__ import annotations

import weakref
from pathlib import Path

import numpy as np
from whoosh.fields import ID, TEXT, Schema

from .entities import ENTITY_FIELDS, field_values
from .schema import analyzer

DIRECTORY = "entities"
KEY = "doc"  # the text index's `id` of the document the names are from


def entity_schema() -> Schema:
    text = analyzer()
    return Schema(**{KEY: ID(unique=True, stored=True)}, **{name: TEXT(analyzer=text) for name in ENTITY_FIELDS})


def open_or_create(location: Path):
    """The entity index under `location`, made empty where there is none."""
    from whoosh import index as whoosh_index

    folder = location / DIRECTORY
    if folder.is_dir() and whoosh_index.exists_in(str(folder)):
        return whoosh_index.open_dir(str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), entity_schema())


def put(writer, doc: str, entities) -> None:
    """Write (or replace) the names of `doc`: its entities' field values, under its id (none: an empty entry,
    so the index still holds every recognised document)."""
    writer.update_document(**{KEY: doc}, **field_values(entities))


# Per segment reader (they are reused while their segment and deletions stay): its ids by document number.
_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _segment_ids(leaf, field: str) -> list[str | None]:
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
        return {doc for leaf, _ in reader.leaf_readers() for doc in _segment_ids(leaf, KEY) if doc is not None}


def drop(writer, docs: set[str]) -> None:
    """Delete the names of `docs` (one pass over the ids, not one search per document)."""
    if not docs:
        return
    reader = writer.reader()
    try:
        for leaf, base in reader.leaf_readers():
            for local, doc in enumerate(_segment_ids(leaf, KEY)):
                if doc in docs:
                    writer.delete_document(base + local)
    finally:
        reader.close()


def join(entities, texts) -> np.ndarray:
    """For each document number of the entity searcher, the text searcher's (-1: none, it changed or went)."""
    number_of = {}
    for leaf, base in texts.reader().leaf_readers():
        for local, doc in enumerate(_segment_ids(leaf, "id")):
            if doc is not None:
                number_of[doc] = base + local
    joined = np.full(entities.doc_count_all(), -1, dtype=np.int64)
    for leaf, base in entities.reader().leaf_readers():
        for local, doc in enumerate(_segment_ids(leaf, KEY)):
            if doc is not None:
                joined[base + local] = number_of.get(doc, -1)
    return joined
