"""The entity panel: the open document's entities by canonical name, with mention counts."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from search_index import Entity, EntityGroup, group_entities

from ..format import truncate
from ..palette import entity_style
from ..safe_text import safe


class EntityList(OptionList):
    BINDINGS = [
        Binding("s", "search_corpus", "Search corpus"),
        Binding("b", "browse", "In browser", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def action_search_corpus(self) -> None:
        if self.highlighted is not None:
            self.post_message(EntityPanel.SearchFor(self.parent.groups[self.highlighted].query))

    def action_browse(self) -> None:
        if self.highlighted is not None:
            self.post_message(EntityPanel.Browse(self.parent.groups[self.highlighted]))


class EntityPanel(Vertical):
    DEFAULT_CSS = """
    EntityPanel { width: 34; dock: right; border-left: vkey $panel-lighten-2; background: $surface; }
    EntityPanel > Static { color: $text-muted; padding: 0 1; }
    EntityPanel > EntityList { height: 1fr; border: none; }
    """

    class Chosen(Message):
        """Jump to the mentions of this entity."""

        def __init__(self, group: EntityGroup) -> None:
            self.group = group
            super().__init__()

    class Browse(Message):
        """Show this entity in the corpus's entity browser."""

        def __init__(self, group: EntityGroup) -> None:
            self.group = group
            super().__init__()

    class SearchFor(Message):
        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.groups: list[EntityGroup] = []

    def compose(self):
        yield Static("Enter: jump · s: search corpus")
        yield EntityList()

    def show(self, entities: list[Entity] | None, hidden: frozenset[str]) -> None:
        self.groups = [g for g in group_entities(entities or []) if g.label not in hidden]
        options = self.query_one(EntityList)
        options.clear_options()
        options.add_options(
            Option(
                Content.assemble(
                    (f" {group.label[:6]:<6} ", entity_style(group.label)),
                    " ",
                    truncate(safe(group.canonical, newlines=False), 19),
                    (f" {len(group.mentions)}", "dim"),
                )
            )
            for group in self.groups
        )
        if self.groups:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.groups[event.option_index]))
