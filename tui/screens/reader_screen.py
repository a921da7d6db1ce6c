"""The main screen: search bar on top, documents or results on the left, the reader centre.

Messages come up from the widgets; the screen decides and sets attributes
down. Anything that touches the disk or the index runs in a worker.
"""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input
from textual.worker import get_current_worker

from search_index import PHASES, Document, SearchResult, UnreadableFile, home_dir
from search_index.quotes import QuoteBook, cite, load_templates, make_quote

from .. import clipboard

from ..state import ReadingState
from ..sync_runner import SyncEvent, SyncRunner
from ..widgets.document_list import DocumentList
from ..widgets.entity_legend import EntityLegend
from ..widgets.entity_panel import EntityList, EntityPanel
from ..widgets.index_status import IndexStatus
from ..widgets.reader_pane import ReaderPane
from ..widgets.search_results import HitList, SearchResults, hits_in_view

RESULT_LIMIT = 30  # three screens of results; each costs a snippet and its match ranges
TYPING_LIMIT = 12  # while typing, at most a screenful (hits_in_view): the rest follow once typing pauses
SETTLE_SECONDS = 0.3
LIST_REFRESH_SECONDS = 0.5
BUSY_RETRY_SECONDS = 5.0


def _read_in(index) -> None:
    """Read every segment's terms now, not in the first keystroke's search."""
    index.searcher()
    # What is loaded now lives as long as the index: a full garbage collection walked
    # it all, up to 64 ms with the UI thread waiting, about once per query typed.
    gc.freeze()


def _documents(count: int) -> str:
    return f"{count:,} document{'' if count == 1 else 's'}"


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
    ] + [Binding(str(n), f"toggle_type({n})", f"Toggle type {n}", show=False) for n in range(1, 10)]

    def __init__(self, root: Path, home: Path | None, sync: bool = True) -> None:
        super().__init__()
        self.root = root
        self.home = home
        self.sync_enabled = sync
        self.index = None  # search_index.Index, once open_index has opened it
        self.generation = 0  # the newest search; older results are dropped
        self._search_lock = threading.Lock()
        self.hit_index: int | None = None  # which result the reader shows
        self.search_active = False
        self._open_first_on_result = False
        self._runner: SyncRunner | None = None
        self._sync_again = False
        self._last_list_refresh = 0.0
        self.skipped: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder='/ search: words  "a phrase"  prefix*  person:"Name"  NOT word', id="search")
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

    def on_mount(self) -> None:
        self.documents.focus()
        self.open_index()

    # -- the index: opened off the UI thread, synced in a subprocess ----------

    @work(thread=True, exclusive=True, group="open-index")
    def open_index(self) -> None:
        from search_index import Index, IndexError_  # Whoosh loads here, off the UI thread

        try:
            index = Index(self.root, home=self.home)
        except IndexError_ as error:
            self.app.call_from_thread(self.status.idle, str(error), True)
            return
        except Exception as error:  # noqa: BLE001 - e.g. SQLite refusing a read-only home: say it, keep running
            self.app.call_from_thread(self.status.idle, f"Cannot open the index: {error}", True)
            return
        self.app.call_from_thread(self._index_ready, index)
        _read_in(index)

    @work(thread=True, exclusive=True, group="open-index")
    def _read_in_again(self) -> None:
        if self.index is not None:
            _read_in(self.index)

    def _index_ready(self, index) -> None:
        self.index = index
        if index.rebuilt_reason:
            self.notify(index.rebuilt_reason, severity="warning")
        state = ReadingState.load(index.location)
        self.documents.sort = state.sort
        self.documents.attach(index.documents, index.count())
        self.status.idle(_documents(index.count()))
        if state.doc and index.catalog.info(state.doc):
            self.open_document(state.doc, scroll_y=state.scroll_y)
        self.run_sync()
        self.app.watch_folder()

    def run_sync(self) -> None:
        if not self.sync_enabled or self.index is None:
            return
        if self._runner is not None:
            self._sync_again = True  # a change arrived mid-sync: go again when it ends
            return
        # Made here, not in the worker, so that stop_sync() can always reach it.
        self._runner = SyncRunner(self.root, self.index.home)
        self._sync_worker(self._runner)

    @work(thread=True, group="sync")
    def _sync_worker(self, runner: SyncRunner) -> None:
        worker = get_current_worker()
        try:
            for event in runner.run():
                if worker.is_cancelled:
                    break
                self.app.call_from_thread(self._on_sync_event, event)
        finally:
            runner.stop()
            self._runner = None
        if self._sync_again and not worker.is_cancelled:
            self._sync_again = False
            self.app.call_from_thread(self.run_sync)

    def _on_sync_event(self, event: SyncEvent) -> None:
        index = self.index
        if index is None:
            return
        if event.phase in PHASES:
            self.status.progress(event.phase, event.done, event.total)
            if time.monotonic() - self._last_list_refresh > LIST_REFRESH_SECONDS:
                self._refresh_from_index()
            return
        self._refresh_from_index()
        if event.phase == "busy":
            self.status.idle("Another seed-reader is indexing this folder: showing what it has indexed so far.")
            self.set_timer(BUSY_RETRY_SECONDS, self.run_sync)
            return
        if event.phase == "failed":
            self.status.idle(event.error or "Indexing failed.", problem=True)
            return
        self._read_in_again()  # the sync may have merged segments: their terms are new
        report = event.report or {}
        parts = [_documents(report.get("documents", index.count()))]
        if report.get("skipped"):
            parts.append(f"{len(report['skipped'])} skipped (ctrl+p: Skipped files)")
        if report.get("entities_pending"):
            parts.append(f"{report['entities_pending']} awaiting entities")
        self.skipped = report.get("skipped", [])
        self.status.idle(" · ".join(parts))

    def _refresh_from_index(self) -> None:
        """New commits: grow the list, give the open document its entities."""
        self._last_list_refresh = time.monotonic()
        assert self.index is not None
        self.documents.reload(self.index.count())  # rows change too: titles, pending entities
        document = self.reader.document
        if document is not None and document.stale and self.index.catalog.sha1(document.id) == document.sha1:
            self.open_document(document.id, scroll_y=self.reader.scroll_y)  # the index caught up with the file
        elif document is not None and document.entities is None and not document.stale:
            entities = self.index.catalog.entities(document.id, document.text)
            if entities is not None:
                document.entities = entities
                self.reader.refresh_entities(document)
                self._show_entities(document)

    def action_reindex(self) -> None:
        self.run_sync()

    async def document_changed(self, deleted: bool) -> None:
        """The open file changed or vanished on disk: say so, and reload what is there."""
        document = self.reader.document
        if document is None:
            return
        if deleted or not document.path.exists():
            await self.reader.notice("This file was deleted from the folder; what you see is the last version read.")
            return
        self.open_document(document.id, scroll_y=self.reader.scroll_y)
        self.notify("The open document changed on disk and was reloaded.", timeout=3)

    # -- opening documents --------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def open_document(
        self, doc: str, matches: list[tuple[int, int]] | None = None, first: int | None = None, scroll_y: float | None = None
    ) -> None:
        assert self.index is not None
        try:
            document = self.index.open_document(doc)
        except UnreadableFile as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_document, document, matches, first, scroll_y)

    async def _show_document(
        self, document: Document, matches: list[tuple[int, int]] | None, first: int | None, scroll_y: float | None
    ) -> None:
        notice = None
        if document.stale:
            notice = "This file changed since it was indexed; entities and matches return after re-indexing."
        await self.reader.show(document, matches if not document.stale else [], notice)
        self.documents.open_doc = document.id
        self._show_entities(document)
        if first is not None and self.reader.matches:
            self.reader.go_to(first)
        elif scroll_y is not None:
            self.reader.call_after_refresh(self.reader.scroll_to, y=scroll_y, animate=False)

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
        hit = self._hit_for(message.doc)
        self.hit_index = hit
        matches = list(self.results.hits[hit].matches) if hit is not None else None
        self.open_document(message.doc, matches, 0 if matches else None)
        self.reader.focus()

    @on(DocumentList.SortChanged)
    def _keep_place_after_sort(self, message: DocumentList.SortChanged) -> None:
        if self.index is not None:
            position = self.index.catalog.position(message.doc, self.documents.sort)
            if position is not None:
                self.documents.select(position)

    # -- search ---------------------------------------------------------------

    def _next_generation(self) -> int:
        """A newer search owns the screen: the running one (say, the full pass of the
        word before this keystroke) stops instead of holding the next one up."""
        self.generation += 1
        if self.index is not None:
            self.index.cancel_search()
        return self.generation

    @on(Input.Changed, "#search")
    def _search_as_you_type(self, event: Input.Changed) -> None:
        self._next_generation()
        if not event.value.strip():
            self._end_search()
            return
        self.search(self.generation, event.value, typing=True)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        if self.search_active and self.results.hits and self.results.result.query == event.value:
            self._open_hit(self.results.highlighted)
            return
        # Nothing to open yet: search exactly (close spellings if nothing matches), open the best hit.
        self._next_generation()
        self._open_first_on_result = True
        self.search(self.generation, event.value, typing=False)

    @work(thread=True, exclusive=True, group="search")
    def search(self, generation: int, text: str, typing: bool, settled: bool = False) -> None:
        """Search in a thread. While typing: a screenful, in a short time budget; once
        typing pauses (`settled`), the same query again in full."""
        if self.index is None:
            return
        with self._search_lock:
            # Keystrokes arrive faster than some searches end: one waiting for its turn
            # that a newer keystroke has overtaken gives up instead of running late.
            if generation != self.generation:
                return
            quick = typing and not settled
            limit = min(TYPING_LIMIT, hits_in_view(self._left_rows)) if quick else RESULT_LIMIT
            result = self.index.search(text, limit=limit, as_you_type=typing, quick=quick)
        if generation == self.generation and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_result, generation, result)
            if quick:
                self.app.call_from_thread(self._settle_later, generation, text)

    @property
    def _left_rows(self) -> int:
        return self.query_one("#left").size.height - 1  # the results' summary line takes one

    def _settle_later(self, generation: int, text: str) -> None:
        def settle() -> None:
            if generation == self.generation:
                self.search(generation, text, typing=True, settled=True)

        self.set_timer(SETTLE_SECONDS, settle)

    def _show_result(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # a newer keystroke's search owns the screen
        self.search_active = True
        self.results.show(result)
        self.query_one(ContentSwitcher).current = "results"
        document = self.reader.document
        if document is not None:
            hit = self._hit_for(document.id)
            self.hit_index = hit
            matches = list(result.hits[hit].matches) if hit is not None else []
            if matches != self.reader.matches:  # the full pass of the same query leaves n/N where it is
                self.reader.set_matches(matches)
        if self._open_first_on_result:
            self._open_first_on_result = False
            if result.hits:
                self._open_hit(0)

    def _end_search(self) -> None:
        self.search_active = False
        self.hit_index = None
        self.query_one(ContentSwitcher).current = "documents"
        self.reader.set_matches([])

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
        search = self.query_one("#search", Input)
        search.value = message.query
        self._search_submitted(Input.Submitted(search, message.query))

    @on(EntityPanel.Chosen)
    def _jump_to_entity(self, message: EntityPanel.Chosen) -> None:
        self.hit_index = None
        self.reader.set_matches([(m.start, m.end) for m in message.group.mentions], current=0)
        self.reader.focus()

    # -- keys -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Focus the search bar; in it, `/` is just a character."""
        field = self.query_one("#search", Input)
        if self.focused is field:
            field.insert_text_at_cursor("/")
        else:
            # At once, not deferred like Widget.focus(): keys typed right after `/` come
            # in the same burst and would otherwise reach the list (`o` sorts, `n` jumps).
            self.set_focus(field)

    def action_clear_search(self) -> None:
        self.query_one("#search", Input).value = ""

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
        document, selection = self.reader.document, self.reader.selection
        if document is None or selection is None:
            self.notify("Select text first: drag with the mouse, or v (sentence) / V (¶) in the reader.", timeout=4)
            return
        home = home_dir(self.home)
        quote = make_quote(document, *selection)
        plain, markdown_template = load_templates(home)
        try:
            clipboard.copy(self.app, cite(quote, markdown_template if markdown else plain))
        except clipboard.TooLarge as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        self._save_quote(home, quote)
        self.notify(f"Copied {len(quote.text):,} characters from {quote.where}", timeout=3)

    @work(thread=True, group="quote-book")
    def _save_quote(self, home: Path, quote) -> None:
        try:
            QuoteBook(home).add(quote)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"Copied, but not saved to the quote book: {error.strerror}", severity="warning"
            )

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

    # -- lifecycle ----------------------------------------------------------------

    def reading_state(self) -> ReadingState:
        document = self.reader.document
        return ReadingState(document.id if document else None, self.reader.scroll_y, self.documents.sort)

    def stop_sync(self) -> None:
        self.sync_enabled = False
        if self._runner is not None:
            self._runner.stop()

    def on_unmount(self) -> None:
        self.stop_sync()
