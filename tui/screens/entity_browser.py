"""`E`: every entity of the corpus, filtered as you type; Enter shows where one appears.

The screen routes: the filter, the type keys and the sort set the list's query;
the list reads its rows off the UI thread and says when it has counted them; a
chosen entity's details are read by the detail pane. Enter on one of its
documents dismisses the screen with a `BrowserChoice`, which the reader opens
at the entity's first mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from search_index import Index

from .. import format
from ..palette import entity_style
from ..widgets.entity_detail import EntityDetail, EntityDocuments
from ..widgets.entity_table import SORTS, EntityTable, Query
from ..widgets.footer import Footer

# key -> (label asked of the index, what the legend calls it, the colour's label)
TYPES = {
    1: ("PERSON", "people", "PERSON"),
    2: ("GPE", "places", "GPE"),
    3: ("ORG", "orgs", "ORG"),
    4: (None, "all", None),
}


@dataclass(frozen=True)
class BrowserChoice:
    """Open `doc` at the mentions of the entity named `canonical` (`label`)."""

    doc: str
    canonical: str
    label: str


class EntityBrowser(Screen[BrowserChoice | None]):
    DEFAULT_CSS = """
    EntityBrowser #filter { height: 1; border: none; padding: 0 1; background: $panel; }
    EntityBrowser #filter:focus { background: $boost; border: none; }
    EntityBrowser #browser-status { height: 1; width: 1fr; padding: 0 1; background: $panel; color: $text-muted; }
    EntityBrowser EntityTable { width: 1fr; min-width: 30; border-right: vkey $panel-lighten-2; }
    EntityBrowser EntityDetail { width: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("o", "cycle_sort", "Sort"),
        Binding("slash", "focus_filter", "Filter", show=False),
        Binding("down", "to_list", "List", show=False),
    ] + [Binding(str(n), f"only({n})", f"Type {n}", show=False) for n in TYPES]

    def __init__(self, index: Index, name: str | None = None) -> None:
        """`name`: the entity to start at (the list filtered to it, it selected, its documents shown)."""
        super().__init__()
        self.index = index
        self.start_name = name
        self.type = 4
        self.sort = SORTS[0]
        self.count: int | None = None

    def compose(self) -> ComposeResult:
        yield Input(self.start_name or "", placeholder="Filter entities by name…", id="filter")
        yield Static(id="browser-status")
        with Horizontal():
            yield EntityTable()
            yield EntityDetail()
        yield Footer()

    @property
    def table(self) -> EntityTable:
        return self.query_one(EntityTable)

    @property
    def detail(self) -> EntityDetail:
        return self.query_one(EntityDetail)

    @property
    def filter(self) -> Input:
        return self.query_one("#filter", Input)

    def on_mount(self) -> None:
        self.table.index = self.index
        self._request(select=self.start_name)
        (self.table if self.start_name else self.filter).focus()

    def _request(self, select: str | None = None) -> None:
        self.table.request(Query(TYPES[self.type][0], self.sort, self.filter.value), select_name=select)
        self.count = None
        self._show_status()

    def _show_status(self) -> None:
        parts: list = []
        for number, (_, name, colour) in TYPES.items():
            style = entity_style(colour) if colour else "reverse"
            parts += [(f"{number}", "bold"), (f" {name} ", style if number == self.type else "dim"), " "]
        count = "…" if self.count is None else format.plural(self.count, "entity", "entities")
        parts += [("o", "bold"), f" sort: {self.sort} · {count}"]
        # One row whatever it says: no layout pass (one costs ~30 ms on this screen, per key).
        self.query_one("#browser-status", Static).update(Content.assemble(*parts), layout=False)

    def reload_entities(self) -> None:
        """New commits in the index: the list reads its rows again (the place in it kept)."""
        self.table.reload()

    # -- routing -------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self.filter.value != self.table.wanted.filter_text:  # not the name the browser opened with
            self._request()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    def on_entity_table_counted(self, message: EntityTable.Counted) -> None:
        self.count = message.count
        self._show_status()

    def on_entity_table_chosen(self, message: EntityTable.Chosen) -> None:
        self.detail.show(self.index, message.entity)
        self.detail.focus_documents()

    def on_entity_detail_document_chosen(self, message: EntityDetail.DocumentChosen) -> None:
        self.dismiss(BrowserChoice(message.doc, message.entity.canonical, message.entity.label))

    # -- keys ------------------------------------------------------------------

    def action_only(self, number: int) -> None:
        """A type key: only that type; again, or 4, all types."""
        self.type = 4 if number == self.type else number
        self._request()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._request()

    def action_focus_filter(self) -> None:
        self.filter.focus()

    def action_to_list(self) -> None:
        self.table.focus()

    def check_action(self, action: str, parameters) -> bool | None:
        # In the filter, digits, `o` and `/` are text; Down leaves it for the list.
        if isinstance(self.focused, Input) and action in ("only", "cycle_sort", "focus_filter"):
            return False
        if action == "to_list":
            return isinstance(self.focused, Input)
        return True

    def action_back(self) -> None:
        if isinstance(self.focused, EntityDocuments):
            self.table.focus()
        else:
            self.dismiss(None)
