"""The status line: indexing progress, then what is indexed."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from search_index import PHASES, Progress, SyncBusy, SyncDone, SyncFailed

from ..format import documents


class IndexStatus(Horizontal):
    DEFAULT_CSS = """
    IndexStatus { height: 1; padding: 0 1; background: $panel; }
    IndexStatus > #label { width: auto; margin-right: 2; }
    IndexStatus > ProgressBar { width: 40; }
    IndexStatus.-idle > ProgressBar { display: none; }
    IndexStatus.-problem > #label { color: $warning; }
    IndexStatus > #news { width: 1fr; content-align: right middle; color: $success; text-style: bold; display: none; }
    """

    def compose(self):
        yield Static("Opening the index…", id="label", markup=False)
        yield ProgressBar(show_eta=False, show_percentage=True)
        yield Static("", id="news", markup=False)  # what saved searches found: "2 saved searches have new documents (S)"

    def news(self, text: str) -> None:
        news = self.query_one("#news", Static)
        news.update(text)
        news.display = bool(text)  # nothing to say: the line is as it was

    def progress(self, progress: Progress) -> None:
        self.set_class(False, "-idle", "-problem")
        label, done, total = PHASES.get(progress.phase, progress.phase), progress.done, progress.total
        self.query_one("#label", Static).update(f"{label} {done}/{total}" if total else f"{label}…")
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def finished(self, outcome: SyncDone | SyncBusy | SyncFailed) -> None:
        """How a sync ended, in a line."""
        if isinstance(outcome, SyncBusy):
            self.idle("Another seed-reader is indexing this folder: showing what it has indexed so far.")
        elif isinstance(outcome, SyncFailed):
            self.idle(outcome.error or "Indexing failed.", problem=True)
        else:
            report = outcome.report
            parts = [documents(report.documents)]
            if report.skipped:
                parts.append(f"{len(report.skipped)} skipped (ctrl+p: Skipped files)")
            if report.entities_pending:
                parts.append(f"{report.entities_pending} awaiting entities")
            self.idle(" · ".join(parts))

    def idle(self, text: str, problem: bool = False) -> None:
        self.set_class(True, "-idle")
        self.set_class(problem, "-problem")
        self.query_one("#label", Static).update(text)
