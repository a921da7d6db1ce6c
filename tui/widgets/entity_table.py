"""Every entity of the corpus in one virtual list: type colour, name, documents, mentions.

The list owns its data and the one worker that reads it. Rows come a page at a
time from `Index.corpus_entities`, only for the rows on screen, and always off
the UI thread: a filter at 100,000 documents scans the table (a count ~60 ms).

Requests are coalesced: one read runs at a time; keys typed meanwhile replace
the waiting request, so a fast typist costs one read per pause, not one per
key. Every request carries a generation; a page of an older request never
replaces a newer one. The first page paints before the count is taken: a
count scans the table (~60 ms at 100,000 documents) and holds the index's
lock, so it waits until typing pauses (COUNT_DELAY), and a page shorter than
PAGE is its own count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from search_index import CorpusEntity, Index

from ..format import truncate
from ..palette import entity_style
from ..safe_text import safe
from .virtual_list import VirtualList

PAGE = 100
COUNT_DELAY = 0.15  # seconds without a new request before the rows are counted
SORTS = ("documents", "mentions", "name", "recent")
SHORT_LABEL = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org"}


@lru_cache(maxsize=64)
def _label_style(label: str) -> Style:
    return Style.parse(entity_style(label))


@dataclass(frozen=True)
class Query:
    label: str | None = None
    sort: str = "documents"
    filter_text: str = ""


class EntityTable(VirtualList):
    """The corpus's entities for one query (type, sort, filter); Enter chooses one."""

    DEFAULT_CSS = """
    EntityTable { background: $surface; scrollbar-gutter: stable; }
    EntityTable > .entity-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    EntityTable > .entity-table--meta { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"entity-table--cursor", "entity-table--meta"}
    BINDINGS = [
        Binding("enter", "choose", "Documents", show=True),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
    ]  # and VirtualList's: up/down/j/k, home/end/g/G

    class Chosen(Message):
        def __init__(self, entity: CorpusEntity) -> None:
            self.entity = entity
            super().__init__()

    class Counted(Message):
        """The current query's number of entities is known (it may lag the rows)."""

        def __init__(self, count: int) -> None:
            self.count = count
            super().__init__()

    class PageRead(Message):
        """(Internal) a page of rows, from the worker."""

        def __init__(self, generation: int, page: int, rows: list[CorpusEntity]) -> None:
            self.generation, self.page, self.rows = generation, page, rows
            super().__init__()

    class CountRead(Message):
        """(Internal) the number of rows, from the worker."""

        def __init__(self, generation: int, count: int) -> None:
            self.generation, self.count = generation, count
            super().__init__()

    class ReadDone(Message):
        """(Internal) the worker has finished: the next request may start."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index: Index | None = None
        self.wanted = Query()
        self.generation = 0
        self.counted = False  # the count is exact (not the rows seen so far)
        self._count = 0
        self._pages: dict[int, list[CorpusEntity]] = {}
        self._wanted_pages: set[int] = set()
        self._reading = False
        self._query_waiting = False  # a newer query waits for the read in flight
        self._select_name: str | None = None
        self.shown_generation = -1  # the request whose rows are on screen
        self._count_due: int | None = None  # the request whose rows are to be counted
        self._count_timer = None

    # -- the query ---------------------------------------------------------

    def request(self, query: Query, select_name: str | None = None) -> None:
        """Show `query`'s entities (the old rows stay until the new ones arrive).

        `select_name`: put the cursor on the entity of that name in the first page, and choose it.
        """
        self.wanted = query
        self.generation += 1
        self._select_name = select_name
        self._keep_place = False
        narrowed = self._narrowed(query)
        if narrowed is not None:
            # Every row of a longer filter is among these: no read, the rows paint with the key's echo.
            self._wanted_pages, self._query_waiting = set(), False
            self._show_page(self.generation, 0, narrowed)
            return
        self._wanted_pages = {0}
        self._query_waiting = True
        self._start()

    def reload(self) -> None:
        """The index changed (a sync): read the same query again, the cursor where it is."""
        self._complete = None
        self.request(self.wanted)
        self._keep_place = True

    def _narrowed(self, query: Query) -> list[CorpusEntity] | None:
        """`query`'s rows from the last complete page, when `query` only narrows that page's filter.

        A filter few names match costs a scan of the whole table (~20 ms at 100,000 documents);
        the keys typed after it, each narrowing the last, then cost none.
        """
        if self._complete is None:
            return None
        shown, rows = self._complete
        old, new = shown.filter_text.strip().casefold(), query.filter_text.strip().casefold()
        if (shown.label, shown.sort) != (query.label, query.sort) or old not in new:
            return None
        return [row for row in rows if new in row.canonical.casefold()]

    _complete: tuple[Query, list[CorpusEntity]] | None = None  # a query and all its rows (fewer than a page)

    _keep_place = False

    def _start(self) -> None:
        if self._reading or self.index is None:
            return
        if self._query_waiting or self._wanted_pages:
            self._query_waiting = False
            pages, self._wanted_pages = sorted(self._wanted_pages), set()
            self._reading = True
            self._read(self.index, self.generation, self.wanted, pages, False)
        elif self._count_due == self.generation:
            self._count_due = None
            self._reading = True
            self._read(self.index, self.generation, self.wanted, [], True)

    def _count_later(self) -> None:
        if self._count_timer is not None:
            self._count_timer.stop()
        generation = self.generation

        def due() -> None:
            self._count_due = generation
            self._start()

        self._count_timer = self.set_timer(COUNT_DELAY, due)

    @work(thread=True, group="entity-table")
    def _read(self, index: Index, generation: int, query: Query, pages: list[int], count: bool) -> None:
        try:
            for page in pages:
                rows = index.corpus_entities(query.label, query.sort, query.filter_text, page * PAGE, PAGE)
                self.post_message(self.PageRead(generation, page, rows))
            if count and generation == self.generation:  # (a newer request makes this count useless)
                self.post_message(self.CountRead(generation, index.corpus_entity_count(query.label, query.filter_text)))
        finally:
            self.post_message(self.ReadDone())

    def on_entity_table_page_read(self, message: PageRead) -> None:
        message.stop()
        if message.generation == self.generation:  # an older query's rows never go over a newer one's
            self._show_page(message.generation, message.page, message.rows)

    def _show_page(self, generation: int, page: int, rows: list[CorpusEntity]) -> None:
        fresh = self.shown_generation != generation
        if fresh:
            self._pages, self.shown_generation, self.counted = {}, generation, False
        self._pages[page] = rows
        if fresh and page == 0 and len(rows) < PAGE:
            self._complete = (self.wanted, rows)
            self._counted(len(rows))  # all of them: no need to count
        elif fresh:
            self._count_later()
        if not self.counted:
            # Until the count comes: the rows seen, and one more if this page was full (to scroll on).
            seen = page * PAGE + len(rows)
            # After a reload the old count stands meanwhile: the list keeps its length and its scroll.
            known = self._count if page or self._keep_place else 0
            self._count = max(known, seen + (len(rows) == PAGE))
            self._size_to_rows()
        if page == 0 and not self._keep_place:
            self._preselect(rows)
        self.refresh()

    def on_entity_table_count_read(self, message: CountRead) -> None:
        message.stop()
        if message.generation == self.generation:
            self._counted(message.count)

    def _counted(self, count: int) -> None:
        self.counted = True
        self._count = count
        self._size_to_rows()
        self.cursor = min(self.cursor, max(self._count - 1, 0))
        self.refresh()
        self.post_message(self.Counted(count))

    def on_entity_table_read_done(self, message: ReadDone) -> None:
        message.stop()
        self._reading = False
        self._start()

    def _preselect(self, rows: list[CorpusEntity]) -> None:
        name, self._select_name = self._select_name, None
        wanted = name.casefold() if name else None
        position = next((n for n, row in enumerate(rows) if row.canonical.casefold() == wanted), None)
        self.scroll_to(y=0, animate=False)
        self.cursor = position if position is not None else 0
        if position is not None:
            self.post_message(self.Chosen(rows[position]))

    # -- rows --------------------------------------------------------------

    @property
    def count(self) -> int:
        return self._count

    @property
    def item_count(self) -> int:
        return self._count

    def row(self, number: int) -> CorpusEntity | None:
        """The entity at `number` if its page is here; otherwise ask for the page (it paints when it comes)."""
        if not 0 <= number < self._count:
            return None
        page, offset = divmod(number, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._wanted_pages:
                self._wanted_pages.add(page)
                self.call_later(self._start)
            return None
        return rows[offset] if offset < len(rows) else None

    @property
    def highlighted(self) -> CorpusEntity | None:
        return self.row(self.cursor)

    # -- drawing -----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _row_styles(self) -> tuple[Style, Style, Style, Style]:
        """(base, meta, cursor focused, cursor unfocused): looked up once, not per row (a third of a frame)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                self.get_component_rich_style("entity-table--meta"),
                self.get_component_rich_style("entity-table--cursor"),
                base + Style(reverse=True),
            )
        return self._styles

    _styles: tuple[Style, Style, Style, Style] | None = None

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base, meta_style, focused, unfocused = self._row_styles()
        entity = self.row(number)
        if entity is None:
            return Strip.blank(width, base)
        style = base
        if number == self.cursor:
            style = meta_style = focused if self.has_focus else unfocused
        label = SHORT_LABEL.get(entity.label, entity.label.lower())[:6]
        meta = f" {entity.documents:>6,} {entity.mentions:>7,}"
        name_width = max(width - 9 - len(meta), 4)
        name = truncate(safe(entity.canonical, newlines=False), name_width)
        segments = [
            Segment(f" {label:<6} ", _label_style(entity.label)),
            Segment(" "),
            Segment(name.ljust(name_width), style),
            Segment(meta, meta_style),
        ]
        return Strip(segments).crop_extend(0, width, base)

    def on_resize(self) -> None:
        self._size_to_rows()

    def _size_to_rows(self) -> None:
        # Never less than a screenful: a filter narrowing 40 rows to 12 to 3 changes no size, so
        # costs no layout pass (~20 ms a key on this screen); rows past the count draw blank.
        region = self.scrollable_content_region
        self.virtual_size = Size(region.width, max(self._count, region.height))

    # -- actions -----------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 1, 1)

    def action_choose(self) -> None:
        entity = self.highlighted
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def on_click(self, event: events.Click) -> None:
        number = self.scroll_offset.y + event.y
        if 0 <= number < self._count:
            self.cursor = number
            self.action_choose()
