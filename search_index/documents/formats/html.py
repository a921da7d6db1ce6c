"""HTML: the article's main text through trafilatura, else the page's visible text.

trafilatura (Apache-2.0 since 1.8; pinned >=2) scores best of the open
extractors on the article-extraction benchmark and also finds the author and
publication date (meta tags, <time>, JSON-LD). Its XML output keeps headings,
paragraphs, list items and link targets apart; `blocks.pieces` reads it with
the rule EPUB shares (a block's own text once). Before it runs, `html_prune`
takes out what trafilatura keeps but no reader sees (hover cards, teaser
boxes) and joins an article body split by advertisements. The title is chosen
by `html_title` from what the page itself says its site is called.
"""

from __future__ import annotations

from . import html_prune, html_title
from .blocks import pieces
from .record import Builder, Extracted, ExtractionFailed, iso_date

VERSION = 2  # of what this reader gives: a change re-extracts cached pages (see text_store)
# trafilatura's XML: block elements and what they are; <lb/> is a line break inside one.
_TRAFILATURA_KINDS = {"head": "heading"} | dict.fromkeys(
    ("p", "item", "quote", "code", "cell", "row", "list", "table", "main", "comments"), "paragraph"
)


def _main_text(data: bytes) -> tuple[Builder, dict]:
    import trafilatura
    from lxml import etree

    builder = Builder("html")
    tree = trafilatura.load_html(data)
    if tree is None:
        return builder, {}
    title_tree = trafilatura.load_html(data)  # trafilatura prunes the tree it is given
    html_prune.prune(tree)
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        with_metadata=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        # Only dates the page states: a guess from a copyright line would sort it wrongly.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        return builder, {"tree": title_tree}
    root = etree.fromstring(
        xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    meta: dict = {key: root.get(key) for key in ("title", "author", "date", "sitename")}
    meta["tree"] = title_tree
    main = root.find("main")
    if main is not None:
        for piece in pieces(
            main,
            kind_of=lambda name, element: _TRAFILATURA_KINDS.get(name),
            skip=lambda name, element: name in ("graphic", "fw"),
            space=lambda name, element: name == "lb",
            target_of=lambda name, element: element.get("target") if name == "ref" else None,
        ):
            builder.add(piece.text, piece.kind, links=piece.links)
    return builder, meta


def visible_text(data: bytes) -> Builder:
    """The page's visible text, a paragraph per block element: never its markup."""
    import lxml.html

    builder = Builder("html")
    try:
        tree = lxml.html.document_fromstring(data)
    except Exception:  # noqa: BLE001 - lxml raises several types for junk
        return builder
    body = tree.find("body")
    for piece in pieces(body if body is not None else tree):
        builder.add(piece.text, piece.kind)
    return builder


def read(path, data: bytes) -> Extracted:
    if not data.strip():
        raise ExtractionFailed("empty file")
    builder, meta = _main_text(data)
    if not len(builder):
        builder = visible_text(data)
    if not len(builder):
        raise ExtractionFailed("no text in this HTML page")
    tree = meta.get("tree")
    title = html_title.choose(tree, meta.get("title"), meta.get("sitename")) if tree is not None else None
    return builder.build(
        title=title, date=iso_date(meta.get("date")), author=meta.get("author") or None
    )

