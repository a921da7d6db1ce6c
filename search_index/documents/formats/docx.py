"""DOCX: the body's paragraphs, headings, table rows, text boxes and notes, read with lxml.

python-docx (which this replaced) refuses Strict OOXML files ("damaged"),
never sees text boxes, footnotes or endnotes, and drops a ruby's base text
with its reading. mammoth (BSD) reads all but ruby, at 10-30x the time (2.3 s
against 0.2 s for a 26,000-word report of Apache POI's tests). The parts of
WordprocessingML that hold text are few, so they are read here, by local name:
Strict files (purl.oclc.org namespaces) read as Transitional ones do.

- paragraphs (`w:p`), headings by their style's name ("heading 1", "Title") or
  outline level; each table row one paragraph, its cells separated by spaces;
- text boxes (`w:txbxContent`) where they are anchored, once: Word writes each
  twice, as DrawingML and as a VML fallback (`mc:Fallback`, skipped);
- runs' text, tabs and breaks as spaces; deleted text, field instructions and
  ruby readings (`w:rt`) never; content controls' content as text;
- footnotes and endnotes after the body, in the order they are referred to,
  each marked `[1]` where it is referred to and before its own text;
- an HTML or text "alt chunk" (a page pasted in) read as its visible text.
"""

from __future__ import annotations

import posixpath
import re

from .blocks import local, pieces
from .record import Builder, Extracted, ExtractionFailed, clean, iso_date, usable_title
from .zipguard import open_zip, read_member

VERSION = 2  # of what this reader gives: a change re-extracts cached files (see text_store)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Word 97-2003, or an encrypted DOCX
_NEVER_TEXT = frozenset(
    {"rt", "deltext", "delinstrtext", "instrtext", "sdtpr", "fallback", "rpr", "ppr", "tblpr", "sectpr",
     "commentreference", "annotationref", "flddata", "del", "movefrom"}
)  # fmt: skip
_SPACES = frozenset({"tab", "br", "cr", "ptab"})
_TITLE_LENGTH = 120  # a first paragraph this short, not ending a sentence, can be the title


def _xml(archive, name: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=True)
    try:
        return etree.fromstring(read_member(archive, name), parser)
    except etree.XMLSyntaxError as error:
        raise ExtractionFailed(f"damaged DOCX: {name}: {error}") from error


def _attribute(element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (w: Transitional or Strict, r:)."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def _relationships(archive, part: str) -> dict[str, tuple[str, str, str]]:
    """Id -> (type's last word, target part or address, target mode) of a part's relationships."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    out = {}
    for element in _xml(archive, rels).iter():
        if local(element.tag) != "relationship":
            continue
        target = element.get("Target") or ""
        mode = element.get("TargetMode") or ""
        if mode != "External":
            target = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        out[element.get("Id") or ""] = ((element.get("Type") or "").rsplit("/", 1)[-1], target, mode)
    return out


def _by_type(rels: dict, kind: str) -> str | None:
    return next((target for what, target, _mode in rels.values() if what == kind), None)


class _Styles:
    """Which paragraph styles are headings: by name ("heading 2", "Title") or outline level."""

    def __init__(self, archive, part: str | None) -> None:
        self.headings: set[str] = set()
        self.titles: set[str] = set()
        if not part or part not in archive.namelist():
            return
        for style in _xml(archive, part):
            if local(style.tag) != "style":
                continue
            style_id = _attribute(style, "styleId") or ""
            name = next((_attribute(el, "val") or "" for el in style if local(el.tag) == "name"), "").lower()
            outline = next((el for el in style.iter() if local(el.tag) == "outlinelvl"), None)
            if name.startswith(("heading", "title")) or (outline is not None and (_attribute(outline, "val") or "9") < "9"):
                self.headings.add(style_id)
            if name == "title":
                self.titles.add(style_id)

    def kind(self, paragraph) -> str:
        style = _paragraph_style(paragraph)
        return "heading" if style in self.headings else "paragraph"


def _paragraph_style(paragraph) -> str | None:
    for child in paragraph:
        if local(child.tag) == "ppr":
            for prop in child:
                if local(prop.tag) == "pstyle":
                    return _attribute(prop, "val")
    return None


def _prepare(root, notes: list[str]) -> None:
    """Give empty marker elements their text: tabs and breaks a space, note references `[n]`.

    A drawing is replaced by the text boxes it holds (none: it goes): its other
    elements hold numbers (positions, sizes) that are no text.
    """
    for drawing in [el for el in root.iter() if local(el.tag) in ("drawing", "pict", "object")]:
        parent = drawing.getparent()
        if parent is None or any(local(a.tag) in ("drawing", "pict", "object") for a in drawing.iterancestors()):
            continue
        boxes = [el for el in drawing.iter() if local(el.tag) == "txbxcontent"]
        boxes = [box for box in boxes if not any(local(a.tag) == "txbxcontent" for a in box.iterancestors() if a in boxes)]
        index = parent.index(drawing)
        parent.remove(drawing)
        for offset, box in enumerate(boxes):
            parent.insert(index + offset, box)
    for element in root.iter():
        name = local(element.tag)
        if name in _SPACES:
            element.text = " "
        elif name == "nobreakhyphen":
            element.text = "-"
        elif name in ("footnotereference", "endnotereference"):
            key = f"{name[0]}{_attribute(element, 'id')}"
            if key not in notes:
                notes.append(key)
            element.text = f"[{notes.index(key) + 1}]"


def _walk(root, styles: _Styles, rels: dict, builder: Builder, prefix: str = "") -> list[tuple[str, str]]:
    """Add the blocks below `root` to `builder`; returns (kind, text) of each, for the title."""

    def kind_of(name: str, element) -> str | None:
        if name == "tr":
            return "row"
        if name == "p":
            parent = element.getparent()
            if parent is not None and local(parent.tag) == "tc":
                return None  # a cell's paragraphs are part of its row
            return styles.kind(element)
        return None

    def space(name: str, element) -> bool:
        if name == "tc":
            return True
        if name == "p":
            parent = element.getparent()
            return parent is not None and local(parent.tag) == "tc"
        return False

    def target_of(name: str, element) -> str | None:
        if name != "hyperlink":
            return None
        found = rels.get(_attribute(element, "id") or "")
        return found[1] if found and found[2] == "External" else None

    added = []
    for piece in pieces(
        root, kind_of=kind_of, skip=lambda name, element: name in _NEVER_TEXT, space=space, target_of=target_of
    ):
        text, links = piece.text, piece.links
        if prefix:
            text, links = prefix + text, [(s + len(prefix), e + len(prefix), t) for s, e, t in links]
            prefix = ""
        builder.add(text, "heading" if piece.kind == "heading" else "paragraph", links=links)
        added.append((piece.kind, text))
    return added


def _alt_chunks(root, archive, rels: dict) -> None:
    """Replace each HTML or text alt chunk with paragraphs of its visible text."""
    from lxml import etree

    from .html import visible_text
    from .plain import decode_text

    for chunk in [el for el in root.iter() if local(el.tag) == "altchunk"]:
        found = rels.get(_attribute(chunk, "id") or "")
        parent = chunk.getparent()
        if parent is None:
            continue
        texts: list[str] = []
        if found and found[1] in archive.namelist():
            data = read_member(archive, found[1])
            if found[1].lower().endswith((".htm", ".html", ".xhtml", ".mht")):
                texts = [part[0] for part in visible_text(data).parts]
            elif found[1].lower().endswith(".txt"):
                texts = decode_text(data)[0].split("\n")
        namespace = chunk.tag.rsplit("}", 1)[0] + "}" if "}" in chunk.tag else ""
        index = parent.index(chunk)
        for offset, text in enumerate(t for t in texts if t.strip()):
            paragraph = etree.Element(namespace + "p")
            etree.SubElement(etree.SubElement(paragraph, namespace + "r"), namespace + "t").text = text
            parent.insert(index + offset, paragraph)
        parent.remove(chunk)


def _core(archive, rels: dict) -> dict[str, str]:
    part = _by_type(rels, "core-properties")
    if not part or part not in archive.namelist():
        return {}
    return {local(el.tag) or "": clean("".join(el.itertext())) for el in _xml(archive, part)}


def _refused(data: bytes) -> None:
    if data[:8] == _OLE:
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"E\0n\0c\0r\0y\0p\0t" in data:
            raise ExtractionFailed("password protected")
        raise ExtractionFailed("not a DOCX: a Word 97-2003 document (.doc) renamed; save it as .docx")


def read(path, data: bytes) -> Extracted:
    _refused(data)
    archive = open_zip(data, "DOCX")  # checks sizes before anything is inflated
    package = _relationships(archive, "")
    main = _by_type(package, "officeDocument") or "word/document.xml"
    if main not in archive.namelist():
        raise ExtractionFailed("not a DOCX (no word/document.xml)")
    rels = _relationships(archive, main)
    styles = _Styles(archive, _by_type(rels, "styles"))
    root = _xml(archive, main)
    body = next((el for el in root if local(el.tag) == "body"), None)
    if body is None:
        raise ExtractionFailed("damaged DOCX: its document has no body")
    notes: list[str] = []
    _alt_chunks(body, archive, rels)
    _prepare(body, notes)
    builder = Builder("docx")
    blocks = _walk(body, styles, rels, builder)
    _notes(archive, rels, notes, styles, builder)
    if not len(builder):
        raise ExtractionFailed("no text in this DOCX")
    core = _core(archive, package)
    return builder.build(
        title=usable_title(core.get("title")) or _first_title(body, styles, blocks),
        author=core.get("creator") or None,
        date=iso_date(core.get("created")),
    )


def _notes(archive, rels: dict, order: list[str], styles: _Styles, builder: Builder) -> None:
    """Footnotes and endnotes, in the order the body refers to them, each after its mark."""
    parts = {"f": _by_type(rels, "footnotes"), "e": _by_type(rels, "endnotes")}
    found: dict[str, tuple] = {}
    for letter, part in parts.items():
        if part and part in archive.namelist():
            note_rels = _relationships(archive, part)
            for note in _xml(archive, part):
                if local(note.tag) in ("footnote", "endnote") and _attribute(note, "type") in (None, "normal"):
                    found[f"{letter}{_attribute(note, 'id')}"] = (note, note_rels)
    for number, key in enumerate(order, start=1):
        if key in found:
            note, note_rels = found[key]
            _prepare(note, [])
            for element in note.iter():
                if local(element.tag) in ("footnoteref", "endnoteref"):
                    element.text = ""  # the note's own mark: the prefix below says it
            _walk(note, styles, note_rels, builder, prefix=f"[{number}] ")


def _first_title(body, styles: _Styles, blocks: list[tuple[str, str]]) -> str | None:
    """A paragraph in the Title style, else the first heading, else a short first paragraph."""
    for paragraph in body.iter():
        if local(paragraph.tag) == "p" and _paragraph_style(paragraph) in styles.titles:
            title = usable_title("".join(paragraph.itertext()))
            if title:
                return title
    for kind, text in blocks:
        if kind == "heading" and usable_title(text):
            return text
    if blocks and blocks[0][0] == "paragraph":
        first = blocks[0][1]
        if len(first) <= _TITLE_LENGTH and not re.search(r"[.,;:]$|\[\d+\]", first):
            return usable_title(first)
    return None
