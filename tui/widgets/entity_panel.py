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
    EntityPanel { display: none; width: 34; dock: right; border-left: vkey $panel-lighten-2; background: $surface; }
    EntityPanel > Static { color: $text-muted; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
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
        self._shown: tuple | None = None  # what show() was given, to redraw at a new width
        self._drawn_width = -1

    def compose(self):
        yield Static("⏎ jump · s search · b browser")
        yield EntityList()

    def show(self, entities: list[Entity] | None, hidden: frozenset[str]) -> None:
        self._shown = (entities, hidden)
        self.groups = [g for g in group_entities(entities or []) if g.label not in hidden]
        options = self.query_one(EntityList)
        highlighted = options.highlighted
        # One line per entity: the name gives way (an ellipsis) before its count does. The
        # room is the list's width less the options' padding (2) and, with more entities than
        # lines, the scrollbar's (2).
        width = self._drawn_width = options.content_region.width
        scrollbar = 2 if len(self.groups) > options.content_region.height else 0
        room = max(width - 2 - scrollbar, 12) if width > 0 else 8 + 19 + 4
        options.clear_options()
        options.add_options(Option(self._prompt(group, room)) for group in self.groups)
        if self.groups:
            options.highlighted = min(highlighted or 0, len(self.groups) - 1)

    @staticmethod
    def _prompt(group: EntityGroup, room: int) -> Content:
        # Type names cut to 4 letters (as in the legend when short of room): a name needs it more.
        label, count = f" {group.label[:4]:<4} ", f" {len(group.mentions)}"
        name = truncate(safe(group.canonical, newlines=False), room - len(label) - 1 - len(count))
        return Content.assemble((label, entity_style(group.label)), " ", name, (count, "dim"))

    def on_resize(self) -> None:
        width = self.query_one(EntityList).content_region.width
        if self._shown is not None and width != self._drawn_width:
            self.show(*self._shown)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.groups[event.option_index]))
