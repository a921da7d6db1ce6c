"""Saved searches and bookmarks for the reader screen: every write and every run off the UI thread.

A widget with nothing to draw (as `Quoter`), so its workers report by message:

- `SavedService.News`: this folder's saved searches, run after a sync; the screen says how many have
  new documents.
- `SavedService.Said`: a save or a failure to save, in a line for the user (a full disk says so).
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget

from search_index import Bookmarks, Document, NotSaved, SavedSearches, SavedSearchStatus, home_dir, make_bookmark

from .format import matching


def news_line(statuses: list[SavedSearchStatus]) -> str:
    """ "2 saved searches have new documents (S)", or "" when none has."""
    fresh = sum(1 for status in statuses if status.new)
    if not fresh:
        return ""
    return f"{fresh} saved search{'es have' if fresh > 1 else ' has'} new documents (S)"


class SavedService(Widget):
    DEFAULT_CSS = "SavedService { display: none; }"

    class News(Message):
        def __init__(self, statuses: list[SavedSearchStatus]) -> None:
            self.statuses = statuses
            super().__init__()

    class Said(Message):
        def __init__(self, text: str, problem: bool = False) -> None:
            self.text = text
            self.problem = problem
            super().__init__()

    def __init__(self, home: Path | None, root: Path) -> None:
        super().__init__()
        self.home = home
        self.root = root

    @property
    def searches(self) -> SavedSearches:
        return SavedSearches(home_dir(self.home))

    @property
    def bookmarks(self) -> Bookmarks:
        return Bookmarks(home_dir(self.home))

    @work(thread=True, exclusive=True, group="saved-check")
    def check(self, index) -> None:
        """Run this folder's saved searches (after a sync brought documents)."""
        store = self.searches
        statuses = [index.saved_status(search) for search in store.all(str(self.root))]
        if store.problem:
            self.post_message(self.Said(store.problem, problem=True))
        self.post_message(self.News(statuses))

    @work(thread=True, group="saved-write")
    def save_search(self, index, name: str, query: str) -> None:
        found = index.matching(query)
        try:
            self.searches.save(str(self.root), name, query, tuple(found))
        except NotSaved as error:
            self.post_message(self.Said(str(error), problem=True))
            return
        self.post_message(self.Said(f"Saved search “{name}”: {matching(len(found))} now. S lists saved searches."))

    @work(thread=True, group="saved-write")
    def mark_seen(self, index, name: str, query: str) -> None:
        """The user has seen what `name` matches now: none of it is new any more."""
        try:
            self.searches.mark_seen(str(self.root), name, index.matching(query))
        except NotSaved as error:
            self.post_message(self.Said(str(error), problem=True))
            return
        self.check(index)

    @work(thread=True, group="saved-write")
    def bookmark(self, document: Document, offset: int, note: str) -> None:
        mark = make_bookmark(document, offset, note)
        try:
            self.bookmarks.add(mark)
        except NotSaved as error:
            self.post_message(self.Said(str(error), problem=True))
            return
        where = "the title" if not mark.paragraph else f"¶{mark.paragraph}"
        self.post_message(self.Said(f"Bookmarked {where} of “{mark.title}”. ' lists bookmarks."))

    def on_saved_service_said(self, message: Said) -> None:
        message.stop()
        self.notify(message.text, severity="warning" if message.problem else "information", timeout=6 if message.problem else 3)
