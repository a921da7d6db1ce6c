"""The index behind the reader: opened off the UI thread, synced in a subprocess, the folder watched.

A widget with nothing to draw, so that it can own workers and timers and
report by message, like any other: the screen routes what it posts.

- `IndexService.Ready` / `Failed`: the index opened, or why not.
- `SyncProgress`, then `SyncFinished` (done, busy or failed): a sync's course.
- `DocumentsChanged`: the index has new commits (throttled while a sync runs).
- `FilesChanged`: files changed on disk (the open document may be among them).
- `DocumentOpened` / `Problem`: a document read for the reader, or why it could not be.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from search_index import (
    SUFFIXES,
    Document,
    Index,
    IndexProblem,
    Progress,
    SearchProcess,
    SyncBusy,
    SyncDone,
    SyncFailed,
    UnreadableFile,
)

from .sync_runner import SyncRunner

LIST_REFRESH_SECONDS = 0.5  # while a sync runs, the list grows at most this often
BUSY_RETRY_SECONDS = 5.0


def mentions_of(document: Document, canonical: str, label: str) -> list[tuple[int, int]]:
    """Where `document` names a corpus entity: its stored entities carry the corpus's name,
    a linked short form ("Aasland") too. Same label first; else any ("US" stored as LOC, listed as GPE)."""
    name = canonical.casefold()
    found = [entity for entity in document.entities or () if entity.canonical.casefold() == name]
    same = [(entity.start, entity.end) for entity in found if entity.label == label]
    return same or [(entity.start, entity.end) for entity in found]


class IndexService(Widget):
    DEFAULT_CSS = "IndexService { display: none; }"

    class Ready(Message):
        """The index opened; `search` answers queries in a process of its own."""

        def __init__(self, index: Index, search: SearchProcess) -> None:
            self.index = index
            self.search = search
            super().__init__()

    class Failed(Message):
        def __init__(self, error: str) -> None:
            self.error = error
            super().__init__()

    class SyncProgress(Message):
        def __init__(self, progress: Progress) -> None:
            self.progress = progress
            super().__init__()

    class SyncFinished(Message):
        def __init__(self, outcome: SyncDone | SyncBusy | SyncFailed) -> None:
            self.outcome = outcome
            super().__init__()

    class DocumentsChanged(Message):
        """New commits: the list's rows, and the open document's entities, may have changed."""

    class FilesChanged(Message):
        def __init__(self, changes: dict[Path, bool]) -> None:
            self.changes = changes  # path -> deleted
            super().__init__()

    class DocumentOpened(Message):
        def __init__(
            self, document: Document, matches: list[tuple[int, int]] | None, first: int | None, scroll_y: float | None
        ) -> None:
            self.document = document
            self.matches = matches
            self.first = first
            self.scroll_y = scroll_y
            super().__init__()

    class Problem(Message):
        """Something the user should hear about that stops nothing."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, root: Path, home: Path | None, sync: bool = True) -> None:
        super().__init__()
        self.root = root
        self.home = home
        self.sync_enabled = sync
        self.index: Index | None = None
        self._search: SearchProcess | None = None
        self._runner: SyncRunner | None = None
        self._sync_again = False
        self._last_refresh = 0.0

    @property
    def syncing(self) -> bool:
        """A sync subprocess is running."""
        return self._runner is not None

    # -- opening ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open-index")
    def open(self) -> None:
        try:
            index = Index(self.root, home=self.home)  # Whoosh loads here, off the UI thread
        except IndexProblem as error:
            self.post_message(self.Failed(str(error)))
            return
        except Exception as error:  # noqa: BLE001 - e.g. SQLite refusing a read-only home: say it, keep running
            self.post_message(self.Failed(f"Cannot open the index: {error}"))
            return
        # Searches run in their own process, which warms its own copy of the index up: this
        # process never loads the searcher, and its UI thread never waits on scoring.
        search = self._search = SearchProcess(index)
        if not self.is_attached:  # the screen went while the index opened: nothing will close it later
            search.close()
            return
        self.post_message(self.Ready(index, search))

    def on_index_service_ready(self, message: Ready) -> None:
        self.index = message.index

    @work(thread=True, exclusive=True, group="open")
    def open_document(
        self,
        doc: str,
        matches: list[tuple[int, int]] | None = None,
        first: int | None = None,
        scroll_y: float | None = None,
        entity: tuple[str, str] | None = None,
    ) -> None:
        """Read `doc` for the reader; posts DocumentOpened (or Problem). A newer call replaces this one.

        `entity`: (canonical, label) of a corpus entity: its mentions become the matches, the first current.
        """
        if self.index is None:
            return
        try:
            document = self.index.open_document(doc)
        except UnreadableFile as error:
            self.post_message(self.Problem(str(error)))
            return
        if entity is not None:
            matches = mentions_of(document, *entity)
            first = 0 if matches else None
        if not get_current_worker().is_cancelled:
            self.post_message(self.DocumentOpened(document, matches, first, scroll_y))

    # -- syncing ------------------------------------------------------------------

    def sync(self) -> None:
        if not self.sync_enabled or self.index is None:
            return
        if self._runner is not None:
            self._sync_again = True  # a change arrived mid-sync: go again when it ends
            return
        # Made here, not in the worker, so that stop() can always reach it.
        self._runner = SyncRunner(self.root, self.index.home)
        self._run_sync(self._runner)

    @work(thread=True, group="sync")
    def _run_sync(self, runner: SyncRunner) -> None:
        worker = get_current_worker()
        try:
            for event in runner.run():
                if worker.is_cancelled:
                    break
                if isinstance(event, Progress):
                    self.post_message(self.SyncProgress(event))
                    if time.monotonic() - self._last_refresh > LIST_REFRESH_SECONDS:
                        self._last_refresh = time.monotonic()
                        self.post_message(self.DocumentsChanged())
                else:
                    self.post_message(self.DocumentsChanged())
                    self.post_message(self.SyncFinished(event))
        finally:
            runner.stop()

    def on_index_service_sync_finished(self, message: SyncFinished) -> None:
        self._runner = None
        if isinstance(message.outcome, SyncBusy):
            self.set_timer(BUSY_RETRY_SECONDS, self.sync)
        elif isinstance(message.outcome, SyncDone) and self._search is not None:
            self._search.warm_up()  # the sync may have merged segments: their terms are new
        if self._sync_again:
            self._sync_again = False
            self.sync()

    def stop(self) -> None:
        """No more syncs; the one running stops (its entity phase resumes next time)."""
        self.sync_enabled = False
        if self._runner is not None:
            self._runner.stop()

    def on_unmount(self) -> None:
        self.stop()
        if self._search is not None:
            self._search.close()

    # -- watching the folder ---------------------------------------------------------

    @work(exclusive=True, group="watch")
    async def watch(self) -> None:
        """Re-sync when files change, and say which changed."""
        from watchfiles import Change, awatch

        try:
            async for changes in awatch(self.root, debounce=400, recursive=True):
                paths = {Path(path): change == Change.deleted for change, path in changes if path.lower().endswith(SUFFIXES)}
                if paths:
                    self.sync()
                    self.post_message(self.FilesChanged(paths))
        except (OSError, RuntimeError) as error:
            self.post_message(self.Problem(f"Not watching the folder for changes: {error}"))

