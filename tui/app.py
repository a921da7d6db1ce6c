"""The reader app: one screen, a help screen, the command palette."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import textual_fixes  # noqa: F401  (applied on import)
from .idle_gc import CHECK_EVERY, IdleCollector
from .screens.reader_screen import ReaderScreen
from .widgets.document_list import SORTS


class ReaderCommands(Provider):
    """The reader's commands in the palette (ctrl+p)."""

    def _commands(self):
        app: ReaderApp = self.app  # type: ignore[assignment]
        screen = app.reader_screen
        commands = [
            ("Search the folder", screen.action_focus_search, "Focus the search bar (/)"),
            ("Clear search", screen.action_clear_search, "Back to the document list, cursor in the search bar (ctrl+l)"),
            ("Toggle entity panel", screen.action_toggle_entities, "Entities of this document by name (e)"),
            ("Toggle only matching paragraphs", screen.action_toggle_filter, "Hide paragraphs without matches (f)"),
            ("Re-index now", screen.action_reindex, "Sync the folder with its index (r)"),
            ("Skipped files", app.show_skipped, "Files that could not be indexed, and why"),
            ("Entity browser", screen.action_entity_browser, "Every entity in the folder: documents, when, with whom (E)"),
            ("Quote book", screen.action_quotes, "Saved quotes: open at the source, copy again, delete (Q)"),
            ("Save this search", screen.action_save_search, "Keep the search shown, under a name (ctrl+s)"),
            ("Saved searches", screen.action_saved_searches, "This folder's saved searches and what is new (S)"),
            ("Bookmark this paragraph", screen.action_bookmark, "With an optional note (m)"),
            ("Bookmarks", screen.action_bookmarks, "Every folder's bookmarks, newest first (')"),
            ("Copy selection as quote", screen.action_copy_quote, "With its citation (y, ctrl+y)"),
            ("Copy selection as Markdown quote", partial(screen.action_copy_quote, True), "> quote, then the source (Y)"),
            ("Help", app.action_help, "Keys and search syntax (?)"),
        ]
        for sort in SORTS:
            set_sort = partial(setattr, screen.documents, "sort", sort)
            commands.append((f"Sort documents by {sort}", set_sort, f"Sort the list by {sort}"))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class ReaderApp(App):
    TITLE = "seed-reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Priority: the app runs it before it hands the next key to anyone. As a screen
        # binding it ran only once `/` had bubbled up through the focused list, and keys
        # typed right after it had already gone to the list.
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("question_mark", "help", "Help"),
        # ctrl+y works from the search bar too, which swallows a plain `y`.
        Binding("ctrl+y", "copy_quote", "Copy quote", show=False, priority=True),
    ]

    def __init__(self, root: Path, home: Path | None = None, sync: bool = True) -> None:
        """`sync=False` reads the index as it is, without indexing the folder."""
        super().__init__()
        self.root = Path(root).expanduser().resolve()
        self.home = home
        self.sync_enabled = sync
        self.reader_screen = ReaderScreen(self.root, home, sync=sync)
        self.collector = IdleCollector()

    def on_mount(self) -> None:
        self.sub_title = str(self.root)
        self.collector.start()
        self.set_interval(CHECK_EVERY, self.collector.check)
        self.push_screen(self.reader_screen)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.collector.input_seen()
        await super().on_event(event)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("focus_search", "copy_quote"):  # elsewhere (help, the palette's input) they are plain keys
            return self.screen is self.reader_screen
        return True

    def action_focus_search(self) -> None:
        self.reader_screen.action_focus_search()

    def action_copy_quote(self) -> None:
        self.reader_screen.action_copy_quote()

    def open_folder(self, root: Path, doc: str, matches: list[tuple[int, int]] | None = None) -> None:
        """Read another folder (a quote's): its own index and sync, opened at `doc`."""
        old = self.reader_screen
        old.stop_sync()
        if old.index is not None:
            try:
                old.reading_state().save(old.index.location)
            except OSError:
                pass
        self.root = Path(root)
        self.sub_title = str(self.root)
        self.reader_screen = ReaderScreen(self.root, self.home, sync=self.sync_enabled, open_at=(doc, matches))
        self.switch_screen(self.reader_screen)

    def action_help(self) -> None:
        from .screens.help_screen import HelpScreen  # Markdown costs 60 ms at start: load on first use

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_skipped(self) -> None:
        index = self.reader_screen.index
        skipped = index.skipped() if index is not None else []  # what the last sync passed over
        if not skipped:
            self.notify("No files were skipped.")
            return
        lines = [f"{s.path}: {s.reason}" for s in skipped[:12]]
        more = f"\n…and {len(skipped) - 12} more (seed-reader index --json lists all)" if len(skipped) > 12 else ""
        self.notify("\n".join(lines) + more, title=f"{len(skipped)} skipped", timeout=12, markup=False)

    async def action_quit(self) -> None:
        screen = self.reader_screen
        screen.stop_sync()
        if screen.index is not None:
            try:
                screen.reading_state().save(screen.index.location)
            except OSError:
                pass  # a read-only home: nothing to remember, nothing lost
        self.exit()
