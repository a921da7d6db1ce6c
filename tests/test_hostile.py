"""Hostile and broken files: each one indexed or skipped with its reason, the rest indexed, no crash."""

from __future__ import annotations

import json

import pytest

from search_index import Index
from tests import hostile
from tests.app_helpers import open_result, record_notices, until, wait_synced
from tests.test_cli import run
from tui.app import ReaderApp


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    cases = hostile.build(root)
    home = tmp_path_factory.mktemp("hostile-home")
    report = json.loads(run("index", root, "--json", "--no-entities", home=home).stdout)
    return root, home, cases, report


def test_every_file_is_indexed_or_skipped_with_its_reason(hostile_corpus):
    root, home, cases, report = hostile_corpus
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    index = Index(root, home=home)
    try:
        indexed = {info.id for info in index.documents(limit=1000)}
        for case in cases:
            where = "indexed" if case.name in indexed else "skipped" if case.name in skipped else "lost"
            assert where != "lost", f"{case.name!r} is neither indexed nor listed as skipped"
            assert case.fate in (where, "either"), f"{case.name!r} was {where}, expected {case.fate}"
            if where == "skipped":
                assert skipped[case.name].strip(), f"{case.name!r} skipped without a reason"
            if case.marker:
                hits = index.search(case.marker).hits
                assert [hit.doc for hit in hits] == [case.name], f"{case.marker} should find {case.name!r}"
        assert not [doc for doc in indexed if doc.startswith("folder-loop/")], "a folder loop was followed"
        assert indexed <= {case.name for case in cases}
    finally:
        index.close()
    assert "too large" in skipped["huge-single-line.txt"]
    assert "binary" in skipped["binary.txt"] and "binary" in skipped["nul-bytes.txt"]
    notes = {n["path"]: n["reason"] for n in report["notes"]}
    assert "latin1.txt" in notes and "invalid-utf8.txt" in notes  # decoded, and the user is told how


def test_the_cli_lists_skipped_files_readably(hostile_corpus):
    root, home, _, _ = hostile_corpus
    out = run("index", root, home=home).stdout
    assert "skipped binary.txt: binary file" in " ".join(out.split())
    assert "\x1b" not in out and "\x07" not in out  # file names are data too


async def test_the_reader_shows_skipped_files_and_opens_hostile_documents(hostile_corpus):
    root, home, _, _ = hostile_corpus
    app = ReaderApp(root, home=home)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        label = screen.status.query_one("#label")
        await until(pilot, lambda: "skipped" in str(label.render()), "the skipped files in the status line")
        shown = record_notices(app)
        app.show_skipped()
        await until(pilot, lambda: any("binary.txt" in notice for notice in shown), "the skipped files' notice")
        for marker in ("longlineend", "utfsixteenmarker", "injectionmarker", "deepnestedmarker", "newlinenamemarker"):
            await open_result(pilot, marker)
            assert screen.reader.matches, f"{marker}: opened without its match marked"
            await pilot.press("G", "g", "j", "k")
        assert app.is_running
