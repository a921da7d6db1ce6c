"""The entity fields' own Whoosh index, beside the text's, joined to it by document id.

The entity phase used to re-add each whole document to the text index with its
entity fields filled in: Whoosh analysed the body again and wrote its postings
again, two thirds of the syncing process's time (46.9 of 80 wall-seconds over
500 documents) and the reason the model processes could not have both cores.
Now a document's names (a few dozen words) go into this index alone, under the
document's id, and the text index is written once per version of a file.

Searching it (and joining it to the text index) is `search/entity_fields.py`'s.
"""

from __future__ import annotations

from pathlib import Path

from ..entities.names import field_values
from ..search.entity_fields import DIRECTORY, KEY, entity_schema, segment_ids


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


def drop(writer, docs: set[str]) -> None:
    """Delete the names of `docs` (one pass over the ids, not one search per document)."""
    if not docs:
        return
    reader = writer.reader()
    try:
        for leaf, base in reader.leaf_readers():
            for local, doc in enumerate(segment_ids(leaf, KEY)):
                if doc in docs:
                    writer.delete_document(base + local)
    finally:
        reader.close()
