"""Opening a document's original file in the system's viewer (the reader's `O`).

The engine says which command opens it (`search_index.open_command`: a PDF viewer
that takes a page, else xdg-open / open); this runs it detached: its own session,
no terminal streams (a viewer writing to our tty would tear the screen), never
waited for on the UI thread. Finished viewers are reaped at the next open.
"""

from __future__ import annotations

import subprocess

from search_index import Document, open_command

_running: list[subprocess.Popen] = []


def open_original(document: Document, offset: int) -> tuple[bool, str]:
    """Start the viewer on `document` at the page holding `offset`; (started, what to tell the user)."""
    _running[:] = [proc for proc in _running if proc.poll() is None]
    page = document.page_at(offset)
    command = open_command(document.path, page)
    if not command.available:
        return False, command.reason or "No viewer to open the original with."
    try:
        _running.append(
            subprocess.Popen(
                command.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
    except OSError as error:
        return False, f"Could not start {command.argv[0]}: {error.strerror or error}"
    where = f" at p. {page}" if page is not None and str(page) in command.argv else ""  # the viewer took the page
    return True, f"Opening {document.path.name}{where} with {command.argv[0]}"
