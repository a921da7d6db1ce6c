"""Reading a folder into documents: files -> text, title, paragraphs, pages.

- `folder.py`: the scan (which files, which are passed over and why), ids, reading one file.
- `formats/`: one module per format (plain text, Markdown, HTML, PDF, EPUB, DOCX), each giving
  the same `Extracted` record.
- `extraction.py`: the worker process that parses the binary formats under memory and time limits.
- `text_store.py`: extracted text cached by the file's hash, so nothing is parsed twice.
- `language.py`: a document's language (py3langid), asked by the entity phase.

Uses only `records` and `errors`: it knows nothing of entities, the index or search.
"""
