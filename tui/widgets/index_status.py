"""The status line: indexing progress, then what is indexed."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from search_index import PHASES


class IndexStatus(Horizontal):
    DEFAULT_CSS = """
    IndexStatus { height: 1; padding: 0 1; background: $panel; }
    IndexStatus > #label { width: auto; margin-right: 2; }
    IndexStatus > ProgressBar { width: 40; }
    IndexStatus.-idle > ProgressBar { display: none; }
    IndexStatus.-problem > #label { color: $warning; }
    """

    def compose(self):
        yield Static("Opening the index…", id="label", markup=False)
        yield ProgressBar(show_eta=False, show_percentage=True)

    def progress(self, phase: str, done: int, total: int) -> None:
        self.set_class(False, "-idle", "-problem")
        label = PHASES.get(phase, phase)
        self.query_one("#label", Static).update(f"{label} {done}/{total}" if total else f"{label}…")
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def idle(self, text: str, problem: bool = False) -> None:
        self.set_class(True, "-idle")
        self.set_class(problem, "-problem")
        self.query_one("#label", Static).update(text)
