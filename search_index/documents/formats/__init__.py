"""One reader per file format, each `read(path, data) -> Extracted`.

`FORMATS` maps a file suffix to its format name; `BINARY` formats run in the
extraction worker (see `../extraction.py`), the rest in the indexing process.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from .record import Block, Extracted, ExtractionFailed, Link

FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".epub": "epub",
    ".docx": "docx",
}
_MODULES = {
    "text": "plain",
    "markdown": "markdown",
    "html": "html",
    "pdf": "pdf",
    "epub": "epub",
    "docx": "docx",
}
BINARY = frozenset({"pdf", "epub", "docx"})
# Files that are never documents and not worth a line in `skipped`.
NOISE = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".localized"})
NOISE_SUFFIXES = (".tmp", ".part", ".crdownload", ".swp", "~")


def format_of(path: Path | str) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def version_key(path: Path | str, sha1: str) -> str:
    """The key of a file's text: its SHA-1, tagged with its reader's version from version 2 on.

    A reader that gives different text for the same bytes raises its VERSION, so
    the key changes: the cache misses, the catalog sees a new version and the
    sync indexes the file again, without anyone deleting anything.
    """
    name = format_of(path)
    if name is None or name == "text":
        return sha1
    version = getattr(import_module(f".{_MODULES[name]}", __name__), "VERSION", 1)
    return sha1 if version == 1 else f"{sha1}-v{version}"


def read(path: Path | str, data: bytes) -> Extracted:
    """Extract one file in this process; raises ExtractionFailed (or UnreadableFile) with the reason."""
    name = format_of(path)
    if name is None:
        raise ExtractionFailed(
            f"unsupported format ({Path(path).suffix.lower() or 'no extension'})"
        )
    return import_module(f".{_MODULES[name]}", __name__).read(path, data)


__all__ = [
    "BINARY",
    "FORMATS",
    "NOISE",
    "Block",
    "Extracted",
    "ExtractionFailed",
    "Link",
    "format_of",
    "read",
    "version_key",
]
