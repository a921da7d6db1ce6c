"""The main screen: search bar on top, documents or results on the left, the reader centre.

It composes and routes: messages come up from the widgets and services, the
screen sets attributes down. It owns no worker and little state: the search
bar runs searches, the index service opens, syncs and watches the index and
reads documents, the results know which hit the reader shows (n/N across
results), the reader its matches and hidden entity types, the quoter copies.
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

from search_index import Hit, home_dir

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
from ..widgets.search_results import HitList, SearchResults, hits_in_view, snippet_match
from .layout import fit_panels

STALE_NOTICE = "This file changed since it was indexed; entities and matches return after re-indexing."
# Actions on printable keys: while the search bar has focus they are text, so the footer hides them.
TYPED = {"next_match", "previous_match", "toggle_filter", "toggle_entities", "reindex", "quotes", "sort", "toggle_type"}


class ReaderScreen(Screen):
    DEFAULT_CSS = """
    ReaderScreen #search { dock: top; height: 1; border: none; padding: 0 1; background: $panel; }
    ReaderScreen #search:focus { background: $boost; border: none; }
    ReaderScreen #left { border-right: vkey $panel-lighten-2; }
    ReaderScreen #centre { width: 1fr; }
    """
    BINDINGS = [
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Prev match", show=False),
        Binding("f", "toggle_filter", "Matching ¶"),
        Binding("e", "toggle_entities", "Entities"),
        Binding("o", "sort", "Sort", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+l", "clear_search", "Clear search", show=False),
        Binding("r", "reindex", "Re-index", show=False),
        Binding("Q", "quotes", "Quotes"),
    ] + [Binding(str(n), f"toggle_type({n})", f"Toggle type {n}", show=False) for n in range(1, 10)]

    def __init__(self, root: Path, home: Path | None, sync: bool = True, open_at: tuple | None = None) -> None:
        """`open_at`: (doc, matches) to open once the index is ready, instead of where the reader was."""
        super().__init__()
        self.root = root
        self.home = home
        self.service = IndexService(root, home, sync=sync)
        self.index = None  # search_index.Index, once the service has opened it
        self.open_at = open_at
        self._open_first_on_result = False
        self._opening: Hit | None = None  # a result being opened: it opens at its snippet's match

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

    reader = property(lambda self: self.query_one(ReaderPane))
    documents = property(lambda self: self.query_one(DocumentList))
    results = property(lambda self: self.query_one(SearchResults))
    status = property(lambda self: self.query_one(IndexStatus))
    search_bar = property(lambda self: self.query_one(SearchBar))
    panel = property(lambda self: self.query_one(EntityPanel))

    def on_mount(self) -> None:
        self.documents.focus()
        self.service.open()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Panels give way to the reader; a search while typing fetches a screenful of hits."""
        left = self.query_one("#left")
        fit_panels(self.size.width, left, self.panel)
        self.call_after_refresh(lambda: setattr(self.search_bar, "fits", hits_in_view(left.size.height - 1)))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action in TYPED and isinstance(self.focused, Input))

    # -- the index ------------------------------------------------------------

    def on_index_service_ready(self, message: IndexService.Ready) -> None:
        index = self.index = self.search_bar.index = message.index
        if index.rebuilt_reason:
            self.notify(index.rebuilt_reason, severity="warning")
        state = ReadingState.load(index.location)
        self.documents.sort = state.sort
        self.documents.attach(index.documents, index.count())
        self.status.idle(format.documents(index.count()))
        if self.open_at is not None:
            doc, matches = self.open_at
            self.open_document(doc, matches, 0 if matches else None)
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

    def on_index_service_documents_changed(self) -> None:
        """New commits: grow the list, search again, give the open document its entities."""
        if self.index is None:
            return
        self.documents.reload(self.index.count())  # rows change too: titles, pending entities
        self.search_bar.rerun()
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

    # -- documents --------------------------------------------------------------

    def open_document(self, doc: str, matches=None, first: int | None = None, scroll_y: float | None = None) -> None:
        """Open `doc` in the reader (read off the UI thread), its `matches` marked, `first` current."""
        self.service.open_document(doc, matches, first, scroll_y)

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

    def on_reader_pane_entities_changed(self, message: ReaderPane.EntitiesChanged) -> None:
        self.query_one(EntityLegend).show(message.entities, message.hidden)
        self.panel.show(message.entities, message.hidden)

    @on(DocumentList.Opened)
    def _open_from_list(self, message: DocumentList.Opened) -> None:
        matches = self.results.follow(message.doc)
        self.open_document(message.doc, matches, 0 if matches else None)
        self.reader.focus()

    @on(DocumentList.SortChanged)
    def _keep_place_after_sort(self, message: DocumentList.SortChanged) -> None:
        position = self.index.position(message.doc, self.documents.sort) if self.index is not None else None
        if position is not None:
            self.documents.select(position)

    def action_sort(self) -> None:
        if self.results.active:
            self.notify("Sorting is for the document list: ctrl+l clears the search and shows it.", timeout=3)
        else:
            self.documents.action_cycle_sort()

    # -- search -----------------------------------------------------------------

    def on_search_bar_results(self, message: SearchBar.Results) -> None:
        self.results.show(message.result)
        self.query_one(ContentSwitcher).current = "results"
        document = self.reader.document
        if document is not None:
            matches = self.results.follow(document.id) or []
            if matches != self.reader.matches:  # the full pass of the same query leaves n/N where it is
                self.reader.set_matches(matches)
        if message.mode is Mode.SUBMITTED and self._open_first_on_result:
            self._open_first_on_result = False
            if message.result.hits:
                self._open_hit(0)

    def on_search_bar_cleared(self) -> None:
        self.results.clear()
        self.query_one(ContentSwitcher).current = "documents"
        self.reader.set_matches([])

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        if self.results.hits and self.results.result.query == event.value:
            self._open_hit(self.results.highlighted)
            return
        # Nothing to open yet: search exactly (close spellings if nothing matches), open the best hit.
        self._open_first_on_result = True
        self.search_bar.request(event.value, Mode.SUBMITTED)

    def _open_hit(self, index: int, first: int | None = None) -> None:
        """Open result `index` at match `first`; by default at the match its snippet shows."""
        hit = self.results.hits[index]
        self.results.shown = index
        self.results.select(index)
        self._opening = hit if first is None else None
        self.open_document(hit.doc, list(hit.matches), (first or 0) if hit.matches else None)
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
        self.results.shown = None
        self.reader.set_matches([(m.start, m.end) for m in message.group.mentions], current=0)
        self.reader.focus()

    # -- keys -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Focus the search bar; in it, `/` is just a character."""
        field = self.search_bar
        if self.focused is field:
            field.insert_text_at_cursor("/")
            return
        # At once, not deferred like Widget.focus(): keys typed right after `/` come
        # in the same burst and would otherwise reach the list (`o` sorts, `n` jumps).
        self.set_focus(field)
        if not self.query_one("#left").display:  # the entity panel took the list's room: results need it
            self.panel.display = False
            self._fit()

    def action_clear_search(self) -> None:
        """Clear the query and put the cursor in it: what is typed next is a new search, not commands."""
        self.search_bar.value = ""
        self.set_focus(self.search_bar)

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.reader.step(delta):
            return
        target = self.results.neighbour(delta)
        if isinstance(target, str):
            self.notify("No more matches" if self.reader.matches and not self.results.hits else target, timeout=1.5)
        else:
            self._open_hit(*target)

    def action_toggle_filter(self) -> None:
        self.reader.only_matching = not self.reader.only_matching

    def action_toggle_entities(self) -> None:
        panel = self.panel
        panel.display = not panel.display
        self._fit()
        if panel.display:
            panel.query_one(EntityList).focus()
        elif self.focused is None or not self.focused.display:
            self.reader.focus()

    def action_toggle_type(self, number: int) -> None:
        self.reader.toggle_label(self.query_one(EntityLegend).label(number))

    @on(EntityLegend.Toggled)
    def _legend_clicked(self, message: EntityLegend.Toggled) -> None:
        self.reader.toggle_label(message.label)

    def action_back(self) -> None:
        """Esc: reader -> results -> reader; from the search bar or the entity panel, back to reading
        (or to the list, with nothing open)."""
        focused, searching = self.focused, bool(self.results.hits)
        reading = self.reader if self.reader.document else None
        if isinstance(focused, Input) and searching:
            self.results.focus_hits()
        elif focused is self.reader and searching:
            self.results.focus_hits()
        elif focused is self.reader:
            self.documents.focus() if self.query_one("#left").display else None
        elif isinstance(focused, (HitList, Input, EntityList)):
            (reading or self.documents).focus()

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

    # -- lifecycle ----------------------------------------------------------------

    def reading_state(self) -> ReadingState:
        document = self.reader.document
        return ReadingState(document.id if document else None, self.reader.scroll_y, self.documents.sort)

    def stop_sync(self) -> None:
        self.service.stop()
