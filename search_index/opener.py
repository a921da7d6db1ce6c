"""The command that opens a document's original file in the system's viewer.

For the reader's "open original" key: the screen runs the command (without a
shell) and shows `reason` when there is none. Only viewers known to take a page
are given one; the rest open the file at its start.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

# PDF viewers that accept a page on the command line, and how.
_PAGE_VIEWERS = (
    ("zathura", lambda path, page: ["zathura", "--page", str(page), path]),
    ("evince", lambda path, page: ["evince", "--page-index", str(page), path]),
    ("okular", lambda path, page: ["okular", "--page", str(page), path]),
    ("mupdf", lambda path, page: ["mupdf", path, str(page)]),
)


@dataclass(frozen=True)
class OpenCommand:
    argv: tuple[str, ...] = ()
    reason: str | None = None  # why there is no command, for the status line

    @property
    def available(self) -> bool:
        return bool(self.argv)


def open_command(
    path: Path | str, page: int | None = None, platform: str = sys.platform
) -> OpenCommand:
    """argv opening `path` (at `page` where a PDF viewer that takes one is installed)."""
    path = str(path)
    if not Path(path).exists():
        return OpenCommand(reason=f"The file is no longer there: {path}")
    if page and path.lower().endswith(".pdf"):
        for program, build in _PAGE_VIEWERS:
            if shutil.which(program):
                return OpenCommand(tuple(build(path, page)))
    if platform == "darwin" and shutil.which("open"):
        return OpenCommand(("open", path))
    if platform.startswith("win"):
        return OpenCommand(("cmd", "/c", "start", "", path))
    if shutil.which("xdg-open"):
        return OpenCommand(("xdg-open", path))
    return OpenCommand(
        reason="No viewer to open the original with (install xdg-utils, or a PDF viewer)."
    )
