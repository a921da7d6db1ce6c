"""What the document list and the hit list share: a row cursor over rows drawn on the line API.

The cursor is clamped to the rows by `validate_cursor`, so no caller clamps;
moving it scrolls just enough to keep its row in view (`cursor_rows` says how
many screen rows one item takes).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class VirtualList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    cursor_rows = 1  # screen rows per item

    @property
    def item_count(self) -> int:
        """How many items the list holds; the cursor stays among them."""
        raise NotImplementedError

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.item_count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        top, height = new * self.cursor_rows, self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif top + self.cursor_rows > self.scroll_offset.y + height:
            self.scroll_to(y=top + self.cursor_rows - height, animate=False)
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()  # the lines are drawn by hand: the cursor row's style follows focus

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.item_count - 1
