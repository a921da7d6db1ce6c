"""Search results: ranked hits with the matched words marked in their snippets.

Drawn on the line API, like the document list: new results every keystroke
cost no layout pass and only the visible rows are rendered (an OptionList of
30 two-line options measured ~40 ms per update, as much as the search).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static

from search_index import Hit, SearchResult

from .. import format
from ..palette import MATCH_STYLE
from ..safe_text import safe
from .virtual_list import VirtualList

ROWS_PER_HIT = 4  # title, two lines of snippet, a gap
SNIPPET_LINES = 2


def hits_in_view(rows: int) -> int:
    """How many hits `rows` rows show, the last perhaps in part."""
    return max(1, -(-rows // ROWS_PER_HIT))


def wrap(text: str, width: int, lines: int) -> list[tuple[int, int]]:
    """Greedy word wrap by cells: (start, end) of each line, at most `lines` of them."""
    spans, start = [], 0
    while start < len(text) and len(spans) < lines:
        end, cells = start, 0
        while end < len(text) and cells + cell_len(text[end]) <= width:
            cells += cell_len(text[end])
            end += 1
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        spans.append((start, end))
        start = end + 1 if end < len(text) and text[end] == " " else end
    return spans


def snippet_match(hit: Hit, text: str) -> int:
    """Which of the hit's matches (in document order) its snippet shows first: where opening it lands.

    The snippet is the document's text with line breaks as spaces, perhaps between
    ellipses, so it is found in the text once; without a mark (a title-only hit) the first match.
    """
    matches = sorted(hit.matches)
    if not matches or not hit.snippet_marks:
        return 0
    lead = 1 if hit.snippet.startswith("…") else 0
    excerpt = hit.snippet[lead:].removesuffix("…")
    found = text.replace("\n", " ").find(excerpt)
    if found == -1:
        return 0
    at = found + hit.snippet_marks[0][0] - lead
    return next((i for i, (start, end) in enumerate(matches) if end > at), 0)


def snippet_window(hit: Hit, chars: int) -> tuple[str, list[tuple[int, int]]]:
    """The part of the snippet that fits, starting near its first match, and the marks in it."""
    first = hit.snippet_marks[0][0] if hit.snippet_marks else 0
    start = max(0, min(first - chars // 4, len(hit.snippet) - chars))
    if start:
        space = hit.snippet.find(" ", start, first)
        start = space + 1 if space != -1 else start
    lead = "…" if start else ""
    text = lead + safe(hit.snippet[start:], newlines=False)
    marks = [(s - start + len(lead), e - start + len(lead)) for s, e in hit.snippet_marks if s >= start]
    return text, marks


class HitList(VirtualList):
    DEFAULT_CSS = """
    HitList { background: $surface; scrollbar-gutter: stable; }
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background; }
    HitList > .hit-list--title { text-style: bold; }
    HitList > .hit-list--meta { color: $text-muted; }
    HitList > .hit-list--new { color: $success; text-style: bold; }
    """
    COMPONENT_CLASSES = {"hit-list--cursor", "hit-list--title", "hit-list--meta", "hit-list--new"}
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
    ]  # and VirtualList's: up/down/j/k, home/end/g/G

    cursor_rows = ROWS_PER_HIT
    hits: list[Hit] = []  # replaced, never changed in place

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        self.new_docs: frozenset[str] = frozenset()  # a saved search's documents new since it was last seen
        # (hit, under the cursor) -> its finished rows, for the current width and styles:
        # new results are drawn once, not once per frame.
        self._lines: dict[tuple[int, bool], list[Strip]] = {}
        self._styles: tuple[Style, Style] | None = None  # plain and cursor rows

    def show(self, hits: list[Hit], same_query: bool = False) -> None:
        # The same hits, more of them (typing paused and the full search came in): keep the place.
        extended = bool(self.hits) and [h.doc for h in hits[: len(self.hits)]] == [h.doc for h in self.hits]
        # The same query again (in full, or on a changed index): a cursor the user moved stays on its document.
        under = self.hits[self.cursor].doc if same_query and 0 < self.cursor < len(self.hits) else None
        self.hits = hits
        self._lines.clear()
        self._size_to_hits()
        if not extended:
            self.cursor = next((i for i, hit in enumerate(hits) if hit.doc == under), 0)
            if not self.cursor:
                self.scroll_to(y=0, animate=False)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # focus or theme changed
        self._lines.clear()

    def _row_styles(self) -> tuple[Style, Style]:
        # Worked out once: the widget's style walks its ancestors (~0.1 ms), per row per frame.
        if self._styles is None:
            base = self.rich_style
            self._styles = (base, base + self.get_component_rich_style("hit-list--cursor"))
        return self._styles

    @property
    def item_count(self) -> int:
        return len(self.hits)

    def _rows(self, number: int, width: int) -> list[Strip]:
        key = (number, number == self.cursor)
        if key not in self._lines:
            hit = self.hits[number]
            title_style = self.get_component_rich_style("hit-list--title", partial=True)
            meta_style = self.get_component_rich_style("hit-list--meta", partial=True)
            # The page of the first match, for a PDF: where to look in the original.
            score = (f"  p. {hit.page}" if hit.page is not None else "") + f" {hit.score:.1f}"
            new = "new " if hit.doc in self.new_docs else ""
            title = format.truncate(safe(hit.title, newlines=False), max(width - 2 - len(score) - len(new), 4))
            new_style = self.get_component_rich_style("hit-list--new", partial=True)
            marker = [Segment(new, new_style)] if new else []  # no empty segment: rows as they were
            rows = [Strip([Segment(" "), *marker, Segment(title, title_style), Segment(score, meta_style)])]
            text, marks = snippet_window(hit, (width - 2) * SNIPPET_LINES)
            match_style = Style.parse(MATCH_STYLE)
            lines = wrap(text, width - 2, SNIPPET_LINES)
            for line_number, (start, end) in enumerate(lines):
                if line_number == len(lines) - 1 and end < len(text):
                    end = max(start, end - 1)
                    tail = "…"
                else:
                    tail = ""
                segments, at = [Segment(" ")], start
                for s, e in marks:
                    s, e = max(s, start), min(e, end)
                    if s >= e:
                        continue
                    segments += [Segment(text[at:s]), Segment(text[s:e], match_style)]
                    at = e
                segments += [Segment(text[at:end] + tail)]
                rows.append(Strip(segments))
            rows += [Strip([])] * (ROWS_PER_HIT - len(rows))
            style = self._row_styles()[key[1]]
            self._lines[key] = [row.apply_style(style).crop_extend(0, width, style) for row in rows]
        return self._lines[key]

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        number, line = divmod(row, ROWS_PER_HIT)
        if not 0 <= number < len(self.hits):
            return Strip.blank(width, self._row_styles()[0])
        return self._rows(number, width)[line]

    def on_resize(self) -> None:
        self._lines.clear()
        self._size_to_hits()

    def _size_to_hits(self) -> None:
        # Rows are cut to the width, so only the height scrolls (the full width here
        # overflowed the scrollbar's gutter and showed a horizontal bar). Never less
        # than the view: a new size costs a layout of the whole screen (~10 ms), and
        # while typing, the count of hits on one screen changes with every letter.
        region = self.scrollable_content_region
        self.virtual_size = Size(region.width, max(len(self.hits) * ROWS_PER_HIT, region.height))

    def action_open(self) -> None:
        if self.hits:
            self.post_message(SearchResults.Opened(self.cursor))

    def on_click(self, event: events.Click) -> None:
        number = (self.scroll_offset.y + event.y) // ROWS_PER_HIT
        if 0 <= number < len(self.hits):
            self.cursor = number
            self.action_open()


class SearchResults(Vertical):
    DEFAULT_CSS = """
    SearchResults { height: 1fr; }
    SearchResults > #summary { height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    SearchResults > #summary.-hint { color: $warning; }
    SearchResults > #advice { height: auto; padding: 0 1; color: $warning; display: none; }
    SearchResults > HitList { height: 1fr; }
    """

    class Opened(Message):
        def __init__(self, hit_index: int) -> None:
            self.hit_index = hit_index
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.result: SearchResult | None = None
        self.active = False  # a search is on: these are the results the left pane shows
        self.shown: int | None = None  # which hit the reader shows, if any
        self._advised: str | None = None  # the hint shown under "No documents match"
        self._new: tuple[str, frozenset[str]] | None = None  # (a saved search's query, its new documents)

    def compose(self):
        yield Static("", id="summary", markup=False)
        yield Static("", id="advice", markup=False)  # what to try when nothing matched, wrapped
        yield HitList()

    @property
    def hits(self) -> list[Hit]:
        return self.result.hits if self.result and self.active else []

    # -- which result the reader shows, and n/N across results -------------------

    def clear(self) -> None:
        self.active = False
        self.shown = None

    def follow(self, doc: str | None) -> list[tuple[int, int]] | None:
        """The reader shows `doc`: remember which hit that is; its matches, or None if it is no hit."""
        self.shown = next((i for i, hit in enumerate(self.hits) if hit.doc == doc), None)
        return list(self.hits[self.shown].matches) if self.shown is not None else None

    def neighbour(self, delta: int) -> tuple[int, int] | str:
        """The result after (1) or before (-1) the one shown, and the match to open it at;
        or, when there is none, what to tell the user."""
        hits = self.hits
        if self.shown is None or not hits:
            return "No matches to go to"
        target = self.shown + delta
        if not 0 <= target < len(hits):
            return "Last match of the last result" if delta > 0 else "First match of the first result"
        return target, 0 if delta > 0 else max(len(hits[target].matches) - 1, 0)

    @property
    def highlighted(self) -> int:
        return self.query_one(HitList).cursor

    def show(self, result: SearchResult) -> None:
        same_query = self.active and self.result is not None and self.result.query == result.query
        self.result = result
        self.active = True
        found = format.matching(result.total, result.exact_total)
        new = self._new[1] if self._new is not None and self._new[0] == " ".join(result.query.split()) else frozenset()
        if new:
            found += f", {len(new):,} new"
        hit_list = self.query_one(HitList)
        hit_list.new_docs = new
        summary = self.query_one("#summary", Static)
        # One line, whatever it says: no layout pass on every keystroke.
        summary.update(f"{result.hint} ({found})" if result.hint and result.hits else found, layout=False)
        summary.set_class(bool(result.hint and result.hits), "-hint")
        advice = self.query_one("#advice", Static)
        advised = result.hint if not result.hits else None
        if advised != self._advised:  # a layout pass only when it changes
            self._advised = advised
            advice.update(advised or "")
            advice.display = advised is not None
        hit_list.show(result.hits, same_query)

    def mark_new(self, query: str, docs) -> None:
        """Mark `docs` as new in the results of `query` (a saved search being run), until another query."""
        self._new = (" ".join(query.split()), frozenset(docs))

    def select(self, index: int) -> None:
        self.query_one(HitList).cursor = index

    def focus_hits(self) -> None:
        self.query_one(HitList).focus()
