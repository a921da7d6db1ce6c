"""Each format reader on real generated files: titles, paragraphs, pages, offsets, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search_index import UnreadableFile
from search_index.documents.extraction import CRASH_ENV, HANG_ENV, HOG_ENV, Extractor
from search_index.documents.folder import FileStat, read_document, scan
from search_index.documents.formats import ExtractionFailed
from search_index.documents.formats import read as extract
from tests.formats_factory import (
    HEADER,
    make_docx,
    make_epub,
    make_html,
    make_pdf,
    make_textless_pdf,
    make_zip_bomb,
)

LONG = [
    f"Paragraph {n} tells how the committee in Rotterdam examined extraordinarily complicated "
    f"infrastructure proposals, weighing each contribution carefully before the vote number {n}."
    for n in range(1, 25)
]


def _document(tmp_path: Path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    st = path.stat()
    return read_document(tmp_path, FileStat(name, path, st.st_size, st.st_mtime_ns))


def _paragraph_texts(document) -> list[str]:
    return [document.text[s.start : s.end] for s in document.paragraphs]


# -- plain text and Markdown ------------------------------------------------


def test_plain_text_reads_as_it_always_did(tmp_path):
    document = _document(
        tmp_path, "a.txt", "Headline here\nFirst paragraph.\nSecond one.\n"
    )
    assert document.format == "text" and document.title == "Headline here"
    assert _paragraph_texts(document) == ["First paragraph.", "Second one."]
    assert document.page_at(5) is None and document.chapter_at(5) is None


def test_markdown_front_matter_becomes_metadata_and_markup_disappears(tmp_path):
    text = (
        "---\ntitle: Floods in Valencia\ndate: 2024-10-30\nauthor: Ana Ruiz\n---\n"
        "# Floods in Valencia\n\nRain **fell** for _hours_ near [the coast](https://example.org/coast).\n\n"
        "- Roads closed\n- Trains stopped\n\n## Aftermath\n\nVolunteers came.\n"
    )
    document = _document(tmp_path, "flood.md", text)
    assert (document.title, document.date, document.author, document.format) == (
        "Floods in Valencia",
        "2024-10-30",
        "Ana Ruiz",
        "markdown",
    )
    assert _paragraph_texts(document) == [
        "Rain fell for hours near the coast.",
        "Roads closed",
        "Trains stopped",
        "Aftermath",
        "Volunteers came.",
    ]
    assert document.headings == (3,)
    assert (
        "---" not in document.text
        and "**" not in document.text
        and "](" not in document.text
    )
    ((start, end, target),) = document.links
    assert (
        document.text[start:end] == "the coast"
        and target == "https://example.org/coast"
    )


# -- HTML -------------------------------------------------------------------


def test_html_gives_the_article_without_boilerplate(tmp_path):
    page = make_html(
        "Dam opens in Laos",
        [
            "The new dam on the Mekong opened on Tuesday after nine years of work.",
            "Engineers said the turbines would power two provinces by winter.",
        ],
    )
    document = _document(tmp_path, "dam.html", page)
    assert document.title == "Dam opens in Laos"  # no " | The Daily Seed" tail
    assert (document.format, document.date, document.author) == (
        "html",
        "2020-03-04",
        "Jane Roe",
    )
    assert (
        "Mekong opened on Tuesday" in document.text
        and "turbines would power" in document.text
    )
    for boilerplate in (
        "cookies",
        "Subscribe",
        "Most read",
        "zucchiniwatch",
        "Copyright",
        "analyticsbeacon",
        "font-family",
    ):
        assert boilerplate not in document.text
    assert all(
        document.text[s.start : s.end].strip() == document.text[s.start : s.end]
        for s in document.paragraphs
    )


def test_html_without_an_article_falls_back_to_visible_text_never_markup(tmp_path):
    page = "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body><div>Harbour notice</div><div>Ships wait</div></body></html>"
    document = _document(tmp_path, "notice.htm", page)
    assert "Harbour notice" in document.text and "Ships wait" in document.text
    assert (
        "<" not in document.text
        and "alert" not in document.text
        and "color" not in document.text
    )


# -- PDF --------------------------------------------------------------------


def test_pdf_paragraphs_know_their_pages_without_headers_footers_or_hyphens(tmp_path):
    document = _document(
        tmp_path,
        "report.pdf",
        make_pdf("Harbour Report", LONG, headings={5: "Findings"}),
    )
    assert (
        document.format == "pdf"
        and document.title == "Harbour Report"
        and document.pages >= 3
    )
    paragraphs = _paragraph_texts(document)
    assert (
        paragraphs[0] == LONG[0] and paragraphs[-1] == LONG[-1]
    )  # joined lines, mended hyphens
    assert "Findings" in paragraphs and document.headings == (
        paragraphs.index("Findings"),
    )
    assert HEADER not in document.text and "Page 2" not in document.text
    assert "extraordinarily" in document.text and "extraordi-" not in document.text
    assert document.page_at(document.paragraphs[0].start) == 1
    last = document.paragraphs[-1]
    assert document.page_at(last.start) == document.pages
    assert (
        document.text[last.start : last.end] == LONG[-1]
    )  # offsets index the shown text
    assert document.author == "Wikinews contributors"


def test_pdf_title_without_metadata_is_its_first_large_line(tmp_path):
    document = _document(
        tmp_path,
        "untitled.pdf",
        make_pdf("Storm Over Galway", LONG[:3], metadata_title=False),
    )
    assert document.title == "Storm Over Galway"


def test_encrypted_pdf_is_skipped_as_password_protected(tmp_path):
    with pytest.raises(UnreadableFile, match="password protected"):
        _document(
            tmp_path, "secret.pdf", make_pdf("Secret", LONG[:2], password="hunter2")
        )


def test_pdf_without_text_layer_is_called_a_scan(tmp_path):
    with pytest.raises(UnreadableFile, match=r"no text: scanned\?"):
        _document(tmp_path, "scan.pdf", make_textless_pdf())


def test_truncated_pdf_gets_the_parsers_reason(tmp_path):
    data = make_pdf("Cut short", LONG)
    with pytest.raises(UnreadableFile) as caught:
        _document(tmp_path, "cut.pdf", data[: len(data) // 3])
    assert str(caught.value).strip()


def test_a_file_that_is_not_what_its_extension_says_is_skipped(tmp_path):
    with pytest.raises(UnreadableFile, match="not a PDF"):
        _document(tmp_path, "fake.pdf", "Just some text pretending to be a PDF.\n")
    with pytest.raises(UnreadableFile, match="not a valid EPUB"):
        _document(tmp_path, "fake.epub", make_pdf("A PDF", LONG[:1]))
    with pytest.raises(UnreadableFile, match="not a DOCX"):
        _document(tmp_path, "fake.docx", make_epub("Book", [("One", ["Text."])]))


# -- EPUB and DOCX ----------------------------------------------------------


def test_epub_reads_the_spine_in_order_with_chapters(tmp_path):
    book = make_epub(
        "The River Book",
        [
            ("Source", ["Springs rise in the hills."]),
            ("Delta", ["Silt spreads into the sea."]),
        ],
        author="Mira Osei",
    )
    document = _document(tmp_path, "river.epub", book)
    assert (document.title, document.author, document.format) == (
        "The River Book",
        "Mira Osei",
        "epub",
    )
    assert _paragraph_texts(document) == [
        "Source",
        "Springs rise in the hills.",
        "Delta",
        "Silt spreads into the sea.",
    ]
    assert document.headings == (0, 2)
    assert document.chapter_at(document.text.index("Silt")) == "Delta"
    assert document.chapter_at(document.text.index("Springs")) == "Source"
    assert document.chapter_at(0) is None  # the title line is before any chapter


def test_docx_paragraphs_and_headings_in_order(tmp_path):
    data = make_docx(
        "Budget Notes",
        ["Taxes rise in May.", "Spending falls."],
        author="Lee Park",
        headings={1: "Spending"},
    )
    document = _document(tmp_path, "notes.docx", data)
    assert (document.title, document.author, document.format) == (
        "Budget Notes",
        "Lee Park",
        "docx",
    )
    assert _paragraph_texts(document) == [
        "Taxes rise in May.",
        "Spending",
        "Spending falls.",
    ]
    assert document.headings == (1,)


def test_docx_title_falls_back_to_its_first_heading(tmp_path):
    document = _document(
        tmp_path, "n.docx", make_docx("Heading Title", ["Body."], core_title=False)
    )
    assert document.title == "Heading Title"


@pytest.mark.parametrize("kind", ["epub", "docx"])
def test_zip_bombs_are_refused_before_inflating(tmp_path, kind):
    with pytest.raises(UnreadableFile, match="zip bomb"):
        _document(tmp_path, f"bomb.{kind}", make_zip_bomb(kind))


@pytest.mark.parametrize("name", ["cut.epub", "cut.docx"])
def test_truncated_zip_formats_are_skipped_with_a_reason(tmp_path, name):
    data = (
        make_epub("B", [("C", ["Text " * 200])])
        if name.endswith("epub")
        else make_docx("D", ["Text " * 200])
    )
    with pytest.raises(UnreadableFile, match="damaged|not a valid"):
        _document(tmp_path, name, data[: len(data) // 2])


# -- containment ------------------------------------------------------------


def test_a_crashing_parser_costs_its_file_only(tmp_path, monkeypatch):
    monkeypatch.setenv(CRASH_ENV, "boom")
    good = make_pdf("Fine", LONG[:2])
    with Extractor() as worker:
        with pytest.raises(ExtractionFailed, match="crashed"):
            worker.extract("boom.pdf", good)
        assert (
            "Paragraph 1" in worker.extract("fine.pdf", good).text
        )  # a fresh worker takes over


def test_a_hanging_parser_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setenv(HANG_ENV, "stuck")
    with (
        Extractor(seconds=2) as worker,
        pytest.raises(ExtractionFailed, match="was stopped"),
    ):
        worker.extract("stuck.pdf", make_pdf("Stuck", LONG[:1]))


def test_scan_lists_unsupported_formats_but_not_noise(tmp_path):
    for name in (
        "a.txt",
        "b.pdf",
        "c.png",
        ".DS_Store",
        "Thumbs.db",
        "d.xlsx",
        ".hidden.png",
        "~$memo.docx",
        "e.pdf.part",
    ):
        (tmp_path / name).write_bytes(b"x")
    found, skipped = scan(tmp_path)
    assert [s.id for s in found] == ["a.txt", "b.pdf"]
    assert {(s.path, s.reason) for s in skipped} == {
        ("c.png", "unsupported format (.png)"),
        ("d.xlsx", "unsupported format (.xlsx)"),
    }


def test_reading_in_process_and_in_the_worker_agree():
    data = make_docx("Same", ["One paragraph."])
    with Extractor() as worker:
        assert worker.extract("same.docx", data) == extract("same.docx", data)


def test_a_runaway_allocation_fails_in_the_worker_under_its_memory_limit(monkeypatch):
    monkeypatch.setenv(HOG_ENV, "greedy")
    with Extractor(memory=256 * 2**20) as worker:
        with pytest.raises(ExtractionFailed, match="over the 256 MB memory limit"):
            worker.extract("greedy.docx", make_docx("Greedy", ["Text."]))
        assert worker.extract(
            "modest.docx", make_docx("Modest", ["Text."])
        ).text.startswith("Modest")


def test_env_hooks_are_unset_in_normal_runs():
    assert not {CRASH_ENV, HANG_ENV, HOG_ENV} & set(os.environ)


def test_open_command_names_a_viewer_or_says_why_not(tmp_path, monkeypatch):
    from search_index import open_command

    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf("Open me", LONG[:1]))
    assert not open_command(tmp_path / "gone.pdf").available
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    none = open_command(path, page=3, platform="linux")
    assert not none.available and "No viewer" in none.reason
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("xdg-open", "zathura"):
        (bin_dir / program).write_text("#!/bin/sh\n")
        (bin_dir / program).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert open_command(path, page=3, platform="linux").argv == (
        "zathura",
        "--page",
        "3",
        str(path),
    )
    assert open_command(path, platform="linux").argv == ("xdg-open", str(path))


def test_markdown_without_a_heading_takes_its_first_line_as_title(tmp_path):
    document = _document(
        tmp_path, "note.md", "Shopping in *Porto*\n\nBread and fish.\n"
    )
    assert document.title == "Shopping in Porto"
    assert _paragraph_texts(document) == ["Bread and fish."]


def test_a_small_bomb_is_refused_by_its_compression_ratio(tmp_path):
    with pytest.raises(UnreadableFile, match=r"compressed \d+:1, a zip bomb"):
        _document(tmp_path, "small-bomb.docx", make_zip_bomb("docx", size=64 * 2**20))
