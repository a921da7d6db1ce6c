"""How wide the list and the entity panel are: they give way so the reader keeps room to read.

Measured at 80x24: with the list at 38% and the panel at 34 columns the reader
was 18 columns wide and broke words in two. With the panel open the reader
keeps half the screen, never less than READER_MIN; the list takes what is left
and, below LIST_HIDDEN_BELOW, steps aside until the panel closes.
"""

from __future__ import annotations

from textual.widget import Widget

READER_MIN = 40
LIST_SHARE, LIST_MIN, LIST_MAX = 0.38, 24, 64
LIST_HIDDEN_BELOW = 20  # a list narrower than this shows too little of a title to be worth it
PANEL_WIDE, PANEL_NARROW = 34, 30


def panel_widths(width: int, panel_open: bool) -> tuple[int, int]:
    """(list width, 0 when hidden; panel width) for a screen `width` columns wide."""
    left = min(max(int(width * LIST_SHARE), LIST_MIN), LIST_MAX)
    if not panel_open:
        return left, 0
    panel = PANEL_WIDE if width >= 120 else PANEL_NARROW
    left = min(left, width - panel - max(READER_MIN, width // 2))
    return (left if left >= LIST_HIDDEN_BELOW else 0), panel


def fit_panels(width: int, left: Widget, panel: Widget) -> None:
    left_width, panel_width = panel_widths(width, bool(panel.display))
    left.display = left_width > 0
    if left_width:
        left.styles.width = left_width
    if panel_width:
        panel.styles.width = panel_width
