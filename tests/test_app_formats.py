"""The reader with PDFs, e-books, Markdown and HTML, under Pilot: pages, chapters, headings, links, the original."""

from __future__ import annotations

import json
import os
import stat

from search_index import QuoteBook
from tests.app_helpers import open_result, record_notices, until, wait_synced
from tests.formats_factory import make_epub, make_pdf
from tests.test_cli import run
from tui.app import ReaderApp
from tui.widgets.document_list import DocumentList
from tui.widgets.paragraph import Paragraph
from tui.widgets.search_results import HitList

SIZE = (120, 40)
PDF_BODY = [
    f"Section {n} of the audit describes how auditors reviewed the procurement records "
    f"of the port authority, line by line, in week {n} of the inquiry."
    for n in range(1, 30)
]
PDF_BODY[24] = "On the last pages the auditors praised the quartermaster for keeping the records in order."
MARKDOWN = """---
title: Field notes
date: 2021-05-06
author: A. Writer
---

# Field notes

Opening words about the harbour.

## The harbour at dawn

Fishing boats leave before sunrise, as the [harbour log](https://example.org/log) records.
"""


def build(root):
    root.mkdir(parents=True)
    (root / "audit.pdf").write_bytes(make_pdf("Port Audit Findings", PDF_BODY, author="Audit Office"))
    (root / "book.epub").write_bytes(
        make_epub(
            "Voyages of the Amazon",
            [
                ("Manaus", ["Boats leave Manaus at dawn for the upper river."]),
                ("Iquitos", ["In Iquitos the captain met a ferryman from Pucallpa."]),
            ],
        )
    )
    (root / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    return root


def list_rows(app) -> list[str]:
    documents = app.reader_screen.query_one(DocumentList)
    return [documents.render_line(y).text for y in range(documents.size.height)]


async def test_the_list_marks_each_format_and_names_the_author(tmp_path, home):
    root = build(tmp_path / "corpus")
    (root / "plain.txt").write_text("A plain headline\nOne paragraph.\n", encoding="utf-8")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=(200, 50)) as pilot:  # a list wide enough for authors
        await wait_synced(pilot)

        def row(title: str) -> str:
            return next((r for r in list_rows(app) if title in r), "")

        await until(pilot, lambda: all(row(t) for t in ("Port Audit", "Voyages", "Field notes", "A plain")), "all listed")
        assert "PDF Port Audit Findings" in row("Port Audit") and "Audit Office" in row("Port Audit")
        assert "EPUB Voyages of the Amazon" in row("Voyages")
        assert "MD Field notes" in row("Field notes") and "A. Writer" in row("Field notes")
        assert "2021-05-06" in row("Field notes")  # the front matter's date, not the file's
        assert row("A plain").lstrip(" ·").startswith("A plain headline")  # plain text: no marker


def hit_rows(app) -> list[str]:
    hits = app.reader_screen.query_one(HitList)
    return [hits.render_line(y).text for y in range(hits.size.height)]


async def test_a_pdf_opens_at_its_match_on_its_page_and_quotes_cite_the_page(tmp_path, home):
    root = build(tmp_path / "corpus")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "quartermaster", "audit.pdf")
        reader = app.reader_screen.reader
        document = reader.document
        page = document.page_at(document.text.index("quartermaster"))
        assert page > 1  # the match is past the first page
        assert any(f"p. {page}" in row for row in hit_rows(app))  # the hit row says where
        await until(pilot, lambda: f"p. {page} / {document.pages}" in str(reader.border_subtitle), "the page in the border")
        await pilot.press("v", "y")
        assert f"p. {page}," in app.clipboard and "quartermaster" in app.clipboard
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
        await pilot.press("g")  # the top of the document: the border follows the view when no match is current
        await pilot.press("ctrl+l")
        await until(pilot, lambda: "p. 1 /" in str(reader.border_subtitle), "page 1 at the top")
    quotes = json.loads(run("quotes", "--json", home=home).stdout)["quotes"]
    assert quotes[0]["page"] == page and quotes[0]["where"].startswith(f"p. {page}, ")


async def test_an_epub_quote_cites_its_chapter_and_the_border_names_it(tmp_path, home):
    root = build(tmp_path / "corpus")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "Pucallpa", "book.epub")
        reader = app.reader_screen.reader
        assert "Iquitos" in str(reader.border_subtitle)
        await pilot.press("v", "y")
        assert "Iquitos, ¶" in app.clipboard and "Pucallpa" in app.clipboard


async def test_headings_stand_apart_and_link_targets_are_at_hand(tmp_path, home):
    root = build(tmp_path / "corpus")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "sunrise", "notes.md")
        reader = app.reader_screen.reader
        headings = [p.plain for p in reader.query(Paragraph) if p.has_class("-heading")]
        assert "The harbour at dawn" in headings
        body = [p for p in reader.query(Paragraph) if "Opening words" in p.plain][0]
        assert not body.has_class("-heading")
        heading = [p for p in reader.query(Paragraph) if p.plain == "The harbour at dawn"][0]
        assert heading.styles.text_style != body.styles.text_style  # drawn in a style of its own
        linked = [p for p in reader.query(Paragraph) if "harbour log" in p.plain][0]
        assert "[" not in linked.plain and "https://example.org/log" in str(linked.tooltip)
        shown = record_notices(app)
        await pilot.press("L")  # the current match is in the linked paragraph
        assert any("https://example.org/log" in notice for notice in shown)


def fake_viewer(folder, name: str):
    """A real program on PATH that records how it was started, standing in for a PDF viewer."""
    folder.mkdir(exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


async def test_O_opens_the_original_at_the_page_or_says_why_it_cannot(tmp_path, home, monkeypatch):
    root = build(tmp_path / "corpus")
    bin_dir = tmp_path / "bin"
    log = fake_viewer(bin_dir, "zathura")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "quartermaster", "audit.pdf")
        document = app.reader_screen.reader.document
        page = document.page_at(document.text.index("quartermaster"))
        shown = record_notices(app)
        await pilot.press("O")
        await until(pilot, lambda: log.exists() and log.read_text().strip(), "the viewer to start")
        assert log.read_text().split() == ["--page", str(page), str(document.path)]
        assert any(f"at p. {page}" in notice for notice in shown)

        (bin_dir / "zathura").unlink()
        monkeypatch.setenv("PATH", str(bin_dir))  # no viewer at all now
        await pilot.press("O")
        assert any("No viewer" in notice for notice in shown)


async def test_the_quote_book_reads_a_pdf_quote_through_the_index(tmp_path, home, monkeypatch):
    from search_index.documents.extraction import CRASH_ENV

    root = build(tmp_path / "corpus")
    app = ReaderApp(root, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "quartermaster", "audit.pdf")
        await pilot.press("v", "y")
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
        monkeypatch.setenv(CRASH_ENV, "audit")  # a new parse of audit.pdf would now fail
        await wait_synced(pilot)
        await pilot.press("Q")
        from textual.widgets import OptionList

        await until(pilot, lambda: app.screen.query(OptionList) and app.screen.query_one(OptionList).option_count, "the quote book")
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "quartermaster" in prompt and "file gone" not in prompt and "changed" not in prompt
