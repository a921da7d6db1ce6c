"""The quote book: saved quotes, newest first; open one at its source (in whichever folder),
copy it again, delete it (and undo that with `u`)."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from search_index import Index, Quote, QuoteBook, QuoteState, cite, load_templates, locate, quote_folder

from .. import clipboard
from ..format import plural, truncate
from ..safe_text import safe
from ..widgets.footer import Footer

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


class QuotesScreen(Screen[tuple[QuoteState, Path] | None]):
    """Dismissed with (the quote's state, its folder) to open it, or None."""

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
        Binding("u", "undo", "Undo delete"),
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
        self.deleted: list[Quote] = []  # this visit's deletions, the last one first to come back

    def compose(self) -> ComposeResult:
        yield Static("Quote book", id="heading", markup=False)
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        # Each quote against its document as it is now, in its own folder (the engine's `locate`);
        # this folder's through the open index, whose text cache spares parsing a PDF again.
        self.post_message(self.Loaded([locate(quote, self.index) for quote in self.book.quotes()]))

    def _elsewhere(self, state: QuoteState) -> bool:
        return quote_folder(state.quote).resolve() != self.root

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
        folder = quote_folder(state.quote).resolve()  # the reader's root is resolved too
        if state.status == "missing":
            self.notify(f"Its document is gone: {state.quote.path or state.quote.doc} is no longer there. "
                        "The quote itself is kept.", severity="warning", timeout=6)
            return
        if not folder.is_dir():
            self.notify(f"Its folder is gone: {folder}. The quote itself is kept.", severity="warning", timeout=6)
            return
        self.dismiss((state, folder))

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
        self.deleted.append(state.quote)
        self.notify("Quote deleted: u brings it back", timeout=4)
        self.load()

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", timeout=2)
            return
        self.book.add(self.deleted.pop())  # the same id and date: back in its place
        self.notify("Quote restored", timeout=2)
        self.load()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
