"""One paragraph of the open document.

Its content is exactly the document's text for the paragraph, control
characters made visible and line breaks shown as spaces (one character each,
so a character's place in the widget is its offset from the paragraph's start).
"""

from __future__ import annotations

import re

from textual import events
from textual.content import Content, Span
from textual.geometry import Offset
from textual.message import Message
from textual.selection import Selection
from textual.widgets import Static

from search_index import Entity
from search_index import Span as TextSpan

from ..palette import CURRENT_MATCH_STYLE, MATCH_STYLE, SELECTION_STYLE, entity_style
from ..safe_text import safe


class Paragraph(Static):
    DEFAULT_CSS = """
    Paragraph {
        width: 1fr;
        height: auto;
        padding: 0 2 1 2;
    }
    Paragraph.-title {
        text-style: bold;
        color: $text-primary;
        padding: 1 2 1 2;
    }
    /* A heading of a Markdown, HTML, EPUB or DOCX document: a line of its own, set apart. */
    Paragraph.-heading {
        text-style: bold;
        color: $text-accent;
        padding: 1 2 0 2;
    }
    """

    class Selected(Message):
        """A word (double-click) or the paragraph (triple-click), as document offsets."""

        def __init__(self, start: int, end: int) -> None:
            self.start = start
            self.end = end
            super().__init__()

    def __init__(self, number: int, span: TextSpan, text: str, links: list[tuple[int, int, str]] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.number = number  # 0 is the title
        self.span = span
        self.plain = safe(text, newlines=False)
        # Markdown/HTML link text (document offsets) and its target: underlined, the targets on hover.
        self.links = links or []
        if self.links:
            self.tooltip = Content("\n".join(f"→ {safe(target, newlines=False)}" for _, _, target in self.links))

    def paint(
        self,
        entities: list[Entity],
        hidden: frozenset[str],
        matches: list[tuple[int, int]],
        current: tuple[int, int] | None,
        selection: tuple[int, int] | None = None,
    ) -> None:
        """Redraw with these highlights; all offsets are document offsets."""
        base = self.span.start
        spans = [Span(start - base, end - base, "underline") for start, end, _ in self.links]
        spans += [
            Span(e.start - base, e.end - base, entity_style(e.label))
            for e in entities
            if e.label not in hidden and e.start >= base and e.end <= self.span.end
        ]
        for start, end in matches:
            if start < self.span.end and end > self.span.start:
                style = CURRENT_MATCH_STYLE if (start, end) == current else MATCH_STYLE
                spans.append(Span(max(start, base) - base, min(end, self.span.end) - base, style))
        if selection and selection[0] < self.span.end and selection[1] > self.span.start:
            spans.append(Span(max(selection[0], base) - base, min(selection[1], self.span.end) - base, SELECTION_STYLE))
        self.update(Content(self.plain, spans, strip_control_codes=False))

    def offset_of(self, x: int) -> int:
        """The document offset of character `x` of this paragraph's text."""
        return self.span.start + max(0, min(x, self.span.end - self.span.start))

    def on_click(self, event: events.Click) -> None:
        # Textual selects the whole widget on a double-click and the whole reader on a
        # triple-click; a reader wants the word, then the paragraph.
        if event.chain not in (2, 3):
            return
        length = len(self.plain)
        if event.chain == 3:
            start, end = 0, length
        else:
            _, offset = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
            at = min(offset.x, length - 1) if offset is not None else 0
            words = [m.span() for m in re.finditer(r"[\w’'-]+", self.plain)]
            start, end = next(((s, e) for s, e in words if s <= at < e), (at, min(at + 1, length)))
        # Later, not now: this handler runs before Widget._on_click, which would overwrite it.
        self.call_later(setattr, self.screen, "selections", {self: Selection(Offset(start, 0), Offset(end, 0))})
        self.post_message(self.Selected(self.offset_of(start), self.offset_of(end)))
