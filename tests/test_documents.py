"""Reading files into documents: titles, paragraphs, encodings, offsets."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from search_index.documents.folder import SkippedFile, UnreadableFile, read_document, scan
from search_index.documents.formats.plain import decode, split
from tests.conftest import SEED_DOC


def _read(root: Path, name: str):
    stats, _ = scan(root)
    return read_document(root, next(s for s in stats if s.id == name))


def test_seed_title_and_paragraphs(seeds):
    doc = _read(seeds, SEED_DOC)
    assert doc.title == "Japan’s PM Ishiba Seeks Urgent Meeting with Trump After G20 Summit"
    assert len(doc.paragraphs) == 6
    assert doc.text[doc.paragraphs[0].start :].startswith("Japanese Prime Minister Shigeru Ishiba")
    assert doc.paragraph_at(doc.text.index("Trump Tower")) == 4


def test_blank_line_paragraphs_and_hard_wrapping():
    text = "Title\n\nFirst line\nwrapped here.\n\nSecond paragraph\nalso wrapped.\n"
    title, paragraphs = split(text)
    assert text[title.start : title.end] == "Title"
    assert [text[p.start : p.end] for p in paragraphs] == ["First line\nwrapped here.", "Second paragraph\nalso wrapped."]


def test_markdown_title_is_first_heading():
    text = "Some preface\n\n# The Heading\n\nBody one.\n\nBody two.\n"
    title, paragraphs = split(text, markdown=True)
    assert text[title.start : title.end] == "The Heading"
    assert [text[p.start : p.end] for p in paragraphs] == ["Some preface", "Body one.", "Body two."]


def test_crlf_is_normalised_and_offsets_index_the_normalised_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Head\r\nOne para\r\nTwo para\r\n")
    doc = _read(tmp_path, "a.txt")
    assert "\r" not in doc.text
    assert doc.text[doc.paragraphs[1].start : doc.paragraphs[1].end] == "Two para"


@pytest.mark.parametrize(
    "data, expected, note",
    [
        (codecs.BOM_UTF8 + "Café\n".encode(), "Café\n", None),
        (codecs.BOM_UTF16_LE + "Café\n".encode("utf-16-le"), "Café\n", None),
        ("Café crème brûlée à la carte, déjà vu\n".encode("latin-1"), "Café crème brûlée à la carte, déjà vu\n", "not UTF-8"),
    ],
)
def test_decoding(data, expected, note):
    text, _, got_note = decode(data)
    assert text == expected
    assert (got_note or "").startswith(note) if note else got_note is None


def test_binary_is_refused_with_a_reason():
    with pytest.raises(UnreadableFile, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_scan_is_recursive_and_ids_use_slashes(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("T\nP\n")
    (tmp_path / "top.md").write_text("# T\n\nP\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    stats, skipped = scan(tmp_path)
    assert [s.id for s in stats] == ["a/b/deep.txt", "top.md"]
    assert skipped == [SkippedFile("image.png", "unsupported format (.png)")]


def test_the_roots_ignore_file_passes_files_over(tmp_path):
    (tmp_path / "drafts").mkdir()
    for name in ("SOURCE.md", "story.txt", "drafts/a.txt", "drafts/b.png", "deep/SOURCE.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Title\nBody\n")
    (tmp_path / ".seed-reader-ignore").write_text("# not articles\nSOURCE.md\ndrafts/*\n")
    stats, skipped = scan(tmp_path)
    assert [s.id for s in stats] == ["deep/SOURCE.md", "story.txt"] and skipped == []
