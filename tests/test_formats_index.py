"""A folder of every format indexes like a folder of text: searchable, titled, with entities and pages."""

from __future__ import annotations

import json
import os

import pytest

from search_index import Index, cite, make_quote
from search_index.documents.extraction import CRASH_ENV
from tests.formats_factory import (
    make_docx,
    make_epub,
    make_html,
    make_pdf,
    make_textless_pdf,
    make_zip_bomb,
)
from tests.test_cli import run

PDF_BODY = [
    f"Section {n} of the audit describes how auditors in Nairobi reviewed the "
    f"procurement records of the Kenya Ports Authority, line by line, in week {n}."
    for n in range(1, 30)
]
PDF_BODY[25] = (
    "On the last pages the auditors praised the quartermaster of Mombasa for keeping records in order."
)


def build_folder(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "note.txt").write_text(
        "Plain note about Lisbon\nThe ferry from Lisbon to Barreiro was late again.\n"
    )
    (root / "page.html").write_text(
        make_html(
            "Glacier retreats in Patagonia",
            [
                "Scientists from Chile measured the Grey glacier retreating by forty metres.",
                "Tourists in Torres del Paine watched icebergs calve.",
            ],
        )
    )
    (root / "audit.pdf").write_bytes(
        make_pdf("Port Audit Findings", PDF_BODY, author="Audit Office")
    )
    (root / "book.epub").write_bytes(
        make_epub(
            "Voyages of the Amazon",
            [
                ("Manaus", ["Boats leave Manaus at dawn for the upper river."]),
                ("Iquitos", ["In Iquitos the captain met Maria Fernandes."]),
            ],
        )
    )
    (root / "memo.docx").write_bytes(
        make_docx(
            "Memo on Budapest Trams",
            ["The Budapest council approved new trams for the Danube embankment."],
        )
    )
    (root / "secret.pdf").write_bytes(make_pdf("Secret", PDF_BODY[:2], password="pw"))
    (root / "scan.pdf").write_bytes(make_textless_pdf())
    (root / "bomb.epub").write_bytes(make_zip_bomb("epub"))
    (root / "boom.pdf").write_bytes(make_pdf("Boom", PDF_BODY[:2]))
    (root / "truncated.docx").write_bytes(make_docx("Cut", ["Words " * 300])[:900])
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return root


@pytest.fixture(scope="module")
def formats_index(tmp_path_factory, recognizer):
    root = build_folder(tmp_path_factory.mktemp("formats") / "corpus")
    os.environ[CRASH_ENV] = (
        "boom"  # the worker aborts on boom.pdf, as a crashing PDFium would
    )
    try:
        index = Index(root, home=tmp_path_factory.mktemp("formats-home"))
        report = index.sync(recognizer=recognizer)
    finally:
        del os.environ[CRASH_ENV]
    yield index, report
    index.close()


def test_every_good_file_is_searchable_by_its_body_and_has_its_real_title(
    formats_index,
):
    index, _ = formats_index
    titles = {info.id: info.title for info in index.documents()}
    assert titles == {
        "note.txt": "Plain note about Lisbon",
        "page.html": "Glacier retreats in Patagonia",
        "audit.pdf": "Port Audit Findings",
        "book.epub": "Voyages of the Amazon",
        "memo.docx": "Memo on Budapest Trams",
    }
    for word, doc in [
        ("Barreiro", "note.txt"),
        ("icebergs", "page.html"),
        ("quartermaster", "audit.pdf"),
        ("dawn", "book.epub"),
        ("embankment", "memo.docx"),
    ]:
        assert [hit.doc for hit in index.search(word).hits] == [doc], word
    for boilerplate in (
        "cookies",
        "subscribe",
        "copyright",
        "zucchiniwatch",
        "gazette",
    ):
        assert index.search(boilerplate).hits == [], boilerplate


def test_bad_files_are_skipped_with_their_reasons(formats_index):
    _, report = formats_index
    reasons = {s.path: s.reason for s in report.skipped}
    assert "password protected" in reasons["secret.pdf"]
    assert "no text: scanned?" in reasons["scan.pdf"]
    assert "zip bomb" in reasons["bomb.epub"]
    assert "crashed" in reasons["boom.pdf"]
    assert (
        "damaged" in reasons["truncated.docx"]
        or "not a valid" in reasons["truncated.docx"]
    )
    assert reasons["photo.png"] == "unsupported format (.png)"
    assert ".DS_Store" not in reasons


def test_a_crashed_file_is_not_retried_until_it_changes(formats_index):
    index, _ = formats_index
    report = index.sync(
        entities=False
    )  # the crash hook is off now: a retry would succeed
    assert "crashed" in {s.path: s.reason for s in report.skipped}["boom.pdf"]
    path = index.root / "boom.pdf"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = index.sync(entities=False)
    assert "boom.pdf" not in {s.path for s in report.skipped}
    assert index.search("Boom").hits[0].doc == "boom.pdf"


def test_entities_pages_and_chapters_reach_search_and_quotes(formats_index):
    index, _ = formats_index
    pdf = index.open_document("audit.pdf")
    assert {"Nairobi", "Mombasa"} <= {e.text for e in pdf.entities or []}
    hit = index.search("quartermaster").hits[0]
    start = hit.matches[0][0]
    assert hit.page == pdf.page_at(start) and hit.page > 1
    quote = make_quote(pdf, start, start + len("quartermaster"))
    assert quote.page == hit.page and f"p. {hit.page}" in cite(quote)
    book = index.open_document("book.epub")
    at = book.text.index("captain")
    quote = make_quote(book, at, at + 7)
    assert quote.chapter == "Iquitos" and "Iquitos" in cite(quote)
    assert index.search("Budapest").hits[0].page is None  # unpaged formats have no page


def test_the_cli_indexes_the_folder_with_exit_zero_and_pages_in_search_json(tmp_path):
    root = build_folder(tmp_path / "corpus")
    (root / "boom.pdf").unlink()
    home = tmp_path / "home"
    data = json.loads(run("index", root, "--json", "--no-entities", home=home).stdout)
    assert data["documents"] == 5
    assert {s["path"] for s in data["skipped"]} == {
        "secret.pdf",
        "scan.pdf",
        "bomb.epub",
        "truncated.docx",
        "photo.png",
    }
    found = json.loads(
        run("search", "quartermaster", "--json", "--corpus", root, home=home).stdout
    )
    assert found["hits"][0]["doc"] == "audit.pdf" and found["hits"][0]["page"] >= 2
    found = json.loads(
        run("search", "Barreiro", "--json", "--corpus", root, home=home).stdout
    )
    assert found["hits"][0]["page"] is None


def test_opening_and_snippets_use_the_cached_extraction_never_the_parser(
    formats_index, monkeypatch
):
    index, _ = formats_index
    monkeypatch.setenv(CRASH_ENV, "audit")  # any new parse of audit.pdf would now fail
    document = index.open_document("audit.pdf")
    assert document.title == "Port Audit Findings" and document.pages >= 2
    hit = index.search("procurement").hits[0]
    assert "procurement" in hit.snippet.lower()


def test_the_bundled_sample_shows_every_format_and_indexes_cleanly(tmp_path):
    from search_index import bundled_seeds

    data = json.loads(
        run("index", bundled_seeds(), "--json", "--no-entities", home=tmp_path).stdout
    )
    assert data["skipped"] == [] and data["notes"] == []
    index = Index(bundled_seeds(), home=tmp_path)
    try:
        ids = [info.id for info in index.documents(limit=1000)]
        assert len(ids) >= 290
        assert {doc.rsplit(".", 1)[1] for doc in ids} == {
            "txt",
            "html",
            "pdf",
            "epub",
            "docx",
        }
        assert "SOURCE.md" not in ids  # the attribution, passed over by seeds/.seed-reader-ignore
        assert index.search("cookies").hits == []  # the pages' cookie banners are boilerplate
    finally:
        index.close()
