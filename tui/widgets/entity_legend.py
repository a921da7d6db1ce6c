"""The legend: each entity type in the open document, its colour and count; click to toggle."""

from __future__ import annotations

from collections import Counter

from textual.containers import HorizontalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from search_index import Entity

from ..palette import entity_style


class LegendItem(Static):
    DEFAULT_CSS = """
    LegendItem { width: auto; margin-right: 1; }
    LegendItem.-hidden { text-style: strike; opacity: 0.6; }
    """

    def __init__(self, key: int, label: str, count: int, hidden: bool) -> None:
        super().__init__(classes="-hidden" if hidden else "")
        self.label = label
        self.update(
            Content.assemble(
                (f"{key}" if key <= 9 else " ", "dim"),
                (f" {label} ", entity_style(label)),
                f" {count}",
            )
        )

    def on_click(self) -> None:
        self.post_message(EntityLegend.Toggled(self.label))


class EntityLegend(HorizontalScroll):
    DEFAULT_CSS = """
    EntityLegend { height: 1; scrollbar-size: 0 0; padding: 0 1; background: $panel; }
    EntityLegend > .-empty { color: $text-muted; width: auto; }
    """

    class Toggled(Message):
        def __init__(self, label: str) -> None:
            self.label = label
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels: list[str] = []

    def show(self, entities: list[Entity] | None, hidden: frozenset[str]) -> None:
        self.remove_children()
        if entities is None:
            self.labels = []
            self.mount(Static("Entities: waiting for the entity phase…", classes="-empty"))
            return
        counts = Counter(e.label for e in entities)
        self.labels = [label for label, _ in counts.most_common()]
        if not self.labels:
            self.mount(Static("No named entities found", classes="-empty"))
        self.mount_all(
            LegendItem(number, label, counts[label], label in hidden) for number, label in enumerate(self.labels, start=1)
        )
