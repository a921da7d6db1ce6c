"""The reader: the open document's title and paragraphs, entities and matches marked.

Highlights change often (every search, every n/N); only the paragraphs whose
highlights changed are repainted.
"""

from __future__ import annotations

from bisect import bisect_right

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from search_index import Document, Span

from ..original import open_original
from ..palette import HIDDEN_BY_DEFAULT
from ..safe_text import safe
from .paragraph import Paragraph
from .selecting import Selecting


class ReaderPane(Selecting, VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    ReaderPane {
        width: 1fr;
        background: $surface;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-subtitle-color: $text-accent;
    }
    ReaderPane:focus { border: round $accent; }
    ReaderPane > .-notice { color: $warning; padding: 0 2; }
    ReaderPane > .-empty { color: $text-muted; padding: 1 2; }
    """
    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("ctrl+d,pagedown,space", "page_down", "Page down", show=False),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("v", "select_sentence", "Select"),
        Binding("V", "select_paragraph", "Select ¶", show=False),
        Binding("right_parenthesis", "extend_sentence(1)", "+sentence", show=False),
        Binding("left_parenthesis", "extend_sentence(-1)", "-sentence", show=False),
        Binding("right_curly_bracket", "extend_paragraph(1)", "+¶", show=False),
        Binding("left_curly_bracket", "extend_paragraph(-1)", "-¶", show=False),
        Binding("y", "screen.copy_quote", "Copy quote"),
        Binding("Y", "screen.copy_quote(True)", "Copy as Markdown", show=False),
        Binding("O", "open_original", "Open original"),
        Binding("L", "show_links", "Links", show=False),
    ]

    hidden_labels: reactive[frozenset[str]] = reactive(HIDDEN_BY_DEFAULT)
    only_matching: reactive[bool] = reactive(False)

    class EntitiesChanged(Message):
        """The open document's entities, or which types are hidden, changed: legend and panel follow."""

        def __init__(self, entities: tuple | None, hidden: frozenset[str]) -> None:
            self.entities = entities
            self.hidden = hidden
            super().__init__()

    class MatchMoved(Message):
        """The current match changed: (1-based) `current` of `total`."""

        def __init__(self, current: int, total: int) -> None:
            self.current = current
            self.total = total
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document: Document | None = None
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None
        self.selection: tuple[int, int] | None = None  # document offsets; survives focus moves
        self._paragraphs: list[Paragraph] = []
        self._starts: list[int] = []
        self._scrolling_to_match = False

    def compose(self):
        yield Static("Choose a document on the left, or press / to search.", classes="-empty")

    # -- showing a document ------------------------------------------------

    async def show(self, document: Document, matches: list[tuple[int, int]] | None = None, notice: str | None = None) -> None:
        """Replace the open document. `matches` are document ranges to mark."""
        self.document = document
        # A plain Content: a str border title would be read as markup, and must not carry escapes.
        self.border_title = Content(safe(document.title[:200], newlines=False))
        text = document.text
        spans = [document.title_span] + list(document.paragraphs)
        headings = {number + 1 for number in document.headings}  # headings index paragraphs; 0 is the title
        links = _links_by_paragraph(document, spans)
        self._paragraphs = [
            Paragraph(
                number,
                span,
                text[span.start : span.end],
                links.get(number),
                classes="-title" if number == 0 else "-heading" if number in headings else "",
            )
            for number, span in enumerate(spans)
        ]
        self._starts = [span.start for span in spans]
        await self.remove_children()
        if notice:
            await self.mount(Static(notice, classes="-notice", markup=False))
        await self.mount_all(self._paragraphs)
        self.matches = sorted(matches or [])
        self.current = None
        self.selection = None
        for paragraph in self._paragraphs:
            self._paint(paragraph)
        self._apply_filter()
        self.scroll_home(animate=False)
        self._announce()
        self._entities_changed()

    async def notice(self, text: str) -> None:
        """A line above the document: it changed or vanished on disk."""
        for old in self.query(".-notice"):
            await old.remove()
        await self.mount(Static(text, classes="-notice", markup=False), before=0)

    def paragraph_of(self, offset: int) -> Paragraph | None:
        index = bisect_right(self._starts, offset) - 1
        return self._paragraphs[index] if 0 <= index < len(self._paragraphs) else None

    def _paint(self, paragraph: Paragraph) -> None:
        entities = (self.document.entities or []) if self.document else []
        current = self.matches[self.current] if self.current is not None else None
        paragraph.paint(entities, self.hidden_labels, self.matches, current, self.selection)

    def _repaint(self, offsets: list[int]) -> None:
        for paragraph in {p for p in map(self.paragraph_of, offsets) if p is not None}:
            self._paint(paragraph)

    def refresh_entities(self, document: Document) -> None:
        """Entities arrived for the open document: restyle in place, keep the scroll."""
        self.document = document
        for paragraph in self._paragraphs:
            self._paint(paragraph)
        self._entities_changed()

    def _entities_changed(self) -> None:
        if self.document is not None:
            self.post_message(self.EntitiesChanged(self.document.entities, self.hidden_labels))

    # -- matches -------------------------------------------------------------

    def set_matches(self, matches: list[tuple[int, int]], current: int | None = None) -> None:
        old = [start for start, _ in self.matches]
        self.matches = sorted(matches)
        self.current = None
        self._repaint(old + [start for start, _ in self.matches])
        self._apply_filter()
        if current is not None and self.matches:
            self.go_to(current)
        else:
            self._announce()

    def go_to(self, index: int) -> None:
        """Make match `index` current and bring it into view (centred)."""
        if not self.matches:
            return
        before = self.matches[self.current][0] if self.current is not None else None
        self.current = index % len(self.matches)
        start, end = self.matches[self.current]
        self._repaint([start] + ([before] if before is not None else []))
        paragraph = self.paragraph_of(start)
        if paragraph is not None:
            paragraph.display = True
            self._scrolling_to_match = True  # until it lands, `v` counts the match as on screen
            self.call_after_refresh(self._scroll_to_match, paragraph, start)
        self._announce()

    def _scroll_to_match(self, paragraph: Paragraph, start: int) -> None:
        width = max(paragraph.content_region.width, 1)
        line = (start - paragraph.span.start) // width  # close enough: wrapping moves it by a line at most
        region = paragraph.region.translate((0, self.scroll_offset.y - self.region.y))
        target = region.y + paragraph.styles.padding.top + line - self.scrollable_content_region.height // 2
        self.scroll_to(y=max(target, 0), animate=False)
        self._scrolling_to_match = False

    def step(self, delta: int) -> bool:
        """Move to the next (1) or previous (-1) match; False at either end."""
        if not self.matches:
            return False
        if self.current is None:
            self.go_to(0 if delta > 0 else len(self.matches) - 1)
            return True
        target = self.current + delta
        if not 0 <= target < len(self.matches):
            return False
        self.go_to(target)
        return True

    def _announce(self) -> None:
        total = len(self.matches)
        current = (self.current + 1) if self.current is not None else 0
        self._show_place()
        self.post_message(self.MatchMoved(current, total))

    def place(self) -> str:
        """Where the reader is in a paged or chaptered original: "p. 4 / 12", "Chapter 2", or ""."""
        document = self.document
        if document is None or not (document.page_starts or document.chapters):
            return ""
        offset = self.cursor_offset()
        page = document.page_at(offset)
        if page is not None:
            return f"p. {page} / {document.pages}" if document.pages else f"p. {page}"
        return safe(document.chapter_at(offset) or "", newlines=False)[:60]

    def _show_place(self) -> None:
        total = len(self.matches)
        current = (self.current + 1) if self.current is not None else 0
        parts = [f"{current} / {total}"] if total else []
        if self.only_matching:
            parts.append("only matching ¶")
        place = self.place()
        if place:
            parts.append(place)
        subtitle = "  ·  ".join(parts)
        if subtitle != str(self.border_subtitle or ""):  # scrolling calls this per line: redraw on change only
            self.border_subtitle = Content(subtitle)  # plain Content: a chapter name is not markup

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self.document is not None and (self.document.page_starts or self.document.chapters):
            self._show_place()  # the page at the top of the view follows scrolling

    # -- entity types and the matching-paragraphs filter -------------------------

    def toggle_label(self, label: str | None) -> None:
        """Show or hide one entity type (None: no such type, nothing to do)."""
        if label is not None:
            self.hidden_labels = self.hidden_labels ^ {label}

    def watch_hidden_labels(self) -> None:
        for paragraph in self._paragraphs:
            self._paint(paragraph)
        self._entities_changed()

    def watch_only_matching(self) -> None:
        self._apply_filter()
        self._announce()

    def _apply_filter(self) -> None:
        keep = {id(p) for p in map(self.paragraph_of, (s for s, _ in self.matches)) if p is not None}
        for paragraph in self._paragraphs:
            paragraph.display = not self.only_matching or paragraph.number == 0 or id(paragraph) in keep

    # -- where the reader is --------------------------------------------------

    def cursor_offset(self) -> int:
        """Where the reader is, for the page in the border and `O`: the current match, else the top of the view."""
        if self.current is not None and self.matches:
            return self.matches[self.current][0]
        return self._top_of_view()

    def _top_of_view(self) -> int:
        paragraphs = self._paragraphs
        if not self.only_matching:  # every paragraph shown, in order: halve (a PDF has thousands)
            first = bisect_right(paragraphs, self.scroll_y, key=lambda p: p.virtual_region.bottom - p.styles.padding.bottom)
            paragraphs = paragraphs[first : first + 1]
        for paragraph in paragraphs:
            if paragraph.display and paragraph.virtual_region.bottom - paragraph.styles.padding.bottom > self.scroll_y:
                top_line = max(int(self.scroll_y) - self._text_top(paragraph), 0)
                return min(paragraph.span.start + top_line * self._text_width(paragraph), paragraph.span.end)
        return 0

    def _text_top(self, paragraph: Paragraph) -> int:
        return paragraph.virtual_region.y + paragraph.styles.padding.top

    def _text_width(self, paragraph: Paragraph) -> int:
        return max(paragraph.content_region.width, 1)

    def _line_of(self, offset: int) -> int | None:
        """The (virtual) line showing `offset`; close enough: wrapping moves it by a line at most."""
        paragraph = self.paragraph_of(offset)
        if paragraph is None or not paragraph.display:
            return None
        return self._text_top(paragraph) + (offset - paragraph.span.start) // self._text_width(paragraph)

    def _on_screen(self, offset: int) -> bool:
        line = self._line_of(offset)
        return line is not None and self.scroll_y <= line < self.scroll_y + self.scrollable_content_region.height

    def action_open_original(self) -> None:
        """`O`: the source file in the system's viewer, at the page the reader is on where it takes one."""
        if self.document is None:
            self.notify("Open a document first.", timeout=2)
            return
        started, message = open_original(self.document, self.cursor_offset())
        self.notify(message, severity="information" if started else "warning", markup=False, timeout=4 if started else 6)

    def action_show_links(self) -> None:
        """The link targets of the paragraph at the reader's place (a mouse shows them on hover)."""
        paragraph = self.paragraph_of(self._cursor())
        targets = [target for _, _, target in paragraph.links] if paragraph is not None else []
        if not targets:
            self.notify("No links in this paragraph", timeout=2)
            return
        shown = [safe(t, newlines=False) for t in targets[:8]]
        more = f"\n… and {len(targets) - 8} more" if len(targets) > 8 else ""
        self.notify("\n".join(shown) + more, title="Links", markup=False, timeout=8)


def _links_by_paragraph(document: Document, spans: list[Span]) -> dict[int, list[tuple[int, int, str]]]:
    """Each link's text range, clipped to the paragraph (0: the title) it is in."""
    starts = [span.start for span in spans]
    found: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, target in document.links:
        number = bisect_right(starts, start) - 1
        if number < 0:
            continue
        span = spans[number]
        start, end = max(start, span.start), min(end, span.end)
        if start < end:
            found.setdefault(number, []).append((start, end, target))
    return found
