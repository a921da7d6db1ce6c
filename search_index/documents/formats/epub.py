"""EPUB: the spine's content documents in reading order, read with zipfile and lxml.

EbookLib is AGPL, so the container is read here: META-INF/container.xml names
the OPF package, whose metadata gives title and author and whose spine gives
the order. Each spine document's first heading names its chapter.

A spine item that is not XHTML or SVG (a JPEG page of a comic, say) is read
through its manifest fallback when it has one, else passed over: an image is
no text, never a damaged book. SVG pages give their `<text>`. Every document is
read through `blocks.pieces`, the one rule HTML shares: a block's own text once,
ruby readings (`<rt>`, `<rp>`) never.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from .blocks import local, pieces
from .record import Builder, Extracted, ExtractionFailed, clean, iso_date, usable_title
from .zipguard import open_zip, read_member

VERSION = 2  # of what this reader gives: a change re-extracts cached books (see text_store)
_CONTENT = ("application/xhtml+xml", "image/svg+xml", "text/html", "application/x-dtbook+xml")
_CONTENT_SUFFIXES = (".xhtml", ".html", ".htm", ".svg", ".xml")


def _xml(data: bytes, what: str):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ExtractionFailed(f"damaged EPUB: {what}: {error}") from error
    if root is None:
        raise ExtractionFailed(f"damaged EPUB: {what} is empty")
    return root


def _find(root, name: str):
    return [el for el in root.iter() if local(el.tag) == name]


def _content(items: dict, idref: str | None) -> str | None:
    """The href of the content document an itemref stands for, following fallbacks."""
    seen: set[str] = set()
    while idref and idref in items and idref not in seen:
        seen.add(idref)
        item = items[idref]
        href = item.get("href") or ""
        media = (item.get("media-type") or "").lower()
        if media in _CONTENT or (not media and href.lower().endswith(_CONTENT_SUFFIXES)):
            return href
        idref = item.get("fallback")
    return None


def read(path, data: bytes) -> Extracted:
    archive = open_zip(data, "EPUB")
    names = set(archive.namelist())
    if "META-INF/container.xml" not in names:
        raise ExtractionFailed("not an EPUB (no META-INF/container.xml)")
    container = _xml(read_member(archive, "META-INF/container.xml"), "container.xml")
    rootfiles = [
        el.get("full-path")
        for el in _find(container, "rootfile")
        if el.get("full-path")
    ]
    if not rootfiles or rootfiles[0] not in names:
        raise ExtractionFailed("damaged EPUB: its package file is missing")
    opf_path = rootfiles[0]
    opf = _xml(read_member(archive, opf_path), opf_path)
    base = posixpath.dirname(opf_path)
    meta = {
        name: clean("".join(next(iter(_find(opf, name)), opf).itertext()))
        if _find(opf, name)
        else None
        for name in ("title", "creator", "date")
    }
    items = {el.get("id"): el for el in _find(opf, "item")}
    builder = Builder("epub")
    done: set[str] = set()  # a fallback page shared by several image items is read once
    images = 0
    for itemref in _find(opf, "itemref"):
        href = _content(items, itemref.get("idref"))
        if href is None:
            images += 1
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
        if name not in names or name in done:
            continue
        done.add(name)
        chapter = None
        root = _xml(read_member(archive, name), name)
        body = next(iter(_find(root, "body")), root)
        for piece in pieces(body):
            if piece.kind == "heading" and chapter is None:
                chapter = piece.text
            builder.add(piece.text, piece.kind, chapter=chapter)
    if not len(builder):
        raise ExtractionFailed("no text in this EPUB" + (": its pages are images" if images else ""))
    return builder.build(
        title=usable_title(meta["title"]),
        author=meta["creator"] or None,
        date=iso_date(meta["date"]),
    )
