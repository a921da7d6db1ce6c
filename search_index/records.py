"""Every record that crosses the engine's public face: frozen, plain, free of Whoosh and SQLite.

The app, the CLI and the tests see these and nothing else. A record that needs
changing is replaced (`dataclasses.replace`), never edited: the reader and the
engine can then share one without either seeing the other's changes.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Each phase of a sync, in order, as people read it.
PHASES = {"scan": "Scanning", "text": "Indexing text", "entities": "Finding entities", "compact": "Compacting the index"}


@dataclass(frozen=True)
class Span:
    """A half-open range of character offsets into a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """One mention in a document. `canonical` groups mentions of the same entity."""

    start: int
    end: int
    label: str
    text: str
    canonical: str

    def to_row(self) -> list:
        return [self.start, self.end, self.label, self.canonical]

    @classmethod
    def from_row(cls, text: str, row: list) -> Entity:
        start, end, label, canonical = row
        return cls(start, end, label, text[start:end], canonical)


@dataclass(frozen=True)
class EntityGroup:
    """All mentions of one entity in a document."""

    canonical: str
    label: str
    mentions: tuple[Entity, ...]

    @property
    def query(self) -> str:
        """The search that finds this entity across the corpus: person:"Shigeru Ishiba"."""
        from .entities import FIELD_OF_LABEL  # the label -> field table lives with the rules

        name = " ".join(self.canonical.replace('"', " ").split())
        return f'{FIELD_OF_LABEL.get(self.label, "entity")}:"{name}"'


@dataclass(frozen=True)
class Document:
    """A decoded document. `paragraphs` are spans of `text`; the title is not one."""

    id: str
    path: Path
    title: str
    text: str
    title_span: Span
    paragraphs: tuple[Span, ...]
    size: int
    mtime_ns: int
    sha1: str
    date: str | None = None
    encoding: str = "utf-8"
    note: str | None = None  # e.g. "decoded as cp1252", shown to the user
    words: int = 0
    # Set by Index.open_document: None while the entity phase has not reached it.
    entities: tuple[Entity, ...] | None = None
    stale: bool = False  # the file changed since it was indexed

    def paragraph_at(self, offset: int) -> int:
        """1-based paragraph number holding `offset` (0 for the title)."""
        for number, span in enumerate(self.paragraphs, start=1):
            if offset < span.end:
                return number if offset >= span.start else max(number - 1, 0)
        return len(self.paragraphs)


@dataclass(frozen=True)
class DocumentInfo:
    """What the document list shows of a document, without reading its file."""

    id: str
    title: str
    date: str | None
    size: int
    words: int
    entities_done: bool
    note: str | None = None


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class Progress:
    """How far a sync is: its phase (a key of PHASES) and the count done of the total."""

    phase: str
    done: int
    total: int
    doc: str | None = None


@dataclass(frozen=True)
class SyncReport:
    corpus: str
    documents: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: tuple[SkippedFile, ...] = ()
    entities_pending: int = 0
    entities_done: int = 0
    notes: tuple[SkippedFile, ...] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        data["notes"] = [asdict(s) for s in self.notes]
        return data

    @classmethod
    def from_json(cls, data: dict) -> SyncReport:
        """The inverse of to_json; unknown keys (a newer writer) are ignored."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["skipped"] = tuple(SkippedFile(**s) for s in data.get("skipped", ()))
        known["notes"] = tuple(SkippedFile(**s) for s in data.get("notes", ()))
        return cls(**known)


@dataclass(frozen=True)
class Hit:
    doc: str
    path: str
    title: str
    score: float
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]  # ranges of `snippet` that matched
    matches: tuple[tuple[int, int], ...]  # ranges of the document text that matched

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        out, last = [], 0
        for start, end in self.snippet_marks:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        return "".join(out) + self.snippet[last:]


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    hint: str | None = None
    exact_total: bool = True  # False: `total` is a lower bound
    partial: bool = False  # the time limit cut the search short

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [
                {
                    "doc": hit.doc,
                    "path": hit.path,
                    "title": hit.title,
                    "score": round(hit.score, 4),
                    "snippet": hit.marked_snippet(),
                    "matches": [list(m) for m in hit.matches],
                }
                for hit in self.hits
            ],
            "hint": self.hint,
            "total_exact": self.exact_total,
        }


@dataclass(frozen=True)
class Quote:
    text: str
    doc: str
    title: str
    paragraph: int  # 1-based; 0 is the title
    start: int
    end: int
    created: str  # ISO 8601, UTC
    path: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def where(self) -> str:
        """"¶3", or "title" for a quote from the headline."""
        return f"¶{self.paragraph}" if self.paragraph else "title"

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("text", "doc", "title", "paragraph", "start", "end", "created")}
