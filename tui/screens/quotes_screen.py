"""The quote book: saved quotes, newest first; open one at its source, copy it again, delete it."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from search_index import Index, Quote, UnreadableFile
from search_index.documents import load_text
from search_index.quotes import QuoteBook, QuoteState, check, cite, load_templates

from .. import clipboard
from ..format import plural, truncate
from ..safe_text import safe

STATUS = {"ok": ("", ""), "moved": ("moved", "$warning"), "changed": ("changed", "$error"), "missing": ("file gone", "$error")}


def quote_prompt(state: QuoteState, elsewhere: bool) -> Content:
    quote = state.quote
    text = safe(" ".join(quote.text.split()), newlines=False)
    text = truncate(text, 200)
    label, style = STATUS[state.status]
    return Content.assemble(
        (f"“{text}”", ""),
        "\n",
        (f"— {safe(quote.title, newlines=False)} ({quote.where})  ", "$text-muted"),
        (quote.created.replace("T", " ")[:16], "$text-muted"),
        (f"  {label}" if label else "", style),
        ("  from another folder" if elsewhere else "", "$text-muted"),
    )


class QuotesScreen(Screen[QuoteState | None]):
    DEFAULT_CSS = """
    QuotesScreen > #heading { height: 1; padding: 0 1; background: $panel; }
    QuotesScreen > OptionList { height: 1fr; border: none; }
    QuotesScreen > OptionList > .option-list--option { padding: 0 1 1 1; }
    """
    BINDINGS = [
        Binding("escape,Q", "dismiss(None)", "Back"),
        Binding("enter", "open", "Open at source", show=True),
        Binding("y", "copy", "Copy again"),
        Binding("d,delete", "delete", "Delete"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, home: Path, root: Path, index: Index | None = None) -> None:
        super().__init__()
        self.index = index  # this folder's: its quotes' text comes from the text cache, not a new parse
        self.book = QuoteBook(home)
        self.home = home
        self.root = root
        self.states: list[QuoteState] = []

    def compose(self) -> ComposeResult:
        yield Static("Quote book", id="heading", markup=False)
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        states = []
        for quote in self.book.quotes():
            states.append(check(quote, self._text_of(quote)))
        self.post_message(self.Loaded(states))

    def _text_of(self, quote: Quote) -> str | None:
        """The quote's document text now: through the index for this folder (a PDF is not parsed again)."""
        try:
            if self.index is not None and Path(quote.path) == self.index.root / quote.doc and self.index.info(quote.doc):
                return self.index.open_document(quote.doc).text
            return load_text(Path(quote.path))
        except (OSError, UnreadableFile):
            return None

    def _elsewhere(self, state: QuoteState) -> bool:
        return not Path(state.quote.path).is_relative_to(self.root)

    class Loaded(Message):
        def __init__(self, states: list[QuoteState]) -> None:
            self.states = states
            super().__init__()

    def on_quotes_screen_loaded(self, message: Loaded) -> None:
        states = self.states = message.states
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(Option(quote_prompt(s, self._elsewhere(s))) for s in states)
        count = len(states)
        self.query_one("#heading", Static).update(
            f"Quote book: {plural(count, 'quote')} · {self.book.path}" if count else
            "Quote book: empty. Select text in the reader (drag, or v / V) and press y."
        )
        if states:
            options.highlighted = min(highlighted, count - 1)

    def _current(self) -> QuoteState | None:
        index = self.query_one(OptionList).highlighted
        return self.states[index] if index is not None and index < len(self.states) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        state = self._current()
        if state is None:
            return
        if self._elsewhere(state):
            self.notify(f"This quote is from another folder: seed-reader {Path(state.quote.path).parent}", timeout=5)
            return
        if state.status == "missing":
            self.notify("Its document is gone from the folder; the quote itself is kept.", severity="warning")
            return
        self.dismiss(state)

    def action_copy(self) -> None:
        state = self._current()
        if state is None:
            return
        try:
            clipboard.copy(self.app, cite(state.quote, load_templates(self.home)[0]))
        except clipboard.TooLarge as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Copied {len(state.quote.text):,} characters", timeout=2)

    def action_delete(self) -> None:
        state = self._current()
        if state is None:
            return
        self.book.delete(state.quote.id)
        self.notify("Quote deleted", timeout=2)
        self.load()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
