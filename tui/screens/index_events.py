"""What the reader screen does when the index service speaks: a part of ReaderScreen, kept apart.

The service (tui/index_service.py) opens, syncs and watches the index and reads
documents; these handlers pass what it says on to the list, the status line, the
search bar (a visible query runs again on the changed index) and the reader.
A mixin for ReaderScreen only: it uses the screen's widgets by their properties.
"""

from __future__ import annotations

from dataclasses import replace

from .. import format
from ..index_service import IndexService
from ..state import ReadingState
from ..widgets.search_results import snippet_match

STALE_NOTICE = "This file changed since it was indexed; entities and matches return after re-indexing."


class IndexEvents:
    # -- the index ------------------------------------------------------------

    def on_index_service_ready(self, message: IndexService.Ready) -> None:
        index = self.index = message.index
        self.search_bar.index = message.search
        if index.rebuilt_reason:
            self.notify(index.rebuilt_reason, severity="warning")
        state = ReadingState.load(index.location)
        self.documents.sort = state.sort
        self.documents.attach(index.documents, index.count(), index.position)
        self.status.idle(format.documents(index.count()))
        if self.open_at is not None:
            doc, matches = self.open_at
            self.open_document(doc, matches, 0 if matches else None)
            self.reader.focus()  # asked for: reading it is what comes next (a quote from another folder)
        elif state.doc and index.info(state.doc):
            self.open_document(state.doc, scroll_y=state.scroll_y)
        self.search_bar.rerun()  # typed before the index opened
        self.service.sync()
        self.service.watch()

    def on_index_service_failed(self, message: IndexService.Failed) -> None:
        self.status.idle(message.error, problem=True)

    def on_index_service_sync_progress(self, message: IndexService.SyncProgress) -> None:
        self.status.progress(message.progress)

    def on_index_service_sync_finished(self, message: IndexService.SyncFinished) -> None:
        self.status.finished(message.outcome)
        self.search_bar.rerun()
        if self.index is not None:
            self.saved.check(self.index)  # a sync may have brought saved searches new documents

    def on_index_service_documents_changed(self) -> None:
        """New commits: grow the list, search again, give the open document its entities."""
        if self.index is None:
            return
        self.documents.reload(self.index.count())  # rows change too: titles, pending entities
        self.search_bar.rerun()
        from .entity_browser import EntityBrowser

        if isinstance(self.app.screen, EntityBrowser):  # open over this screen: its rows may have changed
            self.app.screen.reload_entities()
        document = self.reader.document
        if document is not None and document.stale and self.index.is_current(document):
            self.open_document(document.id, scroll_y=self.reader.scroll_y)  # the index caught up with the file
        elif document is not None and document.entities is None and not document.stale:
            entities = self.index.entities(document.id, document.text)
            if entities is not None:
                self.reader.refresh_entities(replace(document, entities=entities))

    async def on_index_service_files_changed(self, message: IndexService.FilesChanged) -> None:
        """The open file changed or vanished on disk: say so, and reload what is there."""
        document = self.reader.document
        if document is None or document.path not in message.changes:
            return
        if message.changes[document.path] or not document.path.exists():
            await self.reader.notice("This file was deleted from the folder; what you see is the last version read.")
            return
        self.open_document(document.id, scroll_y=self.reader.scroll_y)
        self.notify("The open document changed on disk and was reloaded.", timeout=3)

    def on_index_service_problem(self, message: IndexService.Problem) -> None:
        self.notify(message.text, severity="warning")

    def action_reindex(self) -> None:
        self.service.sync()

    async def on_index_service_document_opened(self, message: IndexService.DocumentOpened) -> None:
        document, first, opening = message.document, message.first, self._opening
        self._opening = None
        await self.reader.show(document, message.matches if not document.stale else [], STALE_NOTICE if document.stale else None)
        self.documents.open_doc = document.id
        if opening is not None and opening.doc == document.id and first == 0:
            first = snippet_match(opening, document.text)  # where the snippet the user chose is
        if first is not None and self.reader.matches:
            self.reader.go_to(first)
        elif message.scroll_y is not None:
            self.reader.call_after_refresh(self.reader.scroll_to, y=message.scroll_y, animate=False)

