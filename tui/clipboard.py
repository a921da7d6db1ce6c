"""Copying text where people are: the terminal (OSC 52), tmux, and the desktop's own tool.

OSC 52 goes through Textual, which also keeps `app.clipboard`. Inside tmux a
second copy is wrapped in tmux's passthrough, which reaches the outer
terminal when tmux has `allow-passthrough on`; the plain one sets tmux's own
buffer when it has `set-clipboard on` (its default, `external`, drops it).
Where a desktop clipboard tool exists (wl-copy, xclip, xsel, pbcopy),
pyperclip writes there too.
"""

from __future__ import annotations

import base64
import os
import threading

# tmux 3.3a silently dropped a 1 MB OSC 52 and passed 110 KB: refuse well before that.
MAX_OSC52_BYTES = 100_000


class TooLarge(Exception):
    pass


def copy(app, text: str) -> None:
    """Copy `text`; raises TooLarge, with a message for the user, rather than have it dropped."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(encoded) > MAX_OSC52_BYTES:
        raise TooLarge(
            f"That selection is too large to copy through the terminal ({len(text):,} characters; "
            f"the limit is about {MAX_OSC52_BYTES * 3 // 4:,} bytes). Select less."
        )
    app.copy_to_clipboard(text)
    driver = getattr(app, "_driver", None)  # Textual writes OSC 52 through it; there is no public way
    if os.environ.get("TMUX") and driver is not None:
        driver.write(f"\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\")
    threading.Thread(target=_desktop_copy, args=(text,), daemon=True).start()


def _desktop_copy(text: str) -> None:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.uname().sysname == "Darwin"):
        return
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # noqa: BLE001 - no tool, or it failed: OSC 52 already did the job
        pass
