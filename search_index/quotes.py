"""Quotes: exact document text with its citation, and the quote book that keeps them.

The book is an append-only JSON-lines file. Each record is written with one
`write()` on a file opened for appending, then fsynced: a crash or kill -9
can tear at most the record being written, never an earlier one, and the
loader skips a torn last line. Deleting appends a tombstone.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .documents import Document, Span

BOOK_NAME = "quotes.jsonl"
CONFIG_NAME = "config.toml"
TEMPLATE = "“{quote}” — {title} ({doc}, {where})"
MARKDOWN_TEMPLATE = "{quote_block}\n> — [{title}]({path}), {where}"
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+|$)")


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


@dataclass(frozen=True)
class QuoteState:
    """A saved quote against the folder as it is now."""

    quote: Quote
    status: str  # "ok", "moved" (found elsewhere in the document), "changed" or "missing"
    start: int | None = None  # where the text is now, when it is there
    end: int | None = None


def make_quote(document: Document, start: int, end: int) -> Quote:
    """The exact document text between two offsets, with where it came from."""
    start, end = max(0, min(start, end)), min(len(document.text), max(start, end))
    return Quote(
        text=document.text[start:end],
        doc=document.id,
        title=document.title,
        paragraph=document.paragraph_at(start),
        start=start,
        end=end,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        path=str(document.path),
    )


def load_templates(home: Path) -> tuple[str, str]:
    """(plain, markdown) citation templates; `home/config.toml` may set them under [quotes]."""
    try:
        config = tomllib.loads((home / CONFIG_NAME).read_text(encoding="utf-8")).get("quotes", {})
    except (OSError, tomllib.TOMLDecodeError):
        config = {}
    return config.get("template", TEMPLATE), config.get("markdown_template", MARKDOWN_TEMPLATE)


def cite(quote: Quote, template: str = TEMPLATE) -> str:
    """The quote in a citation template.

    Fields: quote, quote_block (Markdown "> " lines), title, doc, path,
    paragraph (a number; 0 is the title), where ("¶3" or "title"), start, end, created.
    """
    fields = asdict(quote) | {
        "quote": quote.text,
        "where": quote.where,
        "quote_block": "\n".join("> " + line if line else ">" for line in quote.text.split("\n")),
    }
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return TEMPLATE.format(**fields)  # a broken user template must not lose the copy


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph, as document spans."""
    spans, start = [], paragraph.start
    chunk = text[paragraph.start : paragraph.end]
    for match in _SENTENCE_END.finditer(chunk):
        end = paragraph.start + match.end()
        if end > start:
            spans.append(Span(start, end))
        start = end
        while start < paragraph.end and text[start].isspace():
            start += 1
    if start < paragraph.end:
        spans.append(Span(start, paragraph.end))
    return spans


class QuoteBook:
    def __init__(self, home: Path) -> None:
        self.path = home / BOOK_NAME

    def add(self, quote: Quote) -> None:
        self._append({"quote": asdict(quote)})

    def delete(self, quote_id: str) -> None:
        self._append({"delete": quote_id})

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)  # read: the torn-line check
        try:
            # A torn last line (a writer killed mid-write) must not swallow this record.
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def quotes(self) -> list[Quote]:
        """Every saved quote, newest first."""
        try:
            lines = self.path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return []
        kept: dict[str, Quote] = {}
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn or empty line
            if "quote" in record:
                try:
                    quote = Quote(**record["quote"])
                except TypeError:
                    continue
                kept[quote.id] = quote
            elif "delete" in record:
                kept.pop(record["delete"], None)
        return sorted(kept.values(), key=lambda q: q.created, reverse=True)

    def export(self, fmt: str, markdown_template: str = MARKDOWN_TEMPLATE) -> str:
        quotes = self.quotes()
        if fmt == "json":
            return json.dumps({"quotes": [q.to_json() for q in quotes]}, ensure_ascii=False, indent=2)
        return "\n\n".join(cite(q, markdown_template) for q in quotes) + ("\n" if quotes else "")


def check(quote: Quote, text: str | None) -> QuoteState:
    """Is the quote still where it was? `text` is the document's text now, or None if it is gone."""
    if text is None:
        return QuoteState(quote, "missing")
    if text[quote.start : quote.end] == quote.text:
        return QuoteState(quote, "ok", quote.start, quote.end)
    found = text.find(quote.text)
    if found != -1:
        return QuoteState(quote, "moved", found, found + len(quote.text))
    return QuoteState(quote, "changed")
