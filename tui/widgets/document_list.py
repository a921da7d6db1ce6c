"""The document list: one line per document, drawn on Textual's line API.

Only the rows on screen are read from the catalog, a page at a time, so the
list costs the same at 100 documents as at 100,000 (an OptionList computed
every option's height up front: 10.9 s to mount 100k).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from search_index import DocumentInfo

from ..format import human_size, truncate
from ..safe_text import safe
from .virtual_list import VirtualList

PAGE = 200
SORTS = ("title", "date", "path")
Source = Callable[[str, int, int], list[DocumentInfo]]


AUTHOR_CELLS = 16


def row_meta(info: DocumentInfo, width: int) -> str:
    """What follows a title, as room allows: the date always (the list sorts by it), then the
    author and the size on wider lists. At 80 columns the list has 27 cells: title and date."""
    date = f" {info.date or '':>10}"
    if width < 24:
        return ""
    if width < 44:
        return date
    meta = f"{date} {human_size(info.size):>5}"
    if info.author and width >= 56:
        meta = f" {truncate(safe(info.author, newlines=False), AUTHOR_CELLS):<{AUTHOR_CELLS}}" + meta
    return meta


# Before the title, dim: where a document came from. Plain text, the common case, has none.
FORMAT_MARKERS = {"markdown": "MD ", "html": "HTML ", "pdf": "PDF ", "epub": "EPUB ", "docx": "DOCX "}


def language_marker(info: DocumentInfo) -> str:
    """"RU " before a document in another language than English (it has no entities); nothing for English."""
    language = info.language or "en"
    return "" if language == "en" else safe(language.upper(), newlines=False)[:3] + " "


class DocumentList(VirtualList):
    """All documents of the corpus, sortable by title, date or path."""

    DEFAULT_CSS = """
    DocumentList {
        background: $surface;
        scrollbar-gutter: stable;
    }
    DocumentList > .document-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    DocumentList > .document-list--meta { color: $text-muted; }
    DocumentList > .document-list--open { color: $accent; }
    """
    COMPONENT_CLASSES = {"document-list--cursor", "document-list--meta", "document-list--open"}
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
        Binding("o", "cycle_sort", "Sort"),
    ]  # and VirtualList's: up/down/j/k, home/end/g/G

    _count = 0
    sort: reactive[str] = reactive("title")
    open_doc: reactive[str | None] = reactive(None)

    class Opened(Message):
        def __init__(self, doc: str) -> None:
            self.doc = doc
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._source: Source | None = None
        self._locate: Callable[[str, str], int | None] | None = None
        self._count = 0
        self._pages: dict[int, list[DocumentInfo]] = {}

    def attach(self, source: Source, count: int, locate: Callable[[str, str], int | None] | None = None) -> None:
        """Rows come from `source` (sort, offset, limit); `locate` (doc, sort) finds a document's row."""
        self._source = source
        self._locate = locate
        self.reload(count)

    def reload(self, count: int) -> None:
        """The catalog changed: forget cached rows and redraw."""
        self._pages.clear()
        self._count = count
        self._size_to_rows()
        self.cursor = min(self.cursor, max(count - 1, 0))
        self.refresh()

    @property
    def count(self) -> int:
        return self._count

    @property
    def item_count(self) -> int:
        return self._count

    def row(self, number: int) -> DocumentInfo | None:
        if self._source is None or not 0 <= number < self._count:
            return None
        page = number // PAGE
        if page not in self._pages:
            self._pages[page] = self._source(self.sort, page * PAGE, PAGE)
        rows = self._pages[page]
        index = number - page * PAGE
        return rows[index] if index < len(rows) else None

    def select(self, number: int) -> None:
        self.cursor = number  # clamped by validate_cursor

    # -- drawing ---------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        info = self.row(number)
        if info is None:
            return Strip.blank(width, base)
        meta_style = self.get_component_rich_style("document-list--meta")
        if number == self.cursor and self.has_focus:
            style = self.get_component_rich_style("document-list--cursor")
            meta_style = style
        elif number == self.cursor:
            style = base + Style(reverse=True)
            meta_style = style
        else:
            style = self.get_component_rich_style("document-list--open") if info.id == self.open_doc else base
        meta = row_meta(info, width)
        pending = "·" if not info.entities_done else " "
        marker = FORMAT_MARKERS.get(info.format, "") + language_marker(info) if width >= 24 else ""
        title_width = max(width - len(meta) - len(marker) - 1, 4)
        title = truncate(safe(info.title, newlines=False), title_width)
        segments = [
            Segment(pending, meta_style),
            Segment(marker, meta_style),
            Segment(title.ljust(title_width), style),
            Segment(meta, meta_style),
        ]
        return Strip(segments).crop_extend(0, width, base)

    def watch_sort(self) -> None:
        self._pages.clear()
        self.refresh()

    def watch_open_doc(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._size_to_rows()

    def _size_to_rows(self) -> None:
        # Rows are cut to the width: only the height scrolls (the full width overflowed
        # the scrollbar's gutter and showed a horizontal bar under the list).
        self.virtual_size = Size(self.scrollable_content_region.width, self._count)

    # -- actions ---------------------------------------------------------

    def action_page(self, direction: int) -> None:
        self.select(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_cycle_sort(self) -> None:
        """The next sort; the highlighted document stays highlighted, wherever it moved."""
        current = self.row(self.cursor)
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort}", timeout=1.5)
        position = self._locate(current.id, self.sort) if current is not None and self._locate else None
        if position is not None:
            self.select(position)

    def action_open(self) -> None:
        info = self.row(self.cursor)
        if info is not None:
            self.post_message(self.Opened(info.id))

    def on_click(self, event: events.Click) -> None:
        number = self.scroll_offset.y + event.y
        if 0 <= number < self._count:
            self.cursor = number
            self.action_open()
