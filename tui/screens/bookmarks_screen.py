"""Bookmarks of every folder, newest first: Enter opens one at its place, even after its file changed.

This folder's bookmarks are placed through the open index (its text cache: a PDF is not parsed
again); another folder's when opened, in a worker, before the reader switches to that folder.
"""

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

from search_index import Bookmark, BookmarkPlace, Bookmarks, NotSaved, UnreadableFile, place_bookmark, read_bookmark_place

from ..format import plural, truncate
from ..safe_text import safe
from ..widgets.footer import Footer

EMPTY = "No bookmarks yet. In the reader, m sets one at the paragraph you are on (with a note if you like)."
STATUS = {"ok": ("", ""), "moved": ("moved", "$warning"), "changed": ("changed", "$warning"), "missing": ("file gone", "$error")}


def bookmark_prompt(mark: Bookmark, status: str | None) -> Content:
    label, style = STATUS.get(status or "ok", ("", ""))
    where = "title" if not mark.paragraph else f"¶{mark.paragraph}"
    folder = "" if status is not None else f"  in {safe(mark.root, newlines=False)}"
    return Content.assemble(
        (safe(mark.title, newlines=False), "bold"),
        (f"  {where}", "$text-muted"),
        (f"  {label}" if label else "", style),
        (f"\n{safe(mark.note, newlines=False)}" if mark.note else "", "italic"),
        (f"\n{truncate(safe(' '.join(mark.text.split()), newlines=False), 160)}", "$text-muted"),
        (f"\n{mark.created.replace('T', ' ')[:16]}{folder}", "$text-muted"),
    )


class BookmarksScreen(Screen[tuple[BookmarkPlace, Path] | None]):
    """Dismissed with (where the bookmark is now, its folder) to open it, or None.

    BINDINGS: Enter opens, d deletes, u undoes a delete, j/k move, Esc (or ') goes back.
    """

    DEFAULT_CSS = """
    BookmarksScreen > #heading { height: 1; padding: 0 1; background: $panel; }
    BookmarksScreen > OptionList { height: 1fr; border: none; }
    BookmarksScreen > OptionList > .option-list--option { padding: 0 1 1 1; }
    """
    BINDINGS = [
        Binding("escape,apostrophe", "dismiss(None)", "Back"),
        Binding("enter", "open", "Open", show=True),
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Loaded(Message):
        def __init__(self, marks: list[Bookmark], places: dict[str, BookmarkPlace], problem: str | None) -> None:
            self.marks = marks
            self.places = places  # this folder's, by bookmark id
            self.problem = problem
            super().__init__()

    class Placed(Message):
        def __init__(self, place: BookmarkPlace) -> None:
            self.place = place
            super().__init__()

    def __init__(self, book: Bookmarks, root: Path, index) -> None:
        super().__init__()
        self.book = book
        self.root = root
        self.index = index
        self.marks: list[Bookmark] = []
        self.places: dict[str, BookmarkPlace] = {}
        self.deleted: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        yield Static("Bookmarks…", id="heading", markup=False)
        yield OptionList()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="bookmarks-load")
    def load(self) -> None:
        marks = self.book.all()
        places = {}
        for mark in marks:
            if self.index is not None and Path(mark.root) == self.root:
                try:
                    document = self.index.open_document(mark.doc) if self.index.info(mark.doc) else None
                except (OSError, UnreadableFile):
                    document = None
                places[mark.id] = place_bookmark(mark, document)
        self.post_message(self.Loaded(marks, places, self.book.problem))

    def on_bookmarks_screen_loaded(self, message: Loaded) -> None:
        self.marks, self.places = message.marks, message.places
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(Option(bookmark_prompt(m, self._status(m))) for m in self.marks)
        self.query_one("#heading", Static).update(
            f"Bookmarks: {plural(len(self.marks), 'bookmark')}, newest first" if self.marks else EMPTY
        )
        if self.marks:
            options.highlighted = min(highlighted, len(self.marks) - 1)
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8)

    def _status(self, mark: Bookmark) -> str | None:
        place = self.places.get(mark.id)
        return place.status if place is not None else None  # None: another folder's

    def _current(self) -> Bookmark | None:
        index = self.query_one(OptionList).highlighted
        return self.marks[index] if index is not None and index < len(self.marks) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        mark = self._current()
        if mark is None:
            return
        if mark.id in self.places:
            self._go(self.places[mark.id])
        else:
            self.notify(f"Opening {safe(mark.doc, newlines=False)} in {safe(mark.root, newlines=False)}…", timeout=2)
            self._place_elsewhere(mark)

    @work(thread=True, exclusive=True, group="bookmarks-open")
    def _place_elsewhere(self, mark: Bookmark) -> None:
        self.post_message(self.Placed(read_bookmark_place(mark)))

    def on_bookmarks_screen_placed(self, message: Placed) -> None:
        self._go(message.place)

    def _go(self, place: BookmarkPlace) -> None:
        folder = Path(place.bookmark.root)
        if place.status == "missing":
            self.notify(f"Its document is gone: {place.bookmark.path or place.bookmark.doc}. The bookmark is kept.",
                        severity="warning", timeout=6)
        elif not folder.is_dir():
            self.notify(f"Its folder is gone: {folder}. The bookmark is kept.", severity="warning", timeout=6)
        else:
            self.dismiss((place, folder))

    def action_delete(self) -> None:
        mark = self._current()
        if mark is None:
            return
        if self._write(lambda: self.book.delete(mark.id)):
            self.deleted.append(mark)
            self.notify("Bookmark deleted: u brings it back", timeout=4)
        self.load()

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", timeout=2)
            return
        if self._write(lambda: self.book.add(self.deleted[-1])):  # the same id and date: back in its place
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
