"""A one-line question over the screen: a saved search's name, a bookmark's note.

Dismissed with the text typed (Enter; it may be empty) or None (Esc).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskDialog(ModalScreen[str | None]):
    """BINDINGS: Enter keeps the text, Esc cancels."""

    DEFAULT_CSS = """
    AskDialog { align: center middle; }
    AskDialog > Vertical { width: 70; max-width: 90%; height: auto; padding: 1 2; background: $panel; border: tall $accent; }
    AskDialog > Vertical > Static { margin-bottom: 1; }
    AskDialog > Vertical > #keys { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "Input"  # focused as the dialog opens: keys typed at once land in it

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(value=self.value, placeholder=self.placeholder)
            yield Static("Enter: keep · Esc: cancel", id="keys", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
