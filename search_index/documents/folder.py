"""Reading a corpus folder into documents.

Every character offset in the program (entities, matches, quotes) indexes
`Document.text`: the file decoded, newlines normalised to ``\\n``, nothing else
changed. Everything downstream relies on that, so this module never strips,
re-wraps or sanitises text; the screen does that when it draws.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableFile
from ..records import Document, SkippedFile, Span
from .formats import FORMATS, NOISE, NOISE_SUFFIXES
from .formats.plain import decode, looks_binary, normalise_newlines, split

SUFFIXES = tuple(FORMATS)
IGNORE_FILE = ".seed-reader-ignore"  # in a corpus's root: glob patterns of files to pass over, one a line
MAX_BYTES = 20 * 1024 * 1024  # larger files are skipped: one document should not stall a sync
_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class FileStat:
    """What change detection compares before it reads a file."""

    id: str
    path: Path
    size: int
    mtime_ns: int


def doc_id(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def date_from_name(name: str) -> str | None:
    match = _DATE.search(name)
    return "-".join(match.groups()) if match else None


def scan(root: Path) -> tuple[list[FileStat], list[SkippedFile]]:
    """Every candidate file below `root`, sorted by id, and what was passed over.

    Symlinked folders are not followed (a loop would never end); symlinked
    files are read like any other file.
    """
    found: list[FileStat] = []
    skipped: list[SkippedFile] = []
    ignored = _ignore_patterns(root)

    def on_error(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        rel = where.relative_to(root).as_posix() if where != root else "."
        skipped.append(SkippedFile(rel, f"folder cannot be read: {error.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # The folder's id once, not each file's through pathlib: relative_to() and as_posix() were
        # half of a 10,000-file scan (what `search` runs before it answers).
        inside = doc_id(root, Path(folder)) if folder != str(root) else ""
        for name in files:
            lower = name.lower()
            if name.startswith((".", "~$")) or lower in NOISE or lower.endswith(NOISE_SUFFIXES):  # ~$x.docx: Word's lock file
                continue
            path = Path(folder, name)
            rel = f"{inside}/{name}" if inside else name
            if any(fnmatch.fnmatchcase(rel, pattern) for pattern in ignored):
                continue
            if not lower.endswith(SUFFIXES):
                skipped.append(SkippedFile(rel, f"unsupported format ({path.suffix.lower() or 'no extension'})"))
                continue
            try:
                st = path.stat()
            except OSError as error:
                skipped.append(SkippedFile(rel, f"cannot be read: {error.strerror}"))
                continue
            if st.st_size > MAX_BYTES:
                skipped.append(SkippedFile(rel, f"too large: {st.st_size / 2**20:.1f} MB (limit {MAX_BYTES // 2**20} MB)"))
                continue
            found.append(FileStat(rel, path, st.st_size, st.st_mtime_ns))
    found.sort(key=lambda stat: stat.id)
    return found, skipped


def _ignore_patterns(root: Path) -> list[str]:
    """Patterns from the root's ignore file ("SOURCE.md", "drafts/*"); `#` starts a comment."""
    try:
        lines = (root / IGNORE_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def load_text(path: Path) -> str:
    """The text offsets refer to, without splitting it into a document.

    Other formats are extracted again here (no cache at hand): prefer
    `Index.open_document`, which reads the index's cached extraction.
    """
    if (FORMATS.get(path.suffix.lower()) or "text") != "text":
        st = path.stat()
        return read_document(path.parent, FileStat(path.name, path, st.st_size, st.st_mtime_ns)).text
    return normalise_newlines(decode(path.read_bytes())[0])


def read_bytes(stat: FileStat) -> bytes:
    try:
        return stat.path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror}") from error


def read_document(root: Path, stat: FileStat, extractor=None) -> Document:
    """Read one file. Raises UnreadableFile with the reason it cannot be a document.

    Plain text is read here as it always was; other formats go through their
    reader in `formats` (binary ones in `extractor`, the worker process, when given).
    """
    from .formats import BINARY, ExtractionFailed, format_of
    from .formats import read as extract

    data = read_bytes(stat)
    kind = format_of(stat.path)
    if kind not in (None, "text"):
        try:
            if kind in BINARY:
                if extractor is None:
                    from .extraction import Extractor

                    with Extractor() as worker:
                        extracted = worker.extract(stat.path, data)
                else:
                    extracted = extractor.extract(stat.path, data)
            else:
                extracted = extract(stat.path, data)
        except ExtractionFailed as error:
            raise UnreadableFile(str(error)) from error
        from .formats import version_key

        return document_from(stat, extracted, version_key(stat.path, hashlib.sha1(data).hexdigest()))
    text, encoding, note = decode(data)
    text = normalise_newlines(text)
    if looks_binary(text):
        raise UnreadableFile("binary file (mostly control characters)")
    title_span, paragraphs = split(text, markdown=stat.path.suffix.lower() == ".md")
    title = text[title_span.start : title_span.end] or stat.path.stem
    return Document(
        id=stat.id,
        path=stat.path,
        title=title,
        text=text,
        title_span=title_span,
        paragraphs=tuple(paragraphs),
        size=stat.size,
        mtime_ns=stat.mtime_ns,
        sha1=hashlib.sha1(data).hexdigest(),
        date=date_from_name(stat.id),
        encoding=encoding,
        note=note,
        words=len(text.split()),
    )


def stat_file(root: Path, doc: str) -> FileStat:
    path = root / doc
    st = path.stat()
    return FileStat(doc, path, st.st_size, st.st_mtime_ns)


def document_from(stat: FileStat, extracted, sha1: str) -> Document:
    """A whole Document from a format reader's record (see `formats.record.Extracted`)."""
    text = extracted.text
    title_span = Span(*extracted.title)
    paragraphs = [Span(block.start, block.end) for block in extracted.blocks]
    page_starts: list[tuple[int, int]] = []
    chapters: list[tuple[int, str]] = []
    for block in extracted.blocks:
        if block.page is not None and (not page_starts or page_starts[-1][1] != block.page):
            page_starts.append((block.start if page_starts else 0, block.page))
        if block.chapter is not None and (not chapters or chapters[-1][1] != block.chapter):
            chapters.append((block.start, block.chapter))
    return Document(
        id=stat.id,
        path=stat.path,
        title=text[title_span.start : title_span.end] or stat.path.stem,
        text=text,
        title_span=title_span,
        paragraphs=tuple(paragraphs),
        size=stat.size,
        mtime_ns=stat.mtime_ns,
        sha1=sha1,
        date=extracted.date or date_from_name(stat.id),
        encoding=extracted.encoding,
        note=extracted.note,
        words=len(text.split()),
        format=extracted.format,
        author=extracted.author,
        headings=tuple(n for n, block in enumerate(extracted.blocks) if block.kind == "heading"),
        page_starts=tuple(page_starts),
        chapters=tuple(chapters),
        links=tuple((link.start, link.end, link.target) for link in extracted.links),
        pages=extracted.pages,
    )
