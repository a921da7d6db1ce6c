"""The legend: each entity type in the open document, its colour and count; click or 1-9 to toggle.

One line, always there (reserved before the entity phase reaches the document,
so the text below never jumps). When the types do not fit the width, their
names are shortened ("CARDINAL" -> "CARD"), then the last ones give way to "+N".
"""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from textual.containers import HorizontalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from search_index import Entity

from ..palette import entity_style

SHORT = 4  # letters kept of a type's name when the full names do not fit


def item_text(key: int, label: str, count: int, short: bool) -> tuple[str, str, str]:
    name = label[:SHORT] if short else label
    return (f"{key}" if key <= 9 else " ", f" {name} ", f" {count}")


def fit(items: list[tuple[str, int]], width: int) -> tuple[bool, int]:
    """(shorten names?, how many items show) for items of (label, count) in `width` cells."""

    def cells(short: bool, n: int) -> int:
        return sum(cell_len("".join(item_text(k, lab, c, short))) + 1 for k, (lab, c) in enumerate(items[:n], start=1))

    for short in (False, True):
        if cells(short, len(items)) <= width:
            return short, len(items)
    shown = len(items)
    while shown and cells(True, shown) + len(f"+{len(items) - shown}") > width:
        shown -= 1
    return True, shown


class LegendItem(Static):
    DEFAULT_CSS = """
    LegendItem { width: auto; margin-right: 1; }
    LegendItem.-hidden { text-style: strike; opacity: 0.6; }
    """

    def __init__(self, key: int, label: str, count: int, hidden: bool, short: bool = False) -> None:
        super().__init__(classes="-hidden" if hidden else "")
        self.label = label
        number, name, total = item_text(key, label, count, short)
        self.update(Content.assemble((number, "dim"), (name, entity_style(label)), total))

    def on_click(self) -> None:
        self.post_message(EntityLegend.Toggled(self.label))


class EntityLegend(HorizontalScroll):
    DEFAULT_CSS = """
    EntityLegend { height: 1; scrollbar-size: 0 0; padding: 0 1; background: $panel; }
    EntityLegend > .-empty, EntityLegend > .-more { color: $text-muted; width: auto; }
    """

    class Toggled(Message):
        def __init__(self, label: str) -> None:
            self.label = label
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels: list[str] = []
        self._counts: Counter[str] | None = None
        self._hidden: frozenset[str] = frozenset()
        self._fitted_to = -1

    def label(self, number: int) -> str | None:
        """The type behind key `number` (1-based), if there is one."""
        return self.labels[number - 1] if 1 <= number <= len(self.labels) else None

    def show(self, entities: tuple[Entity, ...] | list[Entity] | None, hidden: frozenset[str]) -> None:
        self._counts = None if entities is None else Counter(e.label for e in entities)
        self._hidden = hidden
        self.labels = [label for label, _ in self._counts.most_common()] if self._counts else []
        self._draw()

    def on_resize(self) -> None:
        if self.content_region.width != self._fitted_to:
            self._draw()

    def _draw(self) -> None:
        self.remove_children()
        width = self._fitted_to = self.content_region.width
        if self._counts is None:
            self.mount(Static("Entities: waiting for the entity phase…", classes="-empty"))
            return
        if not self.labels:
            self.mount(Static("No named entities found", classes="-empty"))
            return
        items = [(label, self._counts[label]) for label in self.labels]
        short, shown = fit(items, width) if width > 0 else (False, len(items))
        self.mount_all(
            LegendItem(n, label, count, label in self._hidden, short) for n, (label, count) in enumerate(items[:shown], 1)
        )
        if shown < len(items):
            self.mount(Static(f"+{len(items) - shown}", classes="-more"))
