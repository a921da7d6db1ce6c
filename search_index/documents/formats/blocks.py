"""Paragraphs from an element tree: one rule for HTML, EPUB, trafilatura's XML and DOCX.

A block element contributes only its own direct text: the text before, between
and after its block children, each run a paragraph of its own, in document
order; the children come on their own. So a layout cell holding paragraphs is
never read whole and then again paragraph by paragraph, and a `<dd>` holding
`<p>`s never glues their words together ("Readers:AldikoAzardi").

The walk is iterative (lxml's iterwalk): a page nested 10,000 deep is read, not
a RecursionError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .record import clean

# The (X)HTML elements that start a paragraph of their own (containers included: their
# own direct text, if any, is a paragraph; their children come on their own).
HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HTML_BLOCKS = HTML_HEADINGS | {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "text",  # SVG: a <text> element is a paragraph (an EPUB page drawn as SVG)
}
# Never text: scripts, styles, ruby readings (山路<rt>やまみち</rt> is 山路), SVG's tooltips.
HTML_SKIP = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "rt", "rp", "desc", "metadata", "iframe", "object"}
)


def local(tag) -> str | None:
    """The tag's name without its namespace, lower case; None for comments and the like."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else None


def html_kind(name: str, element) -> str | None:
    if name in HTML_HEADINGS:
        return "heading"
    return "paragraph" if name in HTML_BLOCKS else None


def html_space(name: str, element) -> bool:
    """A `<br>`, or an SVG `<tspan>` placed on a line of its own, separates words."""
    return name == "br" or (name == "tspan" and (element.get("x") is not None or element.get("y") is not None))


@dataclass
class Piece:
    """One paragraph or heading: its clean text and its links (ranges of that text)."""

    text: str
    kind: str = "paragraph"
    links: list[tuple[int, int, str]] = field(default_factory=list)


def pieces(
    root,
    kind_of: Callable[[str, Any], str | None] = html_kind,
    skip: Callable[[str, Any], bool] = lambda name, element: name in HTML_SKIP,
    space: Callable[[str, Any], bool] = html_space,
    target_of: Callable[[str, Any], str | None] | None = None,
) -> Iterator[Piece]:
    """Each block's own text, in document order (see the module's docstring).

    `kind_of(name, element)`: "heading" or "paragraph" for a block, None for inline
    content; `skip`: elements whose content is never text (their tail still is);
    `space`: elements that separate words (a line break); `target_of`: a link's target.
    """
    from lxml import etree

    run = _Run()
    kinds: list[str] = ["paragraph"]
    skipped: set[int] = set()
    links: dict[int, tuple[int, int, str]] = {}  # id(element) -> (run number, start, target)
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        name = local(element.tag)
        if event == "start":
            if name is None or skip(name, element):
                skipped.add(id(element))
                walk.skip_subtree()
                continue
            kind = kind_of(name, element)
            if kind is not None:
                yield from run.flush(kinds[-1])
                kinds.append(kind)
            if space(name, element):
                run.add(" ")
            target = target_of(name, element) if target_of else None
            if target:
                links[id(element)] = (run.number, run.length, target)
            run.add(element.text)
        else:
            if id(element) in skipped:
                skipped.discard(id(element))
            else:
                opened = links.pop(id(element), None)
                if opened and opened[0] == run.number and run.length > opened[1]:
                    run.links.append((opened[1], run.length, opened[2]))
                if name is not None and kind_of(name, element) is not None:
                    yield from run.flush(kinds.pop())
            if element is not root:
                run.add(element.tail)
    yield from run.flush(kinds[-1])


@dataclass
class _Run:
    """The text gathered since the last block boundary."""

    parts: list[str] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)
    length: int = 0
    number: int = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def flush(self, kind: str) -> Iterator[Piece]:
        raw = "".join(self.parts)
        links = self.links
        self.parts, self.links, self.length = [], [], 0
        self.number += 1
        if not raw.strip():
            return
        if not links:
            text = clean(raw)
            if text:
                yield Piece(text, kind)
            return
        text, mapped = clean_with_links(raw, links)
        if text:
            yield Piece(text, kind, mapped)


def clean_with_links(raw: str, links: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """`clean(raw)` and the link ranges moved to match it."""
    mapping: list[int] = []
    out: list[str] = []
    last_space = True
    for char in raw:
        mapping.append(len(out))
        if char.isspace():
            if not last_space:
                out.append(" ")
            last_space = True
        elif clean(char):  # controls, soft hyphens and PDFium's marks are dropped, as clean() does
            out.append(char)
            last_space = False
    mapping.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    text = "".join(out)
    moved = [(mapping[s], min(mapping[e], len(text)), target) for s, e, target in links]
    return text, [(s, e, target) for s, e, target in moved if e > s]
