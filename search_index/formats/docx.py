"""DOCX: paragraphs and headings in document order through python-docx (MIT)."""

from __future__ import annotations

from .record import Builder, Extracted, ExtractionFailed, clean, iso_date
from .zipguard import open_zip


def _kind(paragraph) -> str:
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    return "heading" if style.startswith(("Heading", "Title")) else "paragraph"


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
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table: one paragraph per row
            for row in item.rows:
                builder.add("  ".join(clean(cell.text) for cell in row.cells))
            continue
        kind = _kind(item)
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
