"""The search bar: the query input, and when and how each search runs.

Every keystroke asks for a search; only the newest counts. One generation
counter decides that: the bar bumps it per request, the engine's running
search is cut short (`SearchProcess.cancel_search`), a request waiting in the
slot is replaced rather than queued, and results that come back for an older
generation are dropped here, never shown. One thread serves the slot, so
searches never pile up behind each other; it only waits on the search
process (`search_index.SearchProcess`), where the scoring runs.

Modes (`Mode`): while typing, a screenful of hits in the engine's short time
budget, the word being typed also a prefix; once typing pauses (SETTLE_SECONDS)
or on Enter, the query as `seed-reader search` runs it (no prefix; close
spellings when nothing matches): the reader settles on the CLI's answer.

When the index changes under a query on screen (a sync commits, ends, or
removes documents), `rerun()` searches it again in full, coalesced to one
search per RERUN_SECONDS, and only when no keystroke's search is on its way
(that one reads the new index anyway; a rerun never replaces its results).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from search_index import SearchProcess, SearchResult

RESULT_LIMIT = 30  # three screens of results; each costs a snippet and its match ranges
TYPING_LIMIT = 12  # while typing, at most a screenful: the rest follow once typing pauses
SETTLE_SECONDS = 0.3
RERUN_SECONDS = 0.3  # a sync commits at most every 0.5 s: at most one full search per commit
PLACEHOLDER = '/ search: words  "a phrase"  prefix*  person:"Name"  NOT word'


class Mode(Enum):
    TYPING = "typing"  # as you type, quick: the best hits found within a keystroke's time
    SETTLED = "settled"  # typing paused: the query as the CLI runs it, in full
    SUBMITTED = "submitted"  # Enter: the same, and the screen opens the best hit


@dataclass(frozen=True)
class _Request:
    generation: int
    index: SearchProcess
    text: str
    mode: Mode
    limit: int


class SearchBar(Input):
    """The query field. Set `index` (what searches: `SearchProcess`, or an `Index`) once it is open,
    and `fits` (hits on screen) as the layout changes."""

    class Results(Message):
        """Results for the newest query; older generations never get here."""

        def __init__(self, generation: int, result: SearchResult, mode: Mode) -> None:
            self.generation = generation
            self.result = result
            self.mode = mode
            super().__init__()

    class Cleared(Message):
        """The field was emptied: no search is on."""

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder=PLACEHOLDER, **kwargs)
        self.index: SearchProcess | None = None
        self.fits = TYPING_LIMIT  # hits that fit the results pane, set by the screen on the UI thread
        self.generation = 0
        self._wanted: _Request | None = None  # the one request waiting: newer ones replace it
        self._wake = threading.Condition()
        self._settle: Timer | None = None
        self._rerun: Timer | None = None
        self._waiting = False  # a search for the field's text is queued, running or about to settle
        self._last_mode = Mode.SETTLED

    def on_mount(self) -> None:
        self._serve()

    def on_unmount(self) -> None:
        with self._wake:
            self._wake.notify_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self:
            self.request(event.value, Mode.TYPING)

    def request(self, text: str, mode: Mode) -> None:
        """Search for `text` now; whatever ran or waited before is moot."""
        self.generation += 1
        self._waiting = False
        if self._settle is not None:
            self._settle.stop()
            self._settle = None
        if not text.strip():
            with self._wake:
                self._wanted = None
            self.post_message(self.Cleared())
            return
        if self.index is None:
            return
        limit = min(TYPING_LIMIT, self.fits) if mode is Mode.TYPING else RESULT_LIMIT
        self._waiting, self._last_mode = True, mode
        # A newer search owns the screen: the running one (say, the full pass of the word
        # before this keystroke) stops instead of holding this one up. Cancelled before this
        # request is handed over, so the cancel can only ever reach searches asked before it.
        self.index.cancel_search()
        with self._wake:
            self._wanted = _Request(self.generation, self.index, text, mode, limit)
            self._wake.notify()

    @work(thread=True, group="search")
    def _serve(self) -> None:
        worker = get_current_worker()
        while not worker.is_cancelled:
            with self._wake:
                if self._wanted is None:
                    self._wake.wait(0.5)
                request, self._wanted = self._wanted, None
            if request is None:
                continue
            typing = request.mode is Mode.TYPING
            result = request.index.search(request.text, limit=request.limit, as_you_type=typing, quick=typing)
            self.post_message(self.Results(request.generation, result, request.mode))

    def on_search_bar_results(self, message: Results) -> None:
        if message.generation != self.generation:
            message.stop()  # a newer keystroke's search owns the screen
            return
        if message.mode is Mode.TYPING:
            generation, text = message.generation, message.result.query
            self._settle = self.set_timer(SETTLE_SECONDS, lambda: self._settled(generation, text))
        else:
            self._waiting = False

    def rerun(self) -> None:
        """The index changed: search the field's text again (once for a burst of changes)."""
        if self._rerun is None and self.value.strip() and self.index is not None:
            self._rerun = self.set_timer(RERUN_SECONDS, self._rerun_now)

    def _rerun_now(self) -> None:
        self._rerun = None
        if not self._waiting and self.value.strip():
            self.request(self.value, Mode.SUBMITTED if self._last_mode is Mode.SUBMITTED else Mode.SETTLED)

    def _settled(self, generation: int, text: str) -> None:
        if generation == self.generation:
            self.request(text, Mode.SETTLED)
