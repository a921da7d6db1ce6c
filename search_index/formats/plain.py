"""Plain text: the file decoded, newlines normalised; `documents.split` finds the paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .record import Extracted


def decode_text(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, note) with newlines normalised; UnreadableFile for binary data."""
    from ..documents import _normalise, decode

    text, encoding, note = decode(data)
    return _normalise(text), encoding, note


def read(path, data: bytes) -> Extracted:
    """Today's plain-text reading, unchanged: first line the title, lines or blocks paragraphs."""
    from ..documents import UnreadableFile, _looks_binary, split
    from .record import Block, Extracted

    text, encoding, note = decode_text(data)
    if _looks_binary(text):
        raise UnreadableFile("binary file (mostly control characters)")
    title, paragraphs = split(text)
    blocks = tuple(Block(span.start, span.end) for span in paragraphs)
    return Extracted(
        "text", text, (title.start, title.end), blocks, encoding=encoding, note=note
    )
