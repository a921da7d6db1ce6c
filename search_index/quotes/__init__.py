"""Quotes: exact text with a citation, the quote book that keeps them, and sentence boundaries.

- `citation.py`: a quote from two offsets, and its citation in a template.
- `book.py`: the append-only quote book, and finding a saved quote's text again.
- `sentences.py`: sentence spans (pySBD's rules) for selecting a sentence at a time.

Uses `documents` (to read a quote's source again) and `records`.
"""
