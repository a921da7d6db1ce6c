"""Every record that crosses the engine's public face: frozen, plain, free of Whoosh and SQLite.

The app, the CLI and the tests see these and nothing else. A record that needs
changing is replaced (`dataclasses.replace`), never edited: the reader and the
engine can then share one without either seeing the other's changes.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from pathlib import Path

# spaCy label -> search field. `entity` holds every named entity besides.
FIELD_OF_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
}
ENTITY_FIELDS = ("person", "org", "place", "date", "entity")
# Labels that name something; numbers and amounts are not names and are never
# propagated to other mentions.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})

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
class Quotation:
    """Words a document presents as said or written by a source, with the source where it is known.

    `kind` is "direct" (the words between quotation marks) or "indirect" (a reported clause:
    "X said (that) ...", "according to X, ..."). `parts` are the pieces of the quotation
    without its attribution: `"We will," she said, "go on."` is one quotation of two parts,
    and so is one that runs over two paragraphs; `start` and `end` run from the first part
    to the last, offsets into the document's text as everywhere else. `speaker` is the
    canonical name of a person or organisation entity (`label` PERSON or ORG), None when
    the text does not say who (never guessed); `speaker_span` is the mention the attribution
    uses (a name, "he", "the minister"), `cue` the verb or phrase as written ("said",
    "told reporters", "according to"), both None for a quotation attributed by its context.
    """

    text: str  # the parts' words, joined by " … " where an attribution broke them
    kind: str
    start: int
    end: int
    parts: tuple[Span, ...]
    speaker: str | None = None
    label: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None

    def to_json(self) -> dict:
        return {
            "speaker": self.speaker,
            "label": self.label,
            "text": self.text,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "parts": [[p.start, p.end] for p in self.parts],
            "speaker_span": [self.speaker_span.start, self.speaker_span.end] if self.speaker_span else None,
            "cue": self.cue,
        }


@dataclass(frozen=True)
class EntityGroup:
    """All mentions of one entity in a document."""

    canonical: str
    label: str
    mentions: tuple[Entity, ...]

    @property
    def query(self) -> str:
        """The search that finds this entity across the corpus: person:"Shigeru Ishiba"."""
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
    format: str = "text"  # "text", "markdown", "html", "pdf", "epub" or "docx"
    author: str | None = None
    headings: tuple[int, ...] = ()  # indexes into `paragraphs` of the headings
    page_starts: tuple[tuple[int, int], ...] = ()  # (offset, page number) where each page's text begins
    chapters: tuple[tuple[int, str], ...] = ()  # (offset, chapter name) where each chapter begins
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, target) of link text
    pages: int = 0  # page count of a paged format

    def page_at(self, offset: int) -> int | None:
        """The page holding `offset` (1-based), or None for an unpaged format."""
        if not self.page_starts:
            return None
        found = bisect_right([start for start, _ in self.page_starts], offset) - 1
        return self.page_starts[max(found, 0)][1]

    def chapter_at(self, offset: int) -> str | None:
        """The name of the chapter holding `offset`, or None outside chapters or e-books."""
        found = bisect_right([start for start, _ in self.chapters], offset) - 1
        return self.chapters[found][1] if found >= 0 else None

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
    format: str = "text"  # as Document.format: for the list's format marker
    author: str | None = None  # where the document states one
    language: str | None = None  # ISO 639-1 ("en", "ru"), found by the entity phase; None before it, or too short to tell


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
    page: int | None = None  # page of the first match, for paged formats (PDF)

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
                    "page": hit.page,
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
    path: str = ""  # the source file when quoted
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    root: str = ""  # the corpus folder; quotes saved before it was kept derive it from `path`
    last_paragraph: int = 0  # where the quote ends; 0: not recorded (quotes saved before)
    page: int | None = None  # paged formats (PDF): the page the quote starts on
    chapter: str | None = None  # e-books: the chapter it is in

    @property
    def paragraphs(self) -> str:
        """ "¶3", "¶2–3" across paragraphs, "title" for the headline ("title, ¶1–2" beyond it)."""
        first, last = self.paragraph, max(self.last_paragraph, self.paragraph)
        if first == last:
            return f"¶{first}" if first else "title"
        body = f"¶{max(first, 1)}" + (f"–{last}" if last > max(first, 1) else "")
        return f"title, {body}" if not first else body

    @property
    def where(self) -> str:
        """The paragraphs, after the page ("p. 4, ¶3") or chapter ("Chapter 2, ¶3") where known."""
        if self.page is not None:
            return f"p. {self.page}, {self.paragraphs}"
        if self.chapter:
            return f"{self.chapter}, {self.paragraphs}"
        return self.paragraphs

    @property
    def folder(self) -> str:
        """The corpus folder the quote was taken from."""
        if self.root:
            return self.root
        if self.path.endswith("/" + self.doc):
            return self.path[: -len(self.doc) - 1]
        return str(Path(self.path).parent)

    def to_json(self) -> dict:
        keys = ("text", "doc", "title", "paragraph", "start", "end", "created", "path", "id", "last_paragraph", "page", "chapter")
        return {k: getattr(self, k) for k in keys} | {"root": self.folder, "where": self.where}


@dataclass(frozen=True)
class SavedSearch:
    """A search kept for a folder, and the documents it matched when it was last seen."""

    root: str  # the folder
    name: str
    query: str
    created: str  # ISO 8601, UTC
    last_seen: str | None = None
    seen: tuple[str, ...] = ()  # document ids that matched then: anything else matching now is new


@dataclass(frozen=True)
class SavedSearchStatus:
    """A saved search run now: how many documents match, and which of them are new since it was last seen."""

    search: SavedSearch
    total: int
    new_docs: tuple[str, ...] = ()
    hint: str | None = None  # the search's own hint, when it could not run

    @property
    def new(self) -> int:
        return len(self.new_docs)

    def to_json(self) -> dict:
        s = self.search
        new = {"new": self.new, "new_docs": list(self.new_docs)}
        return {"name": s.name, "query": s.query, "total": self.total} | new | {"last_seen": s.last_seen}


@dataclass(frozen=True)
class Bookmark:
    """A place in a document to come back to: a paragraph, found again by its text after an edit."""

    root: str  # the folder
    doc: str
    title: str
    paragraph: int  # 1-based, as in citations; 0 is the title
    start: int  # where the paragraph started when the bookmark was set
    text: str  # the paragraph's text then (its first 1,000 characters): how it is found again
    created: str  # ISO 8601, UTC
    note: str = ""
    path: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def to_json(self) -> dict:
        keys = ("id", "root", "doc", "title", "paragraph", "start", "note", "created", "path")
        return {k: getattr(self, k) for k in keys} | {"excerpt": self.text[:200]}


@dataclass(frozen=True)
class BookmarkPlace:
    """A bookmark against its document now: "ok", "moved" (same text elsewhere), "changed" (the
    paragraph most like it), or "missing" (the document is gone); `start`-`end`: the paragraph to open at."""

    bookmark: Bookmark
    status: str
    start: int = 0
    paragraph: int = 0
    end: int = 0  # the end of the paragraph found
