"""One corpus entity in detail: its documents (ranked), when it appears, and with whom.

Read by its own worker (an entity in every document of 100,000 costs ~tens of
ms in `co_occurring`); a newer entity's details replace an older one's, never
the reverse. Enter on a document posts `DocumentChosen`.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from search_index import CorpusEntity, EntityDocument, Index

from .. import format
from ..format import truncate
from ..palette import entity_style
from ..safe_text import safe

DOCUMENTS = 500  # the list shows the entity's 500 most mentioning documents
WITH = 8


def months_between(timeline: list[tuple[str, int]]) -> list[int]:
    """Documents per month from the first month to the last, months without any as 0."""
    if not timeline:
        return []
    counts = dict(timeline)
    year, month = map(int, timeline[0][0].split("-"))
    last = timeline[-1][0]
    series = []
    while True:
        key = f"{year:04d}-{month:02d}"
        series.append(counts.get(key, 0))
        if key >= last or len(series) > 1200:  # a century of months at most: a bad date cannot run away
            return series
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class EntityDocuments(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class EntityDetail(Vertical):
    DEFAULT_CSS = """
    EntityDetail { background: $surface; padding: 0 0 0 1; }
    EntityDetail > #entity-heading { text-style: bold; }
    EntityDetail > .muted { color: $text-muted; }
    EntityDetail > Sparkline { height: 1; margin: 0 1 0 0; }
    EntityDetail > EntityDocuments, EntityDetail > EntityDocuments:focus { height: 1fr; border: none; padding: 0; }
    EntityDetail > #entity-with { height: auto; max-height: 3; color: $text-muted; }
    """

    class DocumentChosen(Message):
        def __init__(self, entity: CorpusEntity, doc: str) -> None:
            self.entity = entity
            self.doc = doc
            super().__init__()

    class Loaded(Message):
        """(Internal) an entity's details, from the worker."""

        def __init__(self, generation: int, entity, documents, timeline, together) -> None:
            self.generation, self.entity, self.documents = generation, entity, documents
            self.timeline, self.together = timeline, together
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entity: CorpusEntity | None = None
        self.documents: list[EntityDocument] = []
        self.generation = 0

    def compose(self) -> ComposeResult:
        yield Static("Enter on an entity: its documents", id="entity-heading")
        yield Static("", id="entity-aliases", classes="muted")
        yield Sparkline([], id="entity-timeline")
        yield Static("", id="entity-months", classes="muted")
        yield EntityDocuments(id="entity-documents")
        yield Static("", id="entity-with")

    def show(self, index: Index, entity: CorpusEntity) -> None:
        self.generation += 1
        self.entity = entity
        self.query_one("#entity-heading", Static).update(
            Content.assemble((f" {entity.label} ", entity_style(entity.label)), " ", safe(entity.canonical, newlines=False))
        )
        self._load(index, entity, self.generation)

    @work(thread=True, exclusive=True, group="entity-detail")
    def _load(self, index: Index, entity: CorpusEntity, generation: int) -> None:
        documents = index.entity_documents(entity.key, DOCUMENTS)
        timeline = index.entity_timeline(entity.key)
        together = index.co_occurring(entity.key, WITH)
        self.post_message(self.Loaded(generation, entity, documents, timeline, together))

    def on_entity_detail_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return  # details of an entity chosen before the current one
        entity = message.entity
        self.documents = message.documents
        counts = f"{format.documents(entity.documents)}, {format.plural(entity.mentions, 'mention')}"
        aliases = [a for a in entity.aliases if a != entity.canonical]
        also = f" · also {', '.join(safe(a, newlines=False) for a in aliases[:4])}" if aliases else ""
        self.query_one("#entity-aliases", Static).update(Content(counts + also))
        series = months_between(message.timeline)
        sparkline = self.query_one(Sparkline)
        sparkline.data = series
        sparkline.display = bool(series)
        months = self.query_one("#entity-months", Static)
        months.display = bool(series)
        if series:
            first, last = message.timeline[0][0], message.timeline[-1][0]
            months.update(Content(f"documents per month, {first} – {last}" if first != last else f"documents in {first}"))
        options = self.query_one(EntityDocuments)
        options.clear_options()
        options.add_options(self._option(document) for document in self.documents)
        if self.documents:
            options.highlighted = 0
        together = ", ".join(f"{safe(other.canonical, newlines=False)} ({shared})" for other, shared in message.together)
        self.query_one("#entity-with", Static).update(Content(f"With: {together}" if together else ""))

    def _option(self, document: EntityDocument) -> Option:
        width = max(self.size.width - 20, 10)
        title = truncate(safe(document.title, newlines=False), width)
        return Option(
            Content.assemble(title.ljust(width), (f" {document.date or '':>10}", "dim"), (f" {document.mentions:>4}×", "dim"))
        )

    def focus_documents(self) -> None:
        self.query_one(EntityDocuments).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.entity is not None and event.option_index < len(self.documents):
            self.post_message(self.DocumentChosen(self.entity, self.documents[event.option_index].doc))
