"""This folder's saved searches: each one's matches and how many are new since it was last seen.

Enter runs one in the reader with its new documents marked (and they count as seen from then
on); `d` forgets it, `u` brings it back.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from search_index import NotSaved, SavedSearch, SavedSearches, SavedSearchStatus

from ..format import matching, plural
from ..safe_text import safe
from ..widgets.footer import Footer

EMPTY = "No saved searches in this folder yet. Search (/), then ctrl+s saves the search shown."


def saved_prompt(status: SavedSearchStatus) -> Content:
    search = status.search
    new = f"  {status.new} new" if status.new else ""
    seen = f"  seen {search.last_seen.replace('T', ' ')[:16]}" if search.last_seen else ""
    return Content.assemble(
        (safe(search.name, newlines=False), "bold"),
        (new, "bold $success"),
        "\n",
        (f"{safe(search.query, newlines=False)} · {matching(status.total)}{seen}", "$text-muted"),
        (f"\n{status.hint}" if status.hint else "", "$warning"),
    )


class SavedSearchesScreen(Screen[SavedSearchStatus | None]):
    """Dismissed with the saved search to run, or None.

    BINDINGS: Enter runs it, d deletes, u undoes a delete, j/k move, Esc (or S) goes back.
    """

    DEFAULT_CSS = """
    SavedSearchesScreen > #heading { height: 1; padding: 0 1; background: $panel; }
    SavedSearchesScreen > OptionList { height: 1fr; border: none; }
    SavedSearchesScreen > OptionList > .option-list--option { padding: 0 1 1 1; }
    """
    BINDINGS = [
        Binding("escape,S", "dismiss(None)", "Back"),
        Binding("enter", "open", "Run", show=True),
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Loaded(Message):
        def __init__(self, statuses: list[SavedSearchStatus], problem: str | None) -> None:
            self.statuses = statuses
            self.problem = problem
            super().__init__()

    def __init__(self, store: SavedSearches, root: str, index) -> None:
        super().__init__()
        self.store = store
        self.root = root
        self.index = index
        self.statuses: list[SavedSearchStatus] = []
        self.deleted: list[SavedSearch] = []

    def compose(self) -> ComposeResult:
        yield Static("Saved searches…", id="heading", markup=False)
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        statuses = [self.index.saved_status(search) for search in self.store.all(self.root)] if self.index else []
        self.post_message(self.Loaded(statuses, self.store.problem))

    def on_saved_searches_screen_loaded(self, message: Loaded) -> None:
        self.statuses = message.statuses
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(Option(saved_prompt(status)) for status in self.statuses)
        fresh = sum(1 for status in self.statuses if status.new)
        heading = f"Saved searches: {plural(len(self.statuses), 'search', 'searches')}"
        heading += f", {fresh} with new documents" if fresh else ""
        self.query_one("#heading", Static).update(heading if self.statuses else EMPTY)
        if self.statuses:
            options.highlighted = min(highlighted, len(self.statuses) - 1)
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8)

    def _current(self) -> SavedSearchStatus | None:
        index = self.query_one(OptionList).highlighted
        return self.statuses[index] if index is not None and index < len(self.statuses) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        status = self._current()
        if status is not None:
            self.dismiss(status)

    def action_delete(self) -> None:
        status = self._current()
        if status is None:
            return
        if self._write(lambda: self.store.remove(self.root, status.search.name)):
            self.deleted.append(status.search)
            self.notify(f"Saved search “{status.search.name}” deleted: u brings it back", timeout=4)
        self.load()

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", timeout=2)
            return
        if self._write(lambda: self.store.restore(self.deleted[-1])):
            self.deleted.pop()
        self.load()

    def _write(self, write) -> bool:
        try:
            write()
        except NotSaved as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        return True

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
