"""EPUB: the spine's XHTML in reading order, read with zipfile and lxml.

EbookLib is AGPL, so the container is read here: META-INF/container.xml names
the OPF package, whose metadata gives title and author and whose spine gives
the order. Each spine document's first heading names its chapter.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from .record import BLOCK_TAGS, HEADING_TAGS, Builder, Extracted, ExtractionFailed, clean, iso_date
from .zipguard import open_zip, read_member


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


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _find(root, name: str):
    return [el for el in root.iter() if _local(el.tag) == name]


def _blocks(root):
    """(kind, text) of each innermost block element of an XHTML document."""
    body = next(iter(_find(root, "body")), root)
    for element in body.iter():
        name = _local(element.tag)
        if name not in BLOCK_TAGS:
            continue
        if name in ("div", "blockquote", "li") and any(
            _local(child.tag) in BLOCK_TAGS
            for child in element.iter()
            if child is not element
        ):
            continue  # its inner blocks come on their own
        text = clean("".join(element.itertext()))
        if text:
            yield ("heading" if name in HEADING_TAGS else "paragraph"), text


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
    manifest = {el.get("id"): el.get("href") for el in _find(opf, "item")}
    builder = Builder("epub")
    for itemref in _find(opf, "itemref"):
        href = manifest.get(itemref.get("idref"))
        if not href:
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
        if name not in names:
            continue
        chapter = None
        for kind, text in _blocks(_xml(read_member(archive, name), name)):
            if kind == "heading" and chapter is None:
                chapter = text
            builder.add(text, kind, chapter=chapter)
    if not len(builder):
        raise ExtractionFailed("no text in this EPUB")
    return builder.build(
        title=meta["title"] or None,
        author=meta["creator"] or None,
        date=iso_date(meta["date"]),
    )
