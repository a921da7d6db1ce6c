"""Quotes: the exact document text between two offsets, and its citation in a template.

The citation templates (plain and Markdown) can be set in `HOME/config.toml`.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from ..records import Document, Quote

CONFIG_NAME = "config.toml"
TEMPLATE = "“{quote}” — {title} ({doc}, {where})"
MARKDOWN_TEMPLATE = "{quote_block}\n> — [{title}]({path}), {where}"


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
