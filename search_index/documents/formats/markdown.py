"""Markdown: parsed with markdown-it-py, shown as the text a reader sees.

Front matter becomes metadata, headings headings, each list item and table
row its own paragraph; emphasis and link text stay as plain text, and link
targets are kept beside the text (never in it).
"""

from __future__ import annotations

import re

from .plain import decode_text
from .record import Builder, Extracted, iso_date

_FRONT = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (YAML or TOML style) and the text after it."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).split("\n"):
        found = _FIELD.match(line.strip())
        if found:
            value = found.group(2).strip().strip("'\"")
            if value and value not in ("|", ">"):
                fields[found.group(1).lower()] = value
    return fields, text[match.end() :]


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline(children) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text of an inline token's children, with link ranges."""
    out: list[str] = []
    links: list[tuple[int, int, str]] = []
    length = 0
    open_links: list[tuple[int, str]] = []
    for token in children or ():
        piece = ""
        if token.type in ("text", "code_inline"):
            piece = token.content
        elif token.type in ("softbreak", "hardbreak"):
            piece = " "
        elif token.type == "image":
            piece = token.content or "".join(c.content for c in token.children or ())
        elif token.type == "link_open":
            open_links.append((length, str(token.attrGet("href") or "")))
        elif token.type == "link_close" and open_links:
            start, target = open_links.pop()
            links.append((start, length, target))
        out.append(piece)
        length += len(piece)
    return "".join(out), links


def read(path, data: bytes) -> Extracted:
    text, encoding, note = decode_text(data)
    meta, body = front_matter(text)
    builder = Builder("markdown")
    row: list[str] = []
    heading = cell = False
    for token in _parser().parse(body):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type in ("th_close", "td_close"):
            cell = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            builder.add("  ".join(cell for cell in row if cell))
        elif token.type == "inline":
            plain, links = _inline(token.children)
            if cell:
                row.append(plain.strip())
                continue
            # Links are ranges of the raw inline text; clean() only trims and collapses
            # spaces, so keep them only where cleaning changed nothing.
            stripped = " ".join(plain.split())
            builder.add(
                plain,
                "heading" if heading else "paragraph",
                links=links if stripped == plain else None,
            )
        elif token.type in ("fence", "code_block"):
            builder.add(token.content, raw=True)
        elif token.type == "html_block":
            continue  # markup, not text
    title = meta.get("title")
    if (
        not title
        and builder.parts
        and builder.parts[0][1] != "heading"
        and len(builder.parts[0][0]) <= 200
    ):
        title = builder.parts[0][
            0
        ]  # no heading at all: the first line, as in a .txt file
    return builder.build(
        title=title,
        date=iso_date(meta.get("date")),
        author=meta.get("author") or meta.get("authors"),
        encoding=encoding,
        note=note,
    )
