"""One folder's index: the `Index` facade, the stores, and the sync that keeps them in line.

- `corpus_index.py`: `Index`, everything the app and the CLI ask of one folder's index.
- `catalog.py`: the SQLite catalog (per document: size, mtime, hash, title, entity spans).
- `sync.py`: the scan and the text phase; `entity_phase.py`: the model over pending documents.
- `entity_index.py`: writing the entity fields' own Whoosh index.
- `reanalysis.py`: an index written by an older text analysis, indexed again from the catalog.
- `search_process.py`: a process of its own that answers an `Index`'s searches for the reader.

The top of the engine: it uses `search`, `entities`, `documents` and the records below them.
"""
