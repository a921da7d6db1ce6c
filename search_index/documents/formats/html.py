"""HTML: the article's main text through trafilatura, else the page's visible text.

trafilatura (Apache-2.0 since 1.8; pinned >=2) scores best of the open
extractors on the article-extraction benchmark (F1 0.945) and also finds the
title, author and publication date (meta tags, <time>, JSON-LD). Its XML
output keeps headings, paragraphs, list items and link targets apart.
"""

from __future__ import annotations

import re

from .record import BLOCK_TAGS, Builder, Extracted, ExtractionFailed, clean, iso_date

_SITE_TAIL = re.compile(r"\s+(?:\||·|»|::)\s+[^|·»]{1,60}$")
_BLOCKS = {"head", "p", "item", "quote", "code", "cell"}
# Without trafilatura's main text: every block element breaks a paragraph, rows and sections too.
_FALLBACK_BLOCKS = (*BLOCK_TAGS, "tr", "br", "section", "article")
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
)


def title_without_site(title: str | None) -> str | None:
    """ "Story | Site name" -> "Story"."""
    if not title:
        return None
    return _SITE_TAIL.sub("", title).strip() or title.strip()


def _text_and_links(element) -> tuple[str, list[tuple[int, int, str]]]:
    """An element's text with its <ref> ranges; whitespace collapsed as clean() does."""
    out: list[str] = []
    links: list[tuple[int, int, str]] = []

    def walk(node) -> None:
        start = sum(len(piece) for piece in out)
        if node.text:
            out.append(node.text)
        for child in node:
            if child.tag == "lb":
                out.append(" ")
            else:
                walk(child)
            if child.tail:
                out.append(child.tail)
        if node.tag == "ref" and node.get("target"):
            links.append((start, sum(len(piece) for piece in out), node.get("target")))

    walk(element)
    raw = "".join(out)
    if links and clean(raw) != raw:
        # Offsets would shift when cleaning: map each raw offset to its cleaned one.
        mapping: list[int] = []
        cleaned: list[str] = []
        last_space = True
        for char in raw:
            mapping.append(len(cleaned))
            if char.isspace():
                if not last_space:
                    cleaned.append(" ")
                last_space = True
            else:
                cleaned.append(char)
                last_space = False
        mapping.append(len(cleaned))
        lead = len("".join(cleaned)) - len("".join(cleaned).lstrip())
        links = [(mapping[s] - lead, mapping[e] - lead, t) for s, e, t in links]
        raw = "".join(cleaned).strip()
        links = [(max(0, s), min(len(raw), e), t) for s, e, t in links if e > s]
    return raw, links


def _main_text(data: bytes) -> tuple[Builder, dict]:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        data,
        output_format="xml",
        with_metadata=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        # Only dates the page states: a guess from a copyright line would sort it wrongly.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    builder = Builder("html")
    if not xml:
        return builder, {}
    root = etree.fromstring(
        xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    meta = {key: root.get(key) for key in ("title", "author", "date", "sitename")}
    main = root.find("main")
    for element in main.iter(*_BLOCKS) if main is not None else ():
        if element.tag == "quote" and element.find("p") is not None:
            continue  # its paragraphs come on their own
        if element.tag == "item" and any(child.tag == "p" for child in element):
            continue
        text, links = _text_and_links(element)
        builder.add(
            text, "heading" if element.tag == "head" else "paragraph", links=links
        )
    return builder, meta


def visible_text(data: bytes) -> Builder:
    """The page's visible text, one block per line of layout: never its markup."""
    import lxml.html

    builder = Builder("html")
    try:
        tree = lxml.html.document_fromstring(data)
    except Exception:  # noqa: BLE001 - lxml raises several types for junk
        return builder
    for element in list(tree.iter(*_INVISIBLE)):
        element.drop_tree()
    for element in tree.iter(*_FALLBACK_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    for line in tree.text_content().split("\n"):
        builder.add(line)
    return builder


def read(path, data: bytes) -> Extracted:
    if not data.strip():
        raise ExtractionFailed("empty file")
    builder, meta = _main_text(data)
    if not len(builder):
        builder = visible_text(data)
    if not len(builder):
        raise ExtractionFailed("no text in this HTML page")
    title = title_without_site(meta.get("title"))
    if not title:
        title = _page_title(data)
    return builder.build(
        title=title, date=iso_date(meta.get("date")), author=meta.get("author") or None
    )


def _page_title(data: bytes) -> str | None:
    match = re.search(
        rb"<title[^>]*>(.*?)</title>", data[:65536], re.DOTALL | re.IGNORECASE
    )
    if not match:
        return None
    import html

    return title_without_site(html.unescape(match.group(1).decode("utf-8", "replace")))
