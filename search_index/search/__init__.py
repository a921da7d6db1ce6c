"""Searching: from the text a person types to ranked hits with snippets.

- `schema.py`: the fields and how text is analysed (the index writes with it, queries read with it).
- `query.py`, `entity_query.py`, `vocabulary.py`: parsing, capped expansions, linked entity names.
- `postings.py`, `buffers.py`: reading Whoosh's postings (its private parts, pinned to 2.7.5).
- `array_scoring.py`, `scored.py`: BM25F over whole postings in numpy arrays; sets of scored documents.
- `engine.py`: `SearchEngine.search()`; `highlight.py`: match ranges and snippets.
- `readers.py`, `entity_fields.py`: readers kept fresh across commits; the entity index joined by id.

Uses `entities` (the label vocabulary) and `records`; never writes an index, never opens one
either: `index/` hands it readers. The search process that serves an `Index` is `index/search_process.py`.
"""
