"""Plain text: bytes decoded (UTF-8, a BOM, or what charset-normalizer finds), newlines normalised,
the first line the title and lines or blank-line blocks the paragraphs."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import UnreadableFile
from ...records import Span

if TYPE_CHECKING:
    from .record import Extracted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Bytes to text: (text, encoding, note). Raises UnreadableFile for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                return data.decode(encoding, errors="replace"), encoding, f"invalid {encoding}: bad bytes replaced"
    if b"\x00" in data[:65536]:
        raise UnreadableFile("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only paid for files that are not UTF-8

    matches = from_bytes(data[:262144])
    best = matches.best()
    if best is not None:
        # Short Western texts fit cp1250, cp1252 and more equally well; the commonest wins the tie.
        tied = [m for m in matches if m.percent_chaos <= best.percent_chaos]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            return data.decode(best.encoding), best.encoding, f"not UTF-8: decoded as {best.encoding}"
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), "utf-8", "invalid UTF-8: bad bytes replaced"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1a\x1c-\x1f]")  # C0 controls but tab, newline, form feed, ESC


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > 0.1


def _lines(text: str) -> Iterator[Span]:
    start = 0
    for match in re.finditer("\n", text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _blocks(text: str, lines: list[Span]) -> list[Span]:
    """Runs of non-blank lines, each run one span."""
    blocks: list[Span] = []
    run: list[Span] = []
    for line in lines + [Span(len(text), len(text))]:
        if text[line.start : line.end].strip():
            run.append(line)
        elif run:
            blocks.append(Span(run[0].start, run[-1].end))
            run = []
    return blocks


def _trimmed(text: str, span: Span) -> Span:
    chunk = text[span.start : span.end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(span.start + lead, span.start + len(chunk.rstrip()))


def split(text: str, markdown: bool = False) -> tuple[Span, list[Span]]:
    """Title span and paragraph spans.

    Plain text: the first non-empty line is the title and each further line a
    paragraph, unless the body is hard-wrapped (blank lines between multi-line
    blocks), in which case each block is one paragraph. Markdown: the first
    heading is the title and blank lines separate paragraphs.
    """
    lines = [line for line in _lines(text)]
    title = Span(0, 0)
    title_index = None
    for index, line in enumerate(lines):
        content = text[line.start : line.end]
        if not content.strip():
            continue
        if markdown and not content.lstrip().startswith("#"):
            continue
        title_index = index
        title = _trimmed(text, line)
        if markdown:
            hashes = len(content.lstrip()) - len(content.lstrip().lstrip("#"))
            title = _trimmed(text, Span(title.start + hashes, title.end))
        break
    if title_index is None and markdown:  # a Markdown file without a heading
        return split(text, markdown=False)
    if title_index is None:
        return title, []
    body = [line for index, line in enumerate(lines) if index != title_index]
    blocks = _blocks(text, body)
    multi_line = sum(1 for block in blocks if "\n" in text[block.start : block.end])
    if markdown or (len(blocks) > 1 and multi_line * 2 >= len(blocks)):
        spans = blocks
    else:
        spans = [line for line in body if text[line.start : line.end].strip()]
    return title, [_trimmed(text, span) for span in spans]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, note) with newlines normalised; UnreadableFile for binary data."""
    text, encoding, note = decode(data)
    return normalise_newlines(text), encoding, note


def read(path, data: bytes) -> Extracted:
    """Today's plain-text reading, unchanged: first line the title, lines or blocks paragraphs."""
    from .record import Block, Extracted

    text, encoding, note = decode_text(data)
    if looks_binary(text):
        raise UnreadableFile("binary file (mostly control characters)")
    title, paragraphs = split(text)
    blocks = tuple(Block(span.start, span.end) for span in paragraphs)
    return Extracted(
        "text", text, (title.start, title.end), blocks, encoding=encoding, note=note
    )
