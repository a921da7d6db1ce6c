"""The main screen: search bar on top, documents or results on the left, the reader centre.

It composes and routes: messages come up from the widgets and services, the
screen sets attributes down. It owns no worker: the search bar runs searches,
the index service opens, syncs and watches the index and reads documents, the
quoter copies and keeps quotes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input

from search_index import Document, home_dir

from .. import format
from ..index_service import IndexService
from ..quoting import Quoter
from ..state import ReadingState
from ..widgets.document_list import DocumentList
from ..widgets.entity_legend import EntityLegend
from ..widgets.entity_panel import EntityList, EntityPanel
from ..widgets.index_status import IndexStatus
from ..widgets.reader_pane import ReaderPane
from ..widgets.search_bar import Mode, SearchBar
from ..widgets.search_results import HitList, SearchResults, hits_in_view

STALE_NOTICE = "This file changed since it was indexed; entities and matches return after re-indexing."


class ReaderScreen(Screen):
    DEFAULT_CSS = """
    ReaderScreen #search { dock: top; height: 1; border: none; padding: 0 1; background: $panel; }
    ReaderScreen #search:focus { background: $boost; border: none; }
    ReaderScreen #left { width: 38%; max-width: 64; min-width: 24; border-right: vkey $panel-lighten-2; }
    ReaderScreen #centre { width: 1fr; }
    """
    BINDINGS = [
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Prev match", show=False),
        Binding("f", "toggle_filter", "Matching ¶"),
        Binding("e", "toggle_entities", "Entities"),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+l", "clear_search", "Clear search", show=False),
        Binding("r", "reindex", "Re-index", show=False),
        Binding("Q", "quotes", "Quotes"),
        Binding("E", "entity_browser", "Entity browser", show=False),
    ] + [Binding(str(n), f"toggle_type({n})", f"Toggle type {n}", show=False) for n in range(1, 10)]

    def __init__(self, root: Path, home: Path | None, sync: bool = True) -> None:
        super().__init__()
        self.root = root
        self.home = home
        self.service = IndexService(root, home, sync=sync)
        self.index = None  # search_index.Index, once the service has opened it
        self.hit_index: int | None = None  # which result the reader shows
        self.search_active = False
        self._open_first_on_result = False

    def compose(self) -> ComposeResult:
        yield self.service
        yield Quoter()
        yield SearchBar(id="search")
        with Horizontal():
            with ContentSwitcher(initial="documents", id="left"):
                yield DocumentList(id="documents")
                yield SearchResults(id="results")
            with Vertical(id="centre"):
                yield EntityLegend()
                yield ReaderPane()
            entity_panel = EntityPanel()
            entity_panel.display = False
            yield entity_panel
        yield IndexStatus()
        yield Footer()

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def documents(self) -> DocumentList:
        return self.query_one(DocumentList)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    @property
    def status(self) -> IndexStatus:
        return self.query_one(IndexStatus)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.documents.focus()
        self.service.open()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_results)

    def _fit_results(self) -> None:
        """How many hits a search while typing fetches: a screenful (the summary line takes one row)."""
        self.search_bar.fits = hits_in_view(self.query_one("#left").size.height - 1)

    # -- the index ------------------------------------------------------------

    def on_index_service_ready(self, message: IndexService.Ready) -> None:
        index = self.index = self.search_bar.index = message.index
        if index.rebuilt_reason:
            self.notify(index.rebuilt_reason, severity="warning")
        state = ReadingState.load(index.location)
        self.documents.sort = state.sort
        self.documents.attach(index.documents, index.count())
        self.status.idle(format.documents(index.count()))
        if state.doc and index.info(state.doc):
            self.open_document(state.doc, scroll_y=state.scroll_y)
        self.service.sync()
        self.service.watch()

    def on_index_service_failed(self, message: IndexService.Failed) -> None:
        self.status.idle(message.error, problem=True)

    def on_index_service_sync_progress(self, message: IndexService.SyncProgress) -> None:
        self.status.progress(message.progress)

    def on_index_service_sync_finished(self, message: IndexService.SyncFinished) -> None:
        self.status.finished(message.outcome)

    def on_index_service_documents_changed(self) -> None:
        """New commits: grow the list, give the open document its entities."""
        if self.index is None:
            return
        self.documents.reload(self.index.count())  # rows change too: titles, pending entities
        from .entity_browser import EntityBrowser

        if isinstance(self.app.screen, EntityBrowser):  # open over this screen: its rows may have changed
            self.app.screen.reload_entities()
        document = self.reader.document
        if document is not None and document.stale and self.index.is_current(document):
            self.open_document(document.id, scroll_y=self.reader.scroll_y)  # the index caught up with the file
        elif document is not None and document.entities is None and not document.stale:
            entities = self.index.entities(document.id, document.text)
            if entities is not None:
                document = replace(document, entities=entities)
                self.reader.refresh_entities(document)
                self._show_entities(document)

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

    # -- documents --------------------------------------------------------------

    def open_document(self, doc: str, matches=None, first: int | None = None, scroll_y: float | None = None) -> None:
        """Open `doc` in the reader (read off the UI thread), its `matches` marked, `first` current."""
        self.service.open_document(doc, matches, first, scroll_y)

    async def on_index_service_document_opened(self, message: IndexService.DocumentOpened) -> None:
        document = message.document
        notice = STALE_NOTICE if document.stale else None
        await self.reader.show(document, message.matches if not document.stale else [], notice)
        self.documents.open_doc = document.id
        self._show_entities(document)
        if message.first is not None and self.reader.matches:
            self.reader.go_to(message.first)
        elif message.scroll_y is not None:
            self.reader.call_after_refresh(self.reader.scroll_to, y=message.scroll_y, animate=False)

    def _show_entities(self, document: Document) -> None:
        hidden = self.reader.hidden_labels
        self.query_one(EntityLegend).show(document.entities, hidden)
        self.query_one(EntityPanel).show(document.entities, hidden)

    def _hit_for(self, doc: str) -> int | None:
        """Which search result shows `doc`, if a search is on."""
        hits = self.results.hits if self.search_active else []
        return next((i for i, hit in enumerate(hits) if hit.doc == doc), None)

    @on(DocumentList.Opened)
    def _open_from_list(self, message: DocumentList.Opened) -> None:
        hit = self.hit_index = self._hit_for(message.doc)
        matches = list(self.results.hits[hit].matches) if hit is not None else None
        self.open_document(message.doc, matches, 0 if matches else None)
        self.reader.focus()

    @on(DocumentList.SortChanged)
    def _keep_place_after_sort(self, message: DocumentList.SortChanged) -> None:
        position = self.index.position(message.doc, self.documents.sort) if self.index is not None else None
        if position is not None:
            self.documents.select(position)

    # -- search -----------------------------------------------------------------

    def on_search_bar_results(self, message: SearchBar.Results) -> None:
        result = message.result
        self.search_active = True
        self.results.show(result)
        self.query_one(ContentSwitcher).current = "results"
        document = self.reader.document
        if document is not None:
            hit = self.hit_index = self._hit_for(document.id)
            matches = list(result.hits[hit].matches) if hit is not None else []
            if matches != self.reader.matches:  # the full pass of the same query leaves n/N where it is
                self.reader.set_matches(matches)
        if message.mode is Mode.SUBMITTED and self._open_first_on_result:
            self._open_first_on_result = False
            if result.hits:
                self._open_hit(0)

    def on_search_bar_cleared(self) -> None:
        self.search_active = False
        self.hit_index = None
        self.query_one(ContentSwitcher).current = "documents"
        self.reader.set_matches([])

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        if self.search_active and self.results.hits and self.results.result.query == event.value:
            self._open_hit(self.results.highlighted)
            return
        # Nothing to open yet: search exactly (close spellings if nothing matches), open the best hit.
        self._open_first_on_result = True
        self.search_bar.request(event.value, Mode.SUBMITTED)

    def _open_hit(self, index: int, first: int = 0) -> None:
        hit = self.results.hits[index]
        self.hit_index = index
        self.results.select(index)
        self.open_document(hit.doc, list(hit.matches), first if hit.matches else None)
        self.reader.focus()

    @on(SearchResults.Opened)
    def _open_from_results(self, message: SearchResults.Opened) -> None:
        self._open_hit(message.hit_index)

    @on(EntityPanel.SearchFor)
    def _search_for_entity(self, message: EntityPanel.SearchFor) -> None:
        self.search_bar.value = message.query
        self._search_submitted(Input.Submitted(self.search_bar, message.query))

    @on(EntityPanel.Chosen)
    def _jump_to_entity(self, message: EntityPanel.Chosen) -> None:
        self.hit_index = None
        self.reader.set_matches([(m.start, m.end) for m in message.group.mentions], current=0)
        self.reader.focus()

    # -- keys -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Focus the search bar; in it, `/` is just a character."""
        field = self.search_bar
        if self.focused is field:
            field.insert_text_at_cursor("/")
        else:
            # At once, not deferred like Widget.focus(): keys typed right after `/` come
            # in the same burst and would otherwise reach the list (`o` sorts, `n` jumps).
            self.set_focus(field)

    def action_clear_search(self) -> None:
        self.search_bar.value = ""

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.reader.step(delta):
            return
        hits = self.results.hits if self.search_active else []
        if self.hit_index is None or not hits:
            self.notify("No more matches" if self.reader.matches else "No matches to go to", timeout=1.5)
            return
        target = self.hit_index + delta
        if not 0 <= target < len(hits):
            self.notify("Last match of the last result" if delta > 0 else "First match of the first result", timeout=1.5)
            return
        self._open_hit(target, first=0 if delta > 0 else len(hits[target].matches) - 1)

    def action_toggle_filter(self) -> None:
        self.reader.only_matching = not self.reader.only_matching

    def action_toggle_entities(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display
        if panel.display:
            panel.query_one(EntityList).focus()

    def action_toggle_type(self, number: int) -> None:
        legend = self.query_one(EntityLegend)
        if number <= len(legend.labels):
            self._toggle_label(legend.labels[number - 1])

    @on(EntityLegend.Toggled)
    def _legend_clicked(self, message: EntityLegend.Toggled) -> None:
        self._toggle_label(message.label)

    def _toggle_label(self, label: str) -> None:
        self.reader.hidden_labels = self.reader.hidden_labels ^ {label}
        if self.reader.document is not None:
            self._show_entities(self.reader.document)

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, HitList):
            self.reader.focus() if self.reader.document else self.documents.focus()
        elif isinstance(focused, Input):
            if self.search_active and self.results.hits:
                self.results.focus_hits()
            else:
                (self.reader if self.reader.document else self.documents).focus()
        elif focused is self.reader and self.search_active:
            self.results.focus_hits()
        elif isinstance(focused, EntityList):
            self.reader.focus()

    # -- quotes -------------------------------------------------------------------

    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection ended: keep it as document offsets, beyond Textual's own."""
        selection = self.reader.selection_from_screen(self.selections)
        if selection is not None:
            self.reader.set_selection(selection)

    def action_copy_quote(self, markdown: bool = False) -> None:
        self.query_one(Quoter).copy(home_dir(self.home), self.reader.document, self.reader.selection, markdown)

    def action_quotes(self) -> None:
        from .quotes_screen import QuotesScreen

        self.app.push_screen(QuotesScreen(home_dir(self.home), self.root), self._open_quote)

    def _open_quote(self, state) -> None:
        """Back from the quotes screen with a quote to show at its source."""
        if state is None or self.index is None:
            return
        if state.status in ("ok", "moved"):
            self.open_document(state.quote.doc, [(state.start, state.end)], 0)
        else:
            self.open_document(state.quote.doc)
        self.reader.focus()

    # -- the entity browser -------------------------------------------------------

    def action_entity_browser(self, name: str | None = None) -> None:
        """Every entity of the corpus (`E`); `name`: start at that entity."""
        from .entity_browser import EntityBrowser

        if self.index is None:
            self.notify("The index is still opening.", timeout=2)
            return
        self.app.push_screen(EntityBrowser(self.index, name), self._open_from_browser)

    @on(EntityPanel.Browse)
    def _browse_entity(self, message: EntityPanel.Browse) -> None:
        self.action_entity_browser(message.group.canonical)

    def _open_from_browser(self, choice) -> None:
        """Back from the browser with a document: open it at the entity's first mention."""
        if choice is None:
            return
        self.hit_index = None
        self.service.open_document(choice.doc, entity=(choice.canonical, choice.label))
        self.reader.focus()

    # -- lifecycle ----------------------------------------------------------------

    def reading_state(self) -> ReadingState:
        document = self.reader.document
        return ReadingState(document.id if document else None, self.reader.scroll_y, self.documents.sort)

    def stop_sync(self) -> None:
        self.service.stop()
