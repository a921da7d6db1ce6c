"""Searching: from the text a person types to ranked hits with snippets.

- `schema.py`, `analysis.py`: the fields, and how text becomes terms (the index writes with it,
  queries read with it): words, initialisms, possessives, CJK bigrams.
- `query.py`, `forms.py`, `entity_query.py`, `vocabulary.py`: the one query semantics (parsing,
  word forms, capped expansions, the word being typed), linked entity names.
- `postings.py`, `buffers.py`: reading Whoosh's postings (its private parts, pinned to 2.7.5).
- `array_scoring.py`, `scored.py`: BM25F over whole postings in numpy arrays; sets of scored documents.
- `engine.py`: `SearchEngine.search()`; `highlight.py`: match ranges and snippets.
- `readers.py`, `entity_fields.py`: readers kept fresh across commits; the entity index joined by id.

Uses `entities` (the label vocabulary) and `records`; never writes an index, never opens one
either: `index/` hands it readers. The search process that serves an `Index` is `index/search_process.py`.
"""
