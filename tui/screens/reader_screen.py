"""The main screen: search bar on top, documents or results on the left, the reader centre.

It composes and routes: messages come up from the widgets and services, the
screen sets attributes down. It owns no worker and little state: the search
bar runs searches, the index service opens, syncs and watches the index and
reads documents, the results know which hit the reader shows (n/N across
results), the reader its matches and hidden entity types, the quoter copies.
What the index service says is routed in index_events.py, quotes in
quote_events.py, the entity browser in browser_events.py; keys and searches here.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input

from search_index import Hit

from ..index_service import IndexService
from ..quoting import Quoter
from ..saved_service import SavedService, news_line
from ..state import ReadingState
from ..widgets.document_list import DocumentList
from ..widgets.entity_legend import EntityLegend
from ..widgets.entity_panel import EntityList, EntityPanel
from ..widgets.footer import Footer
from ..widgets.index_status import IndexStatus
from ..widgets.reader_pane import ReaderPane
from ..widgets.search_bar import Mode, SearchBar
from ..widgets.search_results import HitList, SearchResults, hits_in_view
from .ask_dialog import AskDialog
from .browser_events import BrowserEvents
from .index_events import IndexEvents
from .layout import fit_panels
from .quote_events import QuoteEvents

# Actions on printable keys: while the search bar has focus they are text, so the footer hides them.
TYPED = {"step", "toggle_filter", "toggle_entities", "reindex", "quotes", "sort", "toggle_type"} | {
    "saved_searches", "bookmark", "bookmarks"
}


class ReaderScreen(IndexEvents, QuoteEvents, BrowserEvents, Screen):
    DEFAULT_CSS = """
    ReaderScreen #search { dock: top; height: 1; border: none; padding: 0 1; background: $panel; }
    ReaderScreen #search:focus { background: $boost; border: none; }
    ReaderScreen #left { border-right: vkey $panel-lighten-2; }
    ReaderScreen #centre { width: 1fr; }
    """
    BINDINGS = [
        Binding("n", "step(1)", "Next match"),
        Binding("N", "step(-1)", "Prev match", show=False),
        Binding("f", "toggle_filter", "Matching ¶"),
        Binding("e", "toggle_entities", "Entities"),
        Binding("o", "sort", "Sort", show=False),
        Binding("escape", "back", "Back", show=False),
        # Before the focused widget sees it: the keys typed right after it are the new query.
        Binding("ctrl+l", "clear_search", "Clear search", show=False, priority=True),
        Binding("r", "reindex", "Re-index", show=False),
        Binding("Q", "quotes", "Quotes"),
        Binding("E", "entity_browser", "Entity browser", show=False),
        Binding("S", "saved_searches", "Saved searches", show=False),
        Binding("ctrl+s", "save_search", "Save search", show=False),
        Binding("m", "bookmark", "Bookmark", show=False),
        Binding("apostrophe", "bookmarks", "Bookmarks", show=False),
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
        yield SavedService(self.home, self.root)
        yield SearchBar(id="search")
        with Horizontal():
            with ContentSwitcher(initial="documents", id="left"):
                yield DocumentList(id="documents")
                yield SearchResults(id="results")
            with Vertical(id="centre"):
                yield EntityLegend()
                yield ReaderPane()
            yield EntityPanel()  # hidden until `e`
        yield IndexStatus()
        yield Footer()

    reader = property(lambda self: self.query_one(ReaderPane))
    documents = property(lambda self: self.query_one(DocumentList))
    results = property(lambda self: self.query_one(SearchResults))
    status = property(lambda self: self.query_one(IndexStatus))
    search_bar = property(lambda self: self.query_one(SearchBar))
    panel = property(lambda self: self.query_one(EntityPanel))
    saved = property(lambda self: self.query_one(SavedService))

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

    # -- documents --------------------------------------------------------------

    def open_document(self, doc: str, matches=None, first: int | None = None, scroll_y: float | None = None) -> None:
        """Open `doc` in the reader (read off the UI thread), its `matches` marked, `first` current."""
        self.service.open_document(doc, matches, first, scroll_y)

    def on_reader_pane_entities_changed(self, message: ReaderPane.EntitiesChanged) -> None:
        self.query_one(EntityLegend).show(message.entities, message.hidden)
        self.panel.show(message.entities, message.hidden)

    @on(DocumentList.Opened)
    def _open_from_list(self, message: DocumentList.Opened) -> None:
        matches = self.results.follow(message.doc)
        self.open_document(message.doc, matches, 0 if matches else None)
        self.reader.focus()

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
        if self.focused is self.search_bar:
            self.search_bar.insert_text_at_cursor("/")
        else:
            self._focus_search()

    def action_clear_search(self) -> None:
        """Clear the query and put the cursor in it: what is typed next is a new search, not commands."""
        self.search_bar.value = ""
        self._focus_search()

    def _focus_search(self) -> None:
        # At once, not deferred like Widget.focus(): keys typed right after `/` come
        # in the same burst and would otherwise reach the list (`o` sorts, `n` jumps).
        self.set_focus(self.search_bar)
        if not self.query_one("#left").display:  # the entity panel took the list's room: results need it
            self.panel.display = False
            self._fit()

    def action_step(self, delta: int) -> None:
        """n/N: the next or previous match, on into the next or previous result at the ends."""
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
        elif self.focused is None or isinstance(self.focused, EntityList):
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
        elif focused is self.reader and self.query_one("#left").display:
            self.documents.focus()
        elif isinstance(focused, (HitList, Input, EntityList)):
            (reading or self.documents).focus()

    # -- saved searches and bookmarks ----------------------------------------------

    def action_save_search(self) -> None:
        """ctrl+s: keep the search shown, under a name (its query by default)."""
        query = self.results.result.query if self.results.active and self.results.result else ""
        if not query.strip() or self.index is None:
            self.notify("Search first (/): ctrl+s then saves the search shown.", timeout=4)
            return
        problem = self.index.query_problem(query)
        if problem:
            self.notify(f"Not saved: {problem}", severity="warning", timeout=6)
            return
        def save(name: str | None) -> None:
            if name is not None:
                self.saved.save_search(self.index, " ".join(name.split()) or query, query)

        self.app.push_screen(AskDialog("Save this search as:", value=query), save)

    def action_saved_searches(self) -> None:
        from .saved_screen import SavedSearchesScreen

        self.app.push_screen(SavedSearchesScreen(self.saved.searches, str(self.root), self.index), self._run_saved)

    def _run_saved(self, status) -> None:
        """Back from the saved searches with one to run: its new documents marked, and seen from now on."""
        if status is None or self.index is None:
            return
        query = status.search.query
        self.results.mark_new(query, status.new_docs)
        self.search_bar.value = query
        self.search_bar.request(query, Mode.SUBMITTED)
        self.results.focus_hits()
        self.saved.mark_seen(self.index, status.search.name, query)

    def on_saved_service_news(self, message: SavedService.News) -> None:
        self.status.news(news_line(message.statuses))

    def action_bookmark(self) -> None:
        """m: a bookmark at the paragraph of the selection, the current match, or the top of the view."""
        document = self.reader.document
        if document is None:
            self.notify("Open a document first: m bookmarks the paragraph you are on.", timeout=4)
            return
        offset = self.reader.selection[0] if self.reader.selection else self.reader.cursor_offset()
        def keep(note: str | None) -> None:
            if note is not None:
                self.saved.bookmark(document, offset, note)

        self.app.push_screen(AskDialog("Bookmark this paragraph. A note (optional):", placeholder="why it matters"), keep)

    def action_bookmarks(self) -> None:
        from .bookmarks_screen import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.saved.bookmarks, self.root, self.index), self._open_bookmark)

    def _open_bookmark(self, chosen) -> None:
        """Back from the bookmarks with one to open: at its paragraph (marked), here or in its own folder."""
        if chosen is None:
            return
        place, folder = chosen
        matches = [(place.start, max(place.end, place.start + 1))]
        if folder != self.root:
            self.app.open_folder(folder, place.bookmark.doc, matches)
        elif self.index is not None:
            self.open_document(place.bookmark.doc, matches, 0)
            self.reader.focus()

    # -- lifecycle ----------------------------------------------------------------

    def reading_state(self) -> ReadingState:
        document = self.reader.document
        return ReadingState(document.id if document else None, self.reader.scroll_y, self.documents.sort)

    def stop_sync(self) -> None:
        self.service.stop()
