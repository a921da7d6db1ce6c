"""The entity browser on the reader screen: opening it, and a document chosen there.

A part of ReaderScreen, kept apart (a mixin for it only), like index_events.py.
"""

from __future__ import annotations

from ..widgets.entity_panel import EntityPanel


class BrowserEvents:
    def action_entity_browser(self, name: str | None = None) -> None:
        """Every entity of the corpus (`E`); `name`: start at that entity."""
        from .entity_browser import EntityBrowser

        if self.index is None:
            self.notify("The index is still opening.", timeout=2)
            return
        self.app.push_screen(EntityBrowser(self.index, name), self._open_from_browser)

    def on_entity_panel_browse(self, message: EntityPanel.Browse) -> None:  # (a mixin: @on is not seen here)
        self.action_entity_browser(message.group.canonical)

    def _open_from_browser(self, choice) -> None:
        """Back from the browser with a document: open it at the entity's first mention."""
        if choice is None:
            return
        self.hit_index = None
        self.service.open_document(choice.doc, entity=(choice.canonical, choice.label))
        self.reader.focus()
