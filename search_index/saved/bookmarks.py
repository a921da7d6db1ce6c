"""Bookmarks: a paragraph of a document to come back to, with a note, in every folder.

Kept in `HOME/bookmarks.jsonl` (see `journal.py`): {"bookmark": {...}} sets one, {"delete": id}
removes it, and setting it again brings it back (undo). A bookmark keeps its paragraph's text,
so an edit above it (the offsets move) or in it (the text changes a little) still finds it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

from ..records import Bookmark, BookmarkPlace, Document
from .journal import Journal

FILE_NAME = "bookmarks.jsonl"
KEPT_TEXT = 1_000  # characters of the paragraph kept to find it again
SIMILAR = 0.6  # SequenceMatcher ratio above which a changed paragraph is still "the same one"


def make_bookmark(document: Document, offset: int, note: str = "") -> Bookmark:
    """A bookmark at the paragraph holding `offset` (the title, before the first paragraph)."""
    number = document.paragraph_at(offset)
    span = document.paragraphs[number - 1] if number else document.title_span
    root = str(document.path)[: -len(document.id) - 1] if str(document.path).endswith("/" + document.id) else ""
    return Bookmark(
        root=root,
        doc=document.id,
        title=document.title,
        paragraph=number,
        start=span.start,
        text=document.text[span.start : span.end][:KEPT_TEXT],
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        note=" ".join(note.split()),
        path=str(document.path),
    )


def place(bookmark: Bookmark, document: Document | None) -> BookmarkPlace:
    """Where the bookmark is in `document` as it is now (None: the document is gone)."""
    if document is None:
        return BookmarkPlace(bookmark, "missing")
    text = document.text
    spans = [document.title_span, *document.paragraphs]  # numbered as citations: 0 is the title

    def at(status: str, number: int) -> BookmarkPlace:
        span = spans[number]
        return BookmarkPlace(bookmark, status, span.start, number, span.end)

    if text.startswith(bookmark.text, bookmark.start):
        return at("ok", document.paragraph_at(bookmark.start))
    found = text.find(bookmark.text) if bookmark.text else -1
    if found != -1:
        return at("moved", document.paragraph_at(found))
    best, best_ratio = None, SIMILAR
    for number, span in enumerate(spans):
        matcher = SequenceMatcher(None, bookmark.text, text[span.start : span.end][:KEPT_TEXT], autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = number, ratio
    if best is None:  # nothing like it is left: the nearest paragraph by number
        best = min(bookmark.paragraph, len(spans) - 1)
    return at("changed", best)


def read_place(bookmark: Bookmark) -> BookmarkPlace:
    """The bookmark against its file as it is now, read straight from its folder (no index at hand:
    a bookmark of another folder). A PDF or EPUB is parsed again here: call it off the UI thread."""
    from ..documents.folder import read_document, stat_file
    from ..errors import UnreadableFile

    try:
        document = read_document(Path(bookmark.root), stat_file(Path(bookmark.root), bookmark.doc))
    except (OSError, UnreadableFile):
        document = None
    return place(bookmark, document)


class Bookmarks:
    """The bookmarks of every folder, newest first."""

    def __init__(self, home: Path) -> None:
        self.journal = Journal(home / FILE_NAME, "bookmark")

    @property
    def path(self) -> Path:
        return self.journal.path

    def add(self, bookmark: Bookmark) -> None:
        """Raises NotSaved (a full disk, a read-only home): the caller says so."""
        self.journal.append({"bookmark": asdict(bookmark)})

    def delete(self, bookmark_id: str) -> None:
        self.journal.append({"delete": bookmark_id})

    def all(self, root: str | None = None) -> list[Bookmark]:
        """Newest first; `root`: one folder's only."""
        kept: dict[str, Bookmark] = {}
        for record in self.journal.read():
            if "bookmark" in record:
                try:
                    bookmark = Bookmark(**record["bookmark"])
                except TypeError:
                    continue  # written by a newer version: left in the file as it is
                kept[bookmark.id] = bookmark
            elif "delete" in record:
                kept.pop(record["delete"], None)
        found = [b for b in kept.values() if root is None or b.root == root]
        return sorted(found, key=lambda b: b.created, reverse=True)

    @property
    def problem(self) -> str | None:
        """Damaged lines the last read skipped (kept aside), if any."""
        return self.journal.problem
