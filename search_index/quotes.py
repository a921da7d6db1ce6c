"""Quotes: exact document text with its citation, and the quote book that keeps them.

The book is an append-only JSON-lines file. Each record is written with one
`write()` on a file opened for appending, then fsynced: a crash or kill -9
can tear at most the record being written, never an earlier one, and the
loader skips a torn last line. Deleting appends a tombstone.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from .documents import load_text
from .errors import UnreadableFile
from .records import Document, Quote
from .sentences import sentence_spans  # noqa: F401 - where the reader has always found it

BOOK_NAME = "quotes.jsonl"
CONFIG_NAME = "config.toml"
TEMPLATE = "“{quote}” — {title} ({doc}, {where})"
MARKDOWN_TEMPLATE = "{quote_block}\n> — [{title}]({path}), {where}"


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
    text = document.text[start:end]
    # The paragraphs of its first and last characters, not of the whitespace around them.
    first = start + len(text) - len(text.lstrip())
    last = max(first, start + len(text.rstrip()) - 1)
    return Quote(
        text=text,
        doc=document.id,
        title=document.title,
        paragraph=document.paragraph_at(first),
        start=start,
        end=end,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        path=str(document.path),
        root=str(document.path)[: -len(document.id) - 1] if str(document.path).endswith("/" + document.id) else "",
        last_paragraph=document.paragraph_at(last),
        page=document.page_at(start),
        chapter=document.chapter_at(start),
    )


def load_templates(home: Path) -> tuple[str, str]:
    """(plain, markdown) citation templates; `home/config.toml` may set them under [quotes]."""
    try:
        config = tomllib.loads((home / CONFIG_NAME).read_text(encoding="utf-8")).get("quotes", {})
    except (OSError, tomllib.TOMLDecodeError):
        config = {}
    return config.get("template", TEMPLATE), config.get("markdown_template", MARKDOWN_TEMPLATE)


def quote_block(quote: Quote) -> str:
    """The quote as Markdown "> " lines, a lone ">" between its paragraphs.

    A paragraph break in `Document.text` is a blank line in hard-wrapped text
    and Markdown, but a single newline in a text file with a paragraph per line;
    Markdown would run such lines together into one paragraph. Within one
    paragraph (hard-wrapped), a newline stays a line of the same paragraph.
    """
    text = quote.text.strip("\n")
    if "\n\n" in text or quote.paragraph == quote.last_paragraph:
        lines = text.split("\n")
    else:  # a paragraph per line
        lines = "\n\n".join(text.split("\n")).split("\n")
    return "\n".join("> " + line if line.strip() else ">" for line in lines)


def cite(quote: Quote, template: str = TEMPLATE) -> str:
    """The quote in a citation template.

    Fields: quote, quote_block (Markdown "> " lines), title, doc, path, root, id,
    paragraph and last_paragraph (numbers; 0 is the title), where ("¶3", "¶2–3", "title",
    "p. 4, ¶3"), page, chapter, start, end, created.
    """
    fields = asdict(quote) | {"quote": quote.text, "where": quote.where, "quote_block": quote_block(quote)}
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):
        return TEMPLATE.format(**fields)  # a broken user template must not lose the copy


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


def quote_folder(quote: Quote) -> Path:
    """Where the quote's corpus is now.

    A quote from the bundled seeds names them inside the environment it was
    taken in; once that is gone (a new virtualenv, an upgrade) the seeds
    installed now stand in for them.
    """
    from .home import bundled_seeds

    folder = Path(quote.folder)
    if not folder.is_dir() and folder.parts[-2:] == ("search_index", "seeds"):
        return bundled_seeds()
    return folder


def locate(quote: Quote, index=None) -> QuoteState:
    """The quote against its document as it is now, in the folder it came from (see `quote_folder`).

    `index`: the open Index of a folder, if any; a quote from it is read through its
    text cache, so a PDF is not parsed again.
    """
    folder = quote_folder(quote)
    try:
        if index is not None and folder == index.root and index.info(quote.doc) is not None:
            text = index.open_document(quote.doc).text
        else:
            text = load_text(folder / quote.doc)
    except (OSError, UnreadableFile):
        text = None
    return check(quote, text)
