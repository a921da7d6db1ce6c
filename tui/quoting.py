"""Copying a selection as a quote: the citation to the clipboard, the quote into the book.

A widget with nothing to draw, so the book's write (an fsync) runs in its own
worker and a failure comes back as a message, not from another thread.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget

from search_index import Document, Quote, QuoteBook, cite, load_templates, make_quote

from . import clipboard

NOTHING_SELECTED = "Select text first: drag with the mouse, or v (sentence) / V (¶) in the reader."


class Quoter(Widget):
    DEFAULT_CSS = "Quoter { display: none; }"

    class NotSaved(Message):
        def __init__(self, reason: str) -> None:
            self.reason = reason
            super().__init__()

    def copy(self, home: Path, document: Document | None, selection: tuple[int, int] | None, markdown: bool = False) -> None:
        """Copy the selection with its citation and keep it in the quote book; say what happened."""
        if document is None or selection is None:
            self.notify(NOTHING_SELECTED, timeout=4)
            return
        quote = make_quote(document, *selection)
        plain, markdown_template = load_templates(home)
        try:
            clipboard.copy(self.app, cite(quote, markdown_template if markdown else plain))
        except clipboard.TooLarge as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        self._save(home, quote)
        self.notify(f"Copied {len(quote.text):,} characters from {quote.where}", timeout=3)

    @work(thread=True, group="quote-book")
    def _save(self, home: Path, quote: Quote) -> None:
        try:
            QuoteBook(home).add(quote)
        except OSError as error:
            self.post_message(self.NotSaved(error.strerror or str(error)))

    def on_quoter_not_saved(self, message: NotSaved) -> None:
        self.notify(f"Copied, but not saved to the quote book: {message.reason}", severity="warning")
