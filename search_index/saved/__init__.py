"""What a reader keeps besides quotes: saved searches (with what is new since they were last seen) and bookmarks.

- `journal.py`: an append-only JSON-lines file whose every write is checked to the last byte and
  fsynced; a torn or damaged line is kept aside and reported, never dropped in silence.
- `searches.py`: the saved searches of every folder (`HOME/saved-searches.jsonl`).
- `bookmarks.py`: the bookmarks of every folder (`HOME/bookmarks.jsonl`), found again after an edit.

This is the user's data: nothing here is derived, nothing is ever deleted to repair it. Running a
saved search is the index's (`Index.saved_status`); this package only keeps them.
"""
