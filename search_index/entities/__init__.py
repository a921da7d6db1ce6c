"""Named entities: the model, the rules that make a document consistent, and the corpus's table.

- `names.py`: cleaning a mention's name, grouping mentions, the search fields' values.
- `recognizer.py`, `model_pool.py`: spaCy's NER, in one process per core (the sync's only).
- `proper.py`, `not_names.py`: spans cut to the name they hold; names the words around them say
  are no names (a time zone, a disease, a thing, a generic word) or another type (a product).
- `consistency.py`, `cues.py`, `nested.py`: one document's spans made consistent (labels voted,
  missed mentions added, the words around a name, names inside names).
- `linking.py`, `corpus_table.py`, `corpus_browse.py`, `corpus_batch.py`: the corpus entity table
  in the catalog's SQLite file (names linked across documents) and reading it for the browser.
- `quotations.py`, `reported.py`, `attribution.py`, `speakers.py`, `quote_marks.py`, `speech.py`:
  who said what: direct and reported quotations of a document, attributed to its entities (rules
  over the text and the entities, no model; `speech.py` holds the one list of speech verbs).

Uses only `records` and `errors`: it never reads files, the index or a search.
"""
