"""Saved searches and bookmarks: what is new since last seen, and places that survive edits and restarts."""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from search_index import Bookmarks, Index, NotSaved, make_bookmark, place_bookmark
from tests.test_cli import run


def write(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    path = folder / name
    path.write_text("\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return path


def saved(corpus: Path, home: Path) -> list[dict]:
    return json.loads(run("saved", "--corpus", corpus, "--json", home=home).stdout)["saved"]


def test_a_saved_search_says_which_documents_are_new_until_they_are_seen(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "old.txt", "Steel tariffs rise", "The government raised steel tariffs on imports.")
    write(corpus, "garden.txt", "Gardening", "Water the roses in the evening.")
    assert "1 document matches now" in run("saved", "add", "steel tariffs", "--corpus", corpus, home=home).stdout

    write(corpus, "reply.txt", "The EU answers", "Brussels answered the steel tariffs with its own.")
    write(corpus, "cats.txt", "Cats", "Nothing about trade here.")
    [search] = saved(corpus, home)  # `saved` brings the index up to date first
    assert (search["name"], search["query"], search["total"], search["new"]) == ("steel tariffs", "steel tariffs", 2, 1)
    assert search["new_docs"] == ["reply.txt"] and search["last_seen"]

    run("saved", "seen", "steel tariffs", "--corpus", corpus, home=home)
    assert saved(corpus, home)[0]["new"] == 0

    write(corpus, "later.txt", "Steel again", "More steel tariffs, said the minister.")
    assert saved(corpus, home)[0]["new_docs"] == ["later.txt"]
    (corpus / "later.txt").unlink()  # deleted: no longer new
    assert saved(corpus, home)[0]["new"] == 0
    write(corpus, "reply.txt", "The EU answers", "Brussels answered with fish quotas.")  # stops matching
    assert saved(corpus, home)[0]["total"] == 1


def test_a_query_that_cannot_be_read_is_refused_with_the_search_hint(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "a.txt", "Steel", "Steel tariffs.")
    refused = run("saved", "add", '"steel tariffs', "--corpus", corpus, home=home, check=False)
    assert refused.returncode == 2 and "Unclosed quote" in refused.stderr
    refused = run("saved", "add", "topic:steel", "--corpus", corpus, home=home, check=False)
    assert refused.returncode == 2 and "Unknown field topic:" in refused.stderr
    assert saved(corpus, home) == []
    nothing_yet = run("saved", "add", "zeppelins", "--name", "airships", "--corpus", corpus, home=home)
    assert "No documents match now" in nothing_yet.stdout  # a search for the future is a fine search
    assert [s["name"] for s in saved(corpus, home)] == ["airships"]


def test_saved_searches_belong_to_their_folder_and_can_be_removed(tmp_path, home):
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        folder.mkdir()
        write(folder, "a.txt", "Steel", "Steel tariffs.")
    run("saved", "add", "steel", "--corpus", first, home=home)
    assert saved(second, home) == [] and len(saved(first, home)) == 1
    missing = run("saved", "remove", "steel", "--corpus", second, home=home, check=False)
    assert missing.returncode == 2 and "No saved search 'steel'" in missing.stderr
    run("saved", "remove", "steel", "--corpus", first, home=home)
    assert saved(first, home) == []


def test_any_query_form_can_be_saved(tmp_path, home, recognizer):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "a.txt", "Summit", "Angela Merkel met Emmanuel Macron in Paris.")
    write(corpus, "b.txt", "Later", "Merkel spoke again in Berlin.")
    index = Index(corpus, home=home)
    try:
        index.sync(recognizer=recognizer)
        for query in ('person:"Angela Merkel"', "place:paris", "entity:berlin", '"met Emmanuel"', "merk*", "merkel -macron", "summit OR later"):
            hits = [hit.doc for hit in index.search(query, limit=100).hits]
            assert index.matching(query) == hits and hits, query  # what `search` finds, in its order
        assert index.matching("place:paris") == ["a.txt"]
        assert index.matching('"met Emmanuel"') == ["a.txt"]
        assert set(index.matching("merk*")) == {"a.txt", "b.txt"}
        assert index.matching("merkel -macron") == ["b.txt"]
        assert index.query_problem("title:(summit") is not None and index.query_problem("title:summit") is None
    finally:
        index.close()


def test_a_bookmark_is_found_again_after_a_restart_and_edits_above_and_in_it(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    path = write(corpus, "a.txt", "Budget day", "The minister spoke first.", "Then the opposition replied at length.", "Votes followed.")
    index = Index(corpus, home=home)
    try:
        index.sync(entities=False)
        document = index.open_document("a.txt")
        offset = document.text.index("opposition")
        Bookmarks(home).add(make_bookmark(document, offset, note="  the  reply  "))

        [mark] = Bookmarks(home).all()  # as a new process reads it
        assert (mark.doc, mark.paragraph, mark.note, mark.root) == ("a.txt", 2, "the reply", str(corpus))
        assert place_bookmark(mark, document).status == "ok"

        write(corpus, "a.txt", "Budget day", "A new lead paragraph.", "The minister spoke first.", "Then the opposition replied at length.", "Votes followed.")
        moved = place_bookmark(mark, index.open_document("a.txt"))
        text = index.open_document("a.txt").text
        assert moved.status == "moved" and moved.paragraph == 3 and text[moved.start :].startswith("Then the opposition")

        path.write_text("Budget day\nA new lead paragraph.\nThe minister spoke first.\nThen the opposition replied briefly.\nVotes followed.\n")
        changed = place_bookmark(mark, index.open_document("a.txt"))
        text = index.open_document("a.txt").text
        assert changed.status == "changed" and text[changed.start :].startswith("Then the opposition replied briefly")
        assert place_bookmark(mark, None).status == "missing"
    finally:
        index.close()


def test_a_deleted_bookmark_comes_back_when_set_again_and_json_lists_every_folder(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "a.txt", "Budget day", "The minister spoke first.")
    index = Index(corpus, home=home)
    try:
        index.sync(entities=False)
        mark = make_bookmark(index.open_document("a.txt"), 0)
    finally:
        index.close()
    book = Bookmarks(home)
    book.add(mark)
    book.delete(mark.id)
    assert json.loads(run("bookmarks", "--json", home=home).stdout) == {"bookmarks": []}
    book.add(mark)  # undo
    [listed] = json.loads(run("bookmarks", "--json", home=home).stdout)["bookmarks"]
    assert (listed["id"], listed["doc"], listed["paragraph"], listed["root"]) == (mark.id, "a.txt", 0, str(corpus))


def test_a_damaged_line_is_kept_aside_and_reported_never_dropped(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "a.txt", "Steel", "Steel tariffs.")
    run("saved", "add", "steel", "--corpus", corpus, home=home)
    store = home / "saved-searches.jsonl"
    good = store.read_bytes()
    store.write_bytes(good + b'{"save": {"root": "x", "na\xff\n')  # damaged on disk
    run("saved", "add", "tariffs", "--corpus", corpus, home=home)
    listed = run("saved", "--corpus", corpus, "--json", home=home)
    assert [s["name"] for s in json.loads(listed.stdout)["saved"]] == ["steel", "tariffs"]
    assert "1 damaged line(s)" in listed.stderr and "saved-searches.jsonl.damaged" in listed.stderr
    assert b'"na\xff' in (home / "saved-searches.jsonl.damaged").read_bytes()
    assert store.read_bytes().startswith(good)  # nothing the user saved was rewritten away


@contextmanager
def tiny_tmpfs(path: Path, kilobytes: int):
    path.mkdir(parents=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(path)], capture_output=True).returncode:
        pytest.skip("needs root and the right to mount a tmpfs (true in CI's container)")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


def test_a_full_disk_says_the_bookmark_was_not_saved_and_keeps_the_others(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    write(corpus, "a.txt", "Budget day", "The minister spoke first. " * 40)
    index = Index(corpus, home=home)
    try:
        index.sync(entities=False)
        document = index.open_document("a.txt")
    finally:
        index.close()
    with tiny_tmpfs(tmp_path / "full", 8) as full:
        book = Bookmarks(full)
        book.add(make_bookmark(document, 0, note="kept"))
        filler = os.open(full / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(filler, b"x" * 512):
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
        with pytest.raises(NotSaved, match="The bookmark was not saved: No space left on device"):
            book.add(make_bookmark(document, 5, note="lost, and said so " * 400))  # more than the page left
        assert [b.note for b in Bookmarks(full).all()] == ["kept"]
