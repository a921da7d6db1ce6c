"""Zip containers (EPUB, DOCX) opened only after their sizes are checked: no zip bombs."""

from __future__ import annotations

import io
import zipfile

from .record import ExtractionFailed

MAX_TOTAL = (
    256 * 2**20
)  # uncompressed bytes of all members; a real book's text is a few MB
MAX_RATIO = 200  # deflate reaches ~5-10x on text; bombs reach 1000x


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ExtractionFailed(
            f"not a valid {what} (damaged or not a zip file: {error})"
        ) from error
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > MAX_TOTAL:
        raise ExtractionFailed(
            f"refused: unpacks to {total / 2**20:.0f} MB (limit {MAX_TOTAL // 2**20} MB), a zip bomb?"
        )
    if packed and total > 2**20 and total / packed > MAX_RATIO:
        raise ExtractionFailed(
            f"refused: compressed {total / packed:.0f}:1, a zip bomb?"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, never more than its header says (headers can lie)."""
    info = archive.getinfo(name)
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise ExtractionFailed(f"damaged zip member {name}: {error}") from error
    if len(data) > info.file_size:
        raise ExtractionFailed(f"refused: {name} is larger than its zip header says")
    return data
