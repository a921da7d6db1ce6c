"""`o` (sort by date) uses the date a document states: HTML meta, PDF/DOCX properties, EPUB OPF, Markdown front matter."""

from __future__ import annotations

from datetime import datetime

from search_index import Index
from tests.formats_factory import make_docx, make_epub, make_html, make_pdf


def test_the_date_sort_follows_each_formats_own_publication_date(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a-report.pdf").write_bytes(make_pdf("Report", ["The report body about harbours."] * 3, date=datetime(2023, 1, 2)))
    (root / "b-page.html").write_text(make_html("Page", ["A page about glaciers and ice."], date="2020-03-04"))
    (root / "c-book.epub").write_bytes(make_epub("Book", [("One", ["A chapter about rivers."])], date="2020-06-01"))
    (root / "d-memo.docx").write_bytes(make_docx("Memo", ["A memo about trams."], date=datetime(2019, 7, 8)))
    (root / "e-notes.md").write_text("---\ntitle: Notes\ndate: 2021-05-06\n---\n\nNotes about ferries.\n")
    (root / "2022-01-01-diary.txt").write_text("Diary\nA day about nothing much.\n")  # a date only in its name
    (root / "f-undated.txt").write_text("Undated\nNo date anywhere.\n")
    index = Index(root, home=tmp_path / "home")
    try:
        report = index.sync(entities=False)
        assert not report.skipped
        listed = index.documents(sort="date")
        assert [(d.id, d.date) for d in listed] == [
            ("a-report.pdf", "2023-01-02"),
            ("2022-01-01-diary.txt", "2022-01-01"),
            ("e-notes.md", "2021-05-06"),
            ("c-book.epub", "2020-06-01"),
            ("b-page.html", "2020-03-04"),
            ("d-memo.docx", "2019-07-08"),
            ("f-undated.txt", None),
        ]
    finally:
        index.close()


def test_the_list_knows_each_documents_format_and_author_also_in_a_catalog_from_before(tmp_path):
    import sqlite3

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "page.html").write_text(make_html("Page", ["A page about glaciers and ice."], author="Jane Roe"))
    (root / "note.txt").write_text("Note\nA plain note.\n")
    home = tmp_path / "home"
    index = Index(root, home=home)
    try:
        index.sync(entities=False)
        page, note = index.info("page.html"), index.info("note.txt")
        assert (page.format, page.author) == ("html", "Jane Roe")
        assert (note.format, note.author) == ("text", None)
        location = index.location
    finally:
        index.close()
    # A catalog written before formats: no format or author columns.
    with sqlite3.connect(location / "catalog.sqlite") as db:
        db.execute("ALTER TABLE documents DROP COLUMN format")
        db.execute("ALTER TABLE documents DROP COLUMN author")
    index = Index(root, home=home)
    try:
        assert index.info("page.html").format == "html"  # told by its extension until it is read again
        assert [d.id for d in index.documents()] == ["note.txt", "page.html"]
        (root / "page.html").write_text(make_html("Page", ["A page about glaciers and fjords."], author="Jane Roe"))
        index.sync(entities=False)
        assert index.info("page.html").author == "Jane Roe"
    finally:
        index.close()
