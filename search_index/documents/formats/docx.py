"""DOCX: paragraphs and headings in document order through python-docx (MIT)."""

from __future__ import annotations

from .record import Builder, Extracted, ExtractionFailed, clean, iso_date
from .zipguard import open_zip


class _StyleNames(dict):
    """Style id -> name, looked up once per id used.

    `paragraph.style` scans every style on every call, and so does listing them
    all: that was 85% of the time, 22 files/s in benchmarks/formats.py; 70 with this.
    """

    def __init__(self, document) -> None:
        super().__init__()
        self.styles = document.styles.element

    def __missing__(self, style_id: str) -> str:
        try:
            style = self.styles.get_by_id(style_id)
            name = (style.name_val or "") if style is not None else ""
        except (AttributeError, KeyError, ValueError):
            name = ""
        self[style_id] = name
        return name


def _kind(paragraph, names: _StyleNames) -> str:
    style_id = getattr(
        getattr(paragraph, "_p", None), "style", None
    )  # the pStyle value, None for Normal
    style = names[style_id] if style_id else ""
    return (
        "heading" if style.lower().startswith(("heading", "title")) else "paragraph"
    )  # "heading 1" in the XML


def read(path, data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = open_zip(
        data, "DOCX"
    )  # checks sizes before python-docx inflates anything
    if "word/document.xml" not in archive.namelist():
        raise ExtractionFailed("not a DOCX (no word/document.xml)")
    try:
        document = docx.Document(archive.fp)
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ExtractionFailed(f"damaged DOCX: {error}") from error
    except Exception as error:
        raise ExtractionFailed(
            f"damaged DOCX: {type(error).__name__}: {error}"
        ) from error
    builder = Builder("docx")
    first_heading = None
    names = _StyleNames(document)
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table: one paragraph per row
            for row in item.rows:
                builder.add("  ".join(clean(cell.text) for cell in row.cells))
            continue
        kind = _kind(item, names)
        if kind == "heading" and first_heading is None and clean(item.text):
            first_heading = clean(item.text)
        builder.add(item.text, kind)
    if not len(builder):
        raise ExtractionFailed("no text in this DOCX")
    core = document.core_properties
    return builder.build(
        title=clean(core.title or "") or first_heading,
        author=clean(core.author or "") or None,
        date=iso_date(core.created),
    )
