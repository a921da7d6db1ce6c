"""What every format reader returns: one frozen record of text and its structure.

Offsets in a record index its `text`, which becomes `Document.text`: the
reader shows exactly this text, and search, entities and quotes point into it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of the extracted text, as a half-open range."""

    start: int
    end: int
    kind: str = "paragraph"  # or "heading"
    page: int | None = None  # 1-based, paged formats only
    chapter: str | None = None  # e-books only


@dataclass(frozen=True)
class Link:
    """A link's text range and where it points (Markdown and HTML)."""

    start: int
    end: int
    target: str


@dataclass(frozen=True)
class Extracted:
    format: str  # "text", "markdown", "html", "pdf", "epub", "docx"
    text: str
    title: tuple[
        int, int
    ]  # range of `text`; (0, 0) when the file has no title of its own
    blocks: tuple[Block, ...] = ()
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    links: tuple[Link, ...] = ()
    encoding: str = "utf-8"
    note: str | None = None
    pages: int = 0  # page count of a paged format

    def to_json(self) -> dict:
        data = asdict(self)
        data["blocks"] = [
            [b.start, b.end, b.kind, b.page, b.chapter] for b in self.blocks
        ]
        data["links"] = [[link.start, link.end, link.target] for link in self.links]
        return data

    @classmethod
    def from_json(cls, data: dict) -> Extracted:
        return cls(
            **{
                **data,
                "title": tuple(data["title"]),
                "blocks": tuple(Block(*row) for row in data["blocks"]),
                "links": tuple(Link(*row) for row in data["links"]),
            }
        )


class ExtractionFailed(Exception):
    """The file cannot be read as its format; the message is the reason users see."""


_SPACE = re.compile(r"\s+")
# C0/C1 controls are data, never terminal commands; the screen escapes them too, but
# extracted text has no use for them (PDFium emits \x02 for a soft hyphen, for one).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """One line of running text: whitespace runs collapsed, controls dropped."""
    return _SPACE.sub(
        " ", _CONTROL.sub("", text.replace("\xad", "").replace("\ufffe", ""))
    ).strip()


def same_words(a: str, b: str) -> bool:
    return clean(a).casefold() == clean(b).casefold()


# What tools put where a title should be: "Title", "untitled", "Microsoft Word - x.doc", a
# slide number, a table of contents' heading. Seen as PDF and DOCX titles on real files.
_PLACEHOLDER = re.compile(
    r"^(?:untitled(?:\s+document)?|no\s+title|title|model|contents|table\s+of\s+contents|"
    r"document\s*\d*|slide\s*\d*|presentation\s*\d*|unknown|none|null|microsoft\s+word\b.*|"
    r".*\.(?:docx?|dotx?|pdf|tex|indd|odt|rtf|txt|html?|qxd|pages))$",
    re.IGNORECASE,
)


def usable_title(title: str | None) -> str | None:
    """The title, or None when it is a placeholder, a file name or a single letter."""
    title = clean(title or "")
    if not title or _PLACEHOLDER.match(title):
        return None
    if sum(char.isalnum() for char in title) < 2 or not any(char.isalpha() for char in title):
        return None  # "D", "a", "1", "—": a letter or a number is no title
    return title


@dataclass
class Builder:
    """Collects blocks in reading order, then lays them out as one text.

    Blocks are separated by a blank line. The title is the first line: the
    first block when it says the title, else the title line is put above it.
    """

    format: str
    parts: list[tuple[str, str, int | None, str | None, list[tuple[int, int, str]]]] = (
        field(default_factory=list)
    )

    def add(
        self,
        text: str,
        kind: str = "paragraph",
        page: int | None = None,
        chapter: str | None = None,
        links: list[tuple[int, int, str]] | None = None,
        raw: bool = False,
    ) -> None:
        """Add a block; `links` are ranges of `text` (already clean) with targets."""
        text = text.strip("\n") if raw else clean(text)
        if text.strip():
            self.parts.append((text, kind, page, chapter, links or []))

    def __len__(self) -> int:
        return len(self.parts)

    def build(self, title: str | None = None, **meta) -> Extracted:
        parts = list(self.parts)
        title = clean(title) if title else None
        lead: str | None = None
        if parts and title and same_words(parts[0][0], title):
            lead = parts.pop(0)[0]
        elif title:
            lead = title
        elif parts and parts[0][1] == "heading":
            lead = parts.pop(0)[0]
        chunks: list[str] = []
        length = 0
        title_span = (0, 0)
        if lead:
            chunks.append(lead)
            title_span = (0, len(lead))
            length = len(lead)
        blocks: list[Block] = []
        links: list[Link] = []
        for text, kind, page, chapter, spans in parts:
            if chunks:
                chunks.append("\n\n")
                length += 2
            chunks.append(text)
            blocks.append(Block(length, length + len(text), kind, page, chapter))
            links += [Link(length + s, length + e, target) for s, e, target in spans]
            length += len(text)
        return Extracted(
            self.format,
            "".join(chunks),
            title_span,
            tuple(blocks),
            links=tuple(links),
            **meta,
        )


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value) -> str | None:
    """YYYY-MM-DD from a date-ish value (ISO string, datetime), or None."""
    if value is None:
        return None
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    match = _ISO.search(str(value))
    return "-".join(match.groups()) if match else None
