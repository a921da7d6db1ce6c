"""Search results: ranked hits with the matched words marked in their snippets."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from search_index import Hit, SearchResult

from ..palette import MATCH_STYLE
from ..safe_text import safe


SNIPPET_CHARS = 120  # about three lines of the results column


def hit_prompt(hit: Hit) -> Content:
    first = hit.snippet_marks[0][0] if hit.snippet_marks else 0
    start = max(0, min(first - 30, len(hit.snippet) - SNIPPET_CHARS))
    if start:
        space = hit.snippet.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = start + SNIPPET_CHARS
    snippet = Content(
        ("…" if start else "") + safe(hit.snippet[start:end], newlines=False) + ("…" if end < len(hit.snippet) else ""),
        [Span(s - start + bool(start), e - start + bool(start), MATCH_STYLE) for s, e in hit.snippet_marks if s >= start and e <= end],
        strip_control_codes=False,
    )
    title = Content.assemble((safe(hit.title, newlines=False), "bold"), (f"  {hit.score:.1f}", "dim"))
    return Content("\n").join([title, snippet])


class HitList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class SearchResults(Vertical):
    DEFAULT_CSS = """
    SearchResults { height: 1fr; }
    SearchResults > #summary { height: auto; padding: 0 1; color: $text-muted; }
    SearchResults > #summary.-hint { color: $warning; }
    SearchResults > HitList { height: 1fr; border: none; }
    SearchResults > HitList > .option-list--option { padding: 0 1 1 1; }
    """

    class Opened(Message):
        def __init__(self, hit_index: int) -> None:
            self.hit_index = hit_index
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.result: SearchResult | None = None

    def compose(self):
        yield Static("", id="summary", markup=False)
        yield HitList()

    @property
    def hits(self) -> list[Hit]:
        return self.result.hits if self.result else []

    def show(self, result: SearchResult) -> None:
        self.result = result
        summary = self.query_one("#summary", Static)
        counted = f"{result.total}" if result.exact_total else f"about {result.total}"
        noun = "document" if result.total == 1 else "documents"
        summary.update(result.hint or (f"{counted} {noun} match" if result.total else "No documents match"))
        summary.set_class(bool(result.hint), "-hint")
        if result.hint and result.hits:
            summary.update(f"{result.hint} ({counted} {noun})")
        hits = self.query_one(HitList)
        hits.clear_options()
        hits.add_options(Option(hit_prompt(hit)) for hit in result.hits)
        if result.hits:
            hits.highlighted = 0

    @property
    def highlighted(self) -> int:
        return self.query_one(HitList).highlighted or 0

    def select(self, index: int) -> None:
        self.query_one(HitList).highlighted = index

    def focus_hits(self) -> None:
        self.query_one(HitList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Opened(event.option_index))
