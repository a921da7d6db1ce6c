"""Quotes on the reader screen: a mouse selection kept as offsets, copying, the quote book.

A part of ReaderScreen, kept apart (a mixin for it only). The quoter copies and
saves; the quote book screen picks a quote, which opens here or in its own folder.
"""

from __future__ import annotations

from textual import events

from search_index import home_dir

from ..quoting import Quoter


class QuoteEvents:
    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection ended: keep it as document offsets, beyond Textual's own."""
        selection = self.reader.selection_from_screen(self.selections)
        if selection is not None:
            self.reader.set_selection(selection)

    def action_copy_quote(self, markdown: bool = False) -> None:
        self.query_one(Quoter).copy(home_dir(self.home), self.reader.document, self.reader.selection, markdown)

    def action_quotes(self) -> None:
        from .quotes_screen import QuotesScreen

        self.app.push_screen(QuotesScreen(home_dir(self.home), self.root, index=self.index), self._open_quote)

    def _open_quote(self, chosen) -> None:
        """Back from the quote book with a quote to show at its source, perhaps in another folder."""
        if chosen is None:
            return
        state, folder = chosen
        matches = [(state.start, state.end)] if state.status in ("ok", "moved") else None
        if folder != self.root:
            self.app.open_folder(folder, state.quote.doc, matches)
        elif self.index is not None:
            self.open_document(state.quote.doc, matches, 0 if matches else None)
            self.reader.focus()

