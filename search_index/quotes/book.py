"""The quote book: every quote saved, kept in `HOME/quotes.jsonl`.

The book is an append-only JSON-lines file. Each record is written with one
`write()` on a file opened for appending, then fsynced: a crash or kill -9
can tear at most the record being written, never an earlier one, and the
loader skips a torn last line. Deleting appends a tombstone.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ..documents.folder import load_text
from ..errors import UnreadableFile
from ..records import Quote
from .citation import MARKDOWN_TEMPLATE, cite

BOOK_NAME = "quotes.jsonl"


@dataclass(frozen=True)
class QuoteState:
    """A saved quote against the folder as it is now."""

    quote: Quote
    status: str  # "ok", "moved" (found elsewhere in the document), "changed" or "missing"
    start: int | None = None  # where the text is now, when it is there
    end: int | None = None


class QuoteBook:
    def __init__(self, home: Path) -> None:
        self.path = home / BOOK_NAME

    def add(self, quote: Quote) -> None:
        self._append({"quote": asdict(quote)})

    def delete(self, quote_id: str) -> None:
        self._append({"delete": quote_id})

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)  # read: the torn-line check
        try:
            # A torn last line (a writer killed mid-write) must not swallow this record.
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def quotes(self) -> list[Quote]:
        """Every saved quote, newest first."""
        try:
            lines = self.path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return []
        kept: dict[str, Quote] = {}
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn or empty line
            if "quote" in record:
                try:
                    quote = Quote(**record["quote"])
                except TypeError:
                    continue
                kept[quote.id] = quote
            elif "delete" in record:
                kept.pop(record["delete"], None)
        return sorted(kept.values(), key=lambda q: q.created, reverse=True)

    def export(self, fmt: str, markdown_template: str = MARKDOWN_TEMPLATE) -> str:
        quotes = self.quotes()
        if fmt == "json":
            return json.dumps({"quotes": [q.to_json() for q in quotes]}, ensure_ascii=False, indent=2)
        return "\n\n".join(cite(q, markdown_template) for q in quotes) + ("\n" if quotes else "")


def check(quote: Quote, text: str | None) -> QuoteState:
    """Is the quote still where it was? `text` is the document's text now, or None if it is gone."""
    if text is None:
        return QuoteState(quote, "missing")
    if text[quote.start : quote.end] == quote.text:
        return QuoteState(quote, "ok", quote.start, quote.end)
    found = text.find(quote.text)
    if found != -1:
        return QuoteState(quote, "moved", found, found + len(quote.text))
    return QuoteState(quote, "changed")


def quote_folder(quote: Quote) -> Path:
    """Where the quote's corpus is now.

    A quote from the bundled seeds names them inside the environment it was
    taken in; once that is gone (a new virtualenv, an upgrade) the seeds
    installed now stand in for them.
    """
    from ..home import bundled_seeds

    folder = Path(quote.folder)
    if not folder.is_dir() and folder.parts[-2:] == ("search_index", "seeds"):
        return bundled_seeds()
    return folder


def locate(quote: Quote, index=None) -> QuoteState:
    """The quote against its document as it is now, in the folder it came from (see `quote_folder`).

    `index`: the open Index of a folder, if any; a quote from it is read through its
    text cache, so a PDF is not parsed again.
    """
    folder = quote_folder(quote)
    try:
        if index is not None and folder == index.root and index.info(quote.doc) is not None:
            text = index.open_document(quote.doc).text
        else:
            text = load_text(folder / quote.doc)
    except (OSError, UnreadableFile):
        text = None
    return check(quote, text)
